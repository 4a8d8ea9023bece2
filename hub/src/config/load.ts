// Reads the centre's YAML file and the deployer's overrides (flags win over environment variables,
// which win over the file). A file that is not YAML yields its first syntax error, with its line; a
// config that does not fit the schema yields every problem with its path, not just the first.
//
// Read with js-yaml, a plain loader: a regional centre's file (23,000 lines) took `yaml`'s document
// parser 0.7–1 s of a 2 s hub start, js-yaml 0.1–0.2 s (docs/performance.md). `yaml` stays for
// writing admin edits back into the file, where its documents keep the file's comments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Config, configSchema, describeConfigIssues } from '@vikno/shared';
import { load, YAMLException } from 'js-yaml';

export type LoadResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfigFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${file}: ${(error as Error).message}`] };
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file = 'config'): LoadResult {
  let data: unknown;
  try {
    // js-yaml's default is the YAML 1.2 core schema, as `yaml`'s: `08:00` and `2026-03-03` stay strings.
    data = load(text);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const { mark } = error;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}${mark.snippet ? `:\n\n${mark.snippet}` : ''}` : '';
    return { ok: false, problems: [`${file}: ${error.reason}${where}`] };
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: describeConfigIssues(parsed.error, data) };
  return { ok: true, config: parsed.data };
}

export interface Overrides {
  config: string;
  dataDir?: string;
  httpPort?: number;
  mqttPort?: number;
}

/** Flags (`--config`, `--data-dir`, `--http-port`, `--mqtt-port`) and `VIKNO_*` variables. */
export function readOverrides(argv: string[], env: NodeJS.ProcessEnv): Overrides {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'http-port': { type: 'string' },
      'mqtt-port': { type: 'string' },
    },
    strict: true,
  });
  return {
    config: values.config ?? env.VIKNO_CONFIG ?? 'config/demo-centre.yaml',
    // An empty variable means unset, not the current folder.
    dataDir: values['data-dir'] || env.VIKNO_DATA_DIR || undefined,
    httpPort: parsePort(values['http-port'] ?? env.VIKNO_HTTP_PORT, 'the HTTP port'),
    mqttPort: parsePort(values['mqtt-port'] ?? env.VIKNO_MQTT_PORT, 'the MQTT port'),
  };
}

export function parsePort(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  // Digits only: Number() would read "" and " " as 0 (any free port), "0x50" as 80 and "1e3" as 1000.
  const n = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, not "${value}"`);
  return n;
}

export function applyOverrides(config: Config, o: Overrides): Config {
  return {
    ...config,
    dataDir: o.dataDir ?? config.dataDir,
    http: { ...config.http, port: o.httpPort ?? config.http.port },
    broker: { ...config.broker, port: o.mqttPort ?? config.broker.port },
  };
}
