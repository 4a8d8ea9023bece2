// The config as the admin pages change it: checked with the same schema as the file, applied to the
// running hub (engine, broker sign-in, public config), recorded as a `config.changed` event, and
// written back into the YAML file (only the lines it changes). A dry run says what a change would do —
// its changes and the file's lines — without doing it, for the page to show before saving.
// Credentials are never sent to the pages: PINs arrive in clear once and are hashed here; a new device
// secret is made here and shown once; hashes are hidden in the file's lines.
import { randomBytes } from 'node:crypto';
import {
  type Config,
  type ConfigChange,
  type ConfigProblem,
  configEditSchema,
  configProblems,
  configSchema,
  describeConfigChange,
  type EditableConfig,
  type FileDiff,
} from '@vikno/shared';
import { hashPin, hashSecret } from '../security/hashing.js';
import { configChanges } from './config-diff.js';
import { EDITABLE_SECTIONS, editConfigText, fileDiff, readConfigFile, writeConfigFile } from './config-file.js';

export interface ConfigTarget {
  current(): Config;
  /** Commits the change through the hub's command loop; resolves with the new version. */
  replace(next: Config, by: string, changes: string[]): Promise<number>;
}

export type ApplyResult =
  | {
      ok: true;
      /** The new version; null when nothing changed or on a dry run. */
      version: number | null;
      changes: ConfigChange[];
      secrets: Record<string, string>;
      /** The file's lines the change removes and adds; null without a file or a change. */
      file: FileDiff | null;
      /** The file the dry run was made on, to send back with the save; null otherwise. */
      base: string | null;
    }
  | { ok: false; problems: ConfigProblem[] };

export class LiveConfig {
  constructor(
    private readonly target: ConfigTarget,
    private readonly onApplied: (config: Config) => void,
    private readonly file: string | undefined,
    /** Problems of an edit beyond the schema's: the region's catalogue refuses changes to its own services. */
    private readonly guard?: (current: Config, next: Config) => ConfigProblem[],
  ) {}

  current(): Config {
    return this.target.current();
  }

  /** The editable sections without PIN hashes or secret hashes: what the admin pages see. */
  editable(): EditableConfig {
    const c = this.current();
    return {
      ...(Object.fromEntries(EDITABLE_SECTIONS.map((k) => [k, c[k]])) as Omit<EditableConfig, 'operators' | 'devices'>),
      operators: c.operators.map(({ pinHash: _hash, ...o }) => o),
      devices: c.devices.map(({ secretHash: _hash, ...d }) => d),
    };
  }

  async apply(body: unknown, by: string): Promise<ApplyResult> {
    const edit = configEditSchema.safeParse(body);
    if (!edit.success) return { ok: false, problems: configProblems(edit.error, body) };
    const { config: edited, pins, resetSecrets, dryRun, base } = edit.data;
    const current = this.current();
    const problems: ConfigProblem[] = [];
    const operators = await Promise.all(
      edited.operators.map(async (o, i) => {
        const pin = pins[o.username];
        const pinHash = pin ? await hashPin(pin) : current.operators.find((x) => x.username === o.username)?.pinHash;
        if (!pinHash) problems.push({ path: ['operators', i], key: 'config.pinNeeded', params: {} });
        return { ...o, pinHash };
      }),
    );
    const secrets: Record<string, string> = {};
    const devices = edited.devices.map((d) => {
      const known = current.devices.find((x) => x.id === d.id)?.secretHash;
      if (known && !resetSecrets.includes(d.id)) return { ...d, secretHash: known };
      const secret = randomBytes(18).toString('base64url');
      secrets[d.id] = secret;
      return { ...d, secretHash: hashSecret(secret) };
    });
    if (problems.length) return { ok: false, problems };
    const editedSections = Object.fromEntries(EDITABLE_SECTIONS.map((k) => [k, edited[k]]));
    const candidate = { ...current, ...editedSections, operators, devices };
    const parsed = configSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, problems: configProblems(parsed.error, candidate) };
    const next = parsed.data;
    if (next.site.id !== current.site.id) return { ok: false, problems: [{ path: ['site', 'id'], key: 'config.siteIdFixed', params: {} }] };
    const refused = this.guard?.(current, next) ?? [];
    if (refused.length) return { ok: false, problems: refused };
    const changes = configChanges(current, next);
    if (!changes.length) return { ok: true, version: null, changes, secrets: {}, file: null, base: null };
    let written: { text: string; diff: FileDiff; base: string } | undefined;
    if (this.file) {
      const text = readConfigFile(this.file);
      const file = editConfigText(text, next);
      if (!file.ok) return { ok: false, problems: [file.problem] };
      if (base !== undefined && base !== file.base) return { ok: false, problems: [{ path: [], key: 'config.file.changed', params: {} }] };
      written = { text: file.text, diff: fileDiff(this.file, text, file.text), base: file.base };
    }
    if (dryRun) return { ok: true, version: null, changes, secrets: {}, file: written?.diff ?? null, base: written?.base ?? null };
    let version: number;
    try {
      version = await this.target.replace(next, by, changes.map(describeConfigChange));
    } catch (error) {
      return { ok: false, problems: [{ path: [], key: 'config.notApplied', params: { error: (error as Error).message } }] };
    }
    this.onApplied(next);
    if (this.file && written) writeConfigFile(this.file, written.text);
    return { ok: true, version, changes, secrets, file: written?.diff ?? null, base: null };
  }
}
