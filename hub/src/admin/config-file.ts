// The centre's YAML file kept in step with the live config: admin edits are written back into the
// same document (its comments and the deployment sections — data folder, ports, broker — stay as the
// file has them, since the command line may override those at start), atomically: temp file + rename.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Config } from '@vikno/shared';
import { parseDocument } from 'yaml';

/** The sections supervisors edit in the admin pages; the rest belongs to whoever deploys the hub. */
export const EDITABLE_SECTIONS = [
  'site',
  'serviceGroups',
  'services',
  'zones',
  'counters',
  'operators',
  'devices',
  'queue',
  'kiosk',
  'announcements',
] as const satisfies readonly (keyof Config)[];
export type EditableSection = (typeof EDITABLE_SECTIONS)[number];

/** The live config as YAML, merged into `existing` (the file's text) when there is one. */
export function configYaml(config: Config, existing = ''): string {
  const doc = parseDocument(existing);
  if (!doc.contents) {
    const fresh = parseDocument('{}');
    for (const key of Object.keys(config) as (keyof Config)[]) if (config[key] !== undefined) fresh.set(key, config[key]);
    return fresh.toString({ lineWidth: 0 });
  }
  for (const key of EDITABLE_SECTIONS) doc.set(key, config[key]);
  return doc.toString({ lineWidth: 0 });
}

/** Writes the live config back into its file: a crash mid-write leaves the old file whole. */
export function writeConfigFile(file: string, config: Config): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, configYaml(config, existing));
  renameSync(temp, file);
}
