import type { Migration } from './types.js';

/**
 * Signed-in supervisors, kept in the database so that a restart of central signs no one out and two
 * central processes behind one load balancer know the same sessions (http/sessions.ts). A session is
 * kept by the SHA-256 of its cookie's token, so a copy of the table opens nothing. It ends with its
 * user: removing the user deletes it (the foreign key), and so does changing their password (the
 * trigger, whatever changes it: `vikno-central user password` or SQL by hand). `sign_in_failures`
 * counts wrong passwords per username, shared by every process for the same reason.
 */
export const sessions: Migration = {
  version: 5,
  name: 'sessions',
  up: async (db) => {
    await db.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen timestamptz NOT NULL
      );
      CREATE INDEX sessions_username ON sessions (username);
      CREATE FUNCTION end_sessions_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM sessions WHERE username = NEW.username;
        RETURN NULL;
      END $$;
      CREATE TRIGGER users_password_changed AFTER UPDATE OF password_hash ON users
        FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
        EXECUTE FUNCTION end_sessions_of_user();
      CREATE TABLE sign_in_failures (
        username text PRIMARY KEY,
        count int NOT NULL,
        -- The count is forgotten after this; while count reaches the limit the name waits until then.
        until timestamptz NOT NULL
      );
    `);
  },
};
