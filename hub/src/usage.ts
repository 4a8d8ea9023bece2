// What `vikno-hub --help` and `vikno-hub <command> --help` print.

export const COMMANDS = [
  'run',
  'check-config',
  'verify-audit',
  'verify-draws',
  'backup',
  'hash-pin',
  'hash-secret',
  'mosquitto',
  'voice-pack',
  'install',
] as const;
export type Command = (typeof COMMANDS)[number];

const CONFIG = "  --config FILE       the centre's config (VIKNO_CONFIG; default config/demo-centre.yaml)";
const DATA_DIR = "  --data-dir DIR      the folder of the record, vikno.db (VIKNO_DATA_DIR; default: the config's dataDir)";

const COMMAND_USAGE: Record<Command, string> = {
  run: `Usage: vikno-hub [run] [--config FILE] [--data-dir DIR] [--http-port N] [--mqtt-port N]

Starts the hub: the broker (embedded, or the config's broker.url), the queue engine, the SQLite
record and the HTTP server, and prints the addresses of its pages. Stops cleanly on SIGTERM or SIGINT.

${CONFIG}
${DATA_DIR}
  --http-port N       the HTTP port (VIKNO_HTTP_PORT; default: the config's http.port, 8080)
  --mqtt-port N       the embedded broker's TCP port (VIKNO_MQTT_PORT; default: the config's broker.port, 1883)

Flags win over the variables. VIKNO_LOG_LEVEL sets the log level (pino; default info).`,
  'check-config': `Usage: vikno-hub check-config [--config FILE]

Checks a config file: prints "config ok", or lists every problem with its path and exits 1.

${CONFIG}`,
  'verify-audit': `Usage: vikno-hub verify-audit [--config FILE] [--data-dir DIR]

Checks the event log's hash chain and names the first tampered row (exit 1 when there is one).

${CONFIG}
${DATA_DIR}`,
  'verify-draws': `Usage: vikno-hub verify-draws --day YYYY-MM-DD [--config FILE] [--data-dir DIR]

Recomputes every back-office draw of a closed day from its revealed secret and says whether each
one follows from the day's commitment (exit 1 when one does not).

  --day YYYY-MM-DD    the day (required; its secret is revealed once it has closed)
${CONFIG}
${DATA_DIR}`,
  backup: `Usage: vikno-hub backup --out FILE [--config FILE] [--data-dir DIR]

Copies the record into FILE as one consistent snapshot, while a hub may keep serving. Never
overwrites a file.

  --out FILE          where the copy goes (required)
${CONFIG}
${DATA_DIR}`,
  'hash-pin': `Usage: vikno-hub hash-pin PIN

Prints the hash (scrypt) of an operator's PIN, for the config's operators[].pinHash.`,
  'hash-secret': `Usage: vikno-hub hash-secret SECRET

Prints the hash (PBKDF2-SHA512 in Mosquitto's format) of a device's secret, for the config's
devices[].secretHash.`,
  mosquitto: `Usage: vikno-hub mosquitto --out DIR [--hub-password P] [--config FILE] [--port N] [--bind ADDRESS] [--ws-port N] [--plugin FILE]

Writes mosquitto.conf and dynsec.json into DIR for running the centre on an external Mosquitto
(mosquitto -c DIR/mosquitto.conf): Mosquitto's dynamic-security plugin with the same access rules as
the embedded broker, the devices with a secret in the config, and the hub allowed to pair and revoke
devices through the plugin. Mosquitto rewrites dynsec.json as devices are paired: write it once.

  --out DIR           where to write the files (required)
  --hub-password P    the hub's own password on the broker (or VIKNO_BROKER_PASSWORD; required)
${CONFIG}
  --port N            the TCP listener's port (default 1883)
  --bind ADDRESS      the TCP listener's address (default 127.0.0.1). Only the hub speaks MQTT over
                      TCP; give the LAN address or 0.0.0.0 when Mosquitto runs on another machine
  --ws-port N         the WebSocket listener's port (default 8083), on every interface: the devices'
                      pages connect to it from the hall's network
  --plugin FILE       mosquitto_dynamic_security.so (default: the one found under /usr/lib)`,
  'voice-pack': `Usage: vikno-hub voice-pack --from DIR --out DIR [--config FILE]

Makes a centre's recorded words into the voice pack its hall displays speak from: reads
DIR/<language>/<word>.wav for each language the centre announces in, brings every recording to one
loudness, writes the pack, and names the words the centre's calls need that are missing (exit 1
while any are; the pack is written anyway). display/README.md, "Voice packs", says what to record.

  --from DIR          the recordings, a folder per language (required)
  --out DIR           where the pack goes: announcements.voicePack (required; outside --from)
${CONFIG}`,
  install: `Usage: vikno-hub install [--config FILE] [--user NAME] [--root DIR]   (as root)

Sets the hub up as the systemd service vikno-hub on Debian or Ubuntu: a system user of its own, the
config in /etc/vikno/centre.yaml (copied from FILE the first time, never over an existing one), the
record in /var/lib/vikno, the log in the journal (journalctl -u vikno-hub); restarted when it fails
or hangs (watchdog). Then enables and (re)starts it. Running it again changes only what differs.
Run it from where Vikno stays (e.g. /opt/vikno, built), not from under /home or /root.

  --config FILE       the centre's config to install (needed the first time; checked first)
  --user NAME         the service's user (default vikno)
  --root DIR          only write the files under DIR (for packaging); no user, no systemctl`,
};

export function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

/** A command's usage, or the list of commands. */
export function usage(command?: Command): string {
  if (command) return COMMAND_USAGE[command];
  return `Usage: vikno-hub [command] [options]

Commands:
  run            start the hub (the default)
  check-config   check a config file and list its problems
  verify-audit   check the event log's hash chain
  verify-draws   check a closed day's back-office draws
  backup         copy the record to a file
  hash-pin       hash an operator's PIN for the config
  hash-secret    hash a device's secret for the config
  mosquitto      write the files for an external Mosquitto
  voice-pack     make recorded words into the displays' voice pack
  install        set the hub up as a systemd service

vikno-hub <command> --help describes a command.`;
}
