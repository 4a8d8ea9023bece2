// `vikno-central user add|list|password|scope|remove`: the region's users from the command line, on
// the config's database. Passwords come from read-password.ts, never from the arguments.
import type { ParseArgsConfig } from 'node:util';
import type { Pool } from 'pg';
import type { CentralConfig } from '../config.js';
import { UsageError } from '../usage-error.js';
import { readNewPassword } from './read-password.js';
import { addUser, listUsers, removeUser, setPassword, setScope, UserError } from './users.js';

export const USER_USAGE = `       vikno-central user add USERNAME --name NAME (--region | --sites ID,ID…) --config FILE
       vikno-central user password USERNAME --config FILE
       vikno-central user scope USERNAME (--region | --sites ID,ID…) --config FILE
       vikno-central user remove USERNAME --config FILE
       vikno-central user list --config FILE
         (a password is asked twice without echo, or read as the first line of stdin)`;

export interface UserCommandDeps {
  config: CentralConfig;
  pool: Pool;
  print: (line: string) => void;
  readPassword?: () => Promise<string>;
}

export const USER_OPTIONS = {
  name: { type: 'string' },
  region: { type: 'boolean' },
  sites: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface UserCommandLine {
  values: { name?: string; region?: boolean; sites?: string };
  positionals: readonly string[];
}

/** The command line after `user`, parsed with USER_OPTIONS (main.ts reads `--config` beside them). */
export async function userCommand(line: UserCommandLine, deps: UserCommandDeps): Promise<void> {
  const { values } = line;
  const [action, username, ...more] = line.positionals;
  if (more.length > 0) throw new UsageError(`unexpected "${more.join(' ')}"`);
  const { pool, print } = deps;
  const readPassword = deps.readPassword ?? (() => readNewPassword());
  if (action === 'list') {
    for (const u of await listUsers(pool))
      print([u.username, u.name, u.scope.region ? 'region' : u.scope.sites.join(','), u.addedAt.toISOString()].join('\t'));
    return;
  }
  if (!action) throw new UsageError('user: say add, list, password, scope or remove');
  if (!username) throw new UsageError(`user ${action}: USERNAME is needed`);
  switch (action) {
    case 'add': {
      if (!values.name) throw new UsageError('user add: --name NAME is needed');
      const sites = scopeOf(values, deps.config);
      await addUser(pool, { username, name: values.name, password: await readPassword(), sites });
      return print(`user ${username} added (${sites.length === 0 ? 'the whole region' : sites.join(', ')})`);
    }
    case 'password':
      await setPassword(pool, username, await readPassword());
      return print(`user ${username}: password changed, their sessions ended`);
    case 'scope': {
      const sites = scopeOf(values, deps.config);
      await setScope(pool, username, sites);
      return print(`user ${username} now sees ${sites.length === 0 ? 'the whole region' : sites.join(', ')}`);
    }
    case 'remove':
      await removeUser(pool, username);
      return print(`user ${username} removed, their sessions ended`);
    default:
      throw new UsageError(`unknown user command "${action}": use add, list, password, scope or remove`);
  }
}

/** `--region` (empty: everything) or `--sites a,b`, each a site of the config: a typo would give a user nothing. */
function scopeOf(values: { region?: boolean; sites?: string }, config: CentralConfig): string[] {
  if (Boolean(values.region) === Boolean(values.sites)) throw new UsageError('say what the user sees: --region, or --sites ID,ID…');
  if (values.region) return [];
  const sites = [...new Set((values.sites ?? '').split(',').map((s) => s.trim()))].filter(Boolean);
  const known = new Set(config.sites.map((s) => s.id));
  const unknown = sites.filter((s) => !known.has(s));
  if (sites.length === 0 || unknown.length > 0)
    throw new UserError(
      `no centre ${unknown.join(', ') || '(none given)'} in the config: its centres are ${[...known].join(', ') || '(none)'}`,
    );
  return sites;
}
