// The centre's YAML file kept in step with the live config. An admin edit is applied to the file's own
// document (yaml-document-edit.ts) and only the lines it changes are written (keep-lines.ts): the file
// keeps its comments, its layout and the defaults it leaves out, and the deployment sections — data
// folder, ports, broker — stay as the file has them, since the command line may override those at
// start. A file the editor cannot keep that way (anchors and aliases, tags, a layout it would have to
// rewrite) is refused with why, never flattened. Written atomically: temp file + rename.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Config, type ConfigProblem, configSchema, pinHashSchema, secretHashSchema } from '@vikno/shared';
import { structuredPatch } from 'diff';
import { Document, isAlias, isCollection, isScalar, LineCounter, parseAllDocuments, visit } from 'yaml';
import { parseConfigText } from '../config/load.js';
import { keepLines } from './keep-lines.js';
import { applyChange } from './yaml-document-edit.js';
import { quoteAmbiguous, YamlLayout } from './yaml-layout.js';

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

export type FileEdit =
  | {
      ok: true;
      text: string;
      /** The file the edit was made on (fingerprint): a save after a preview is refused if it changed since. */
      base: string;
    }
  | { ok: false; problem: ConfigProblem };

/** `text` (a config file) with the editable sections of `config` in it, or why the editor cannot keep the file. */
export function editConfigText(text: string, config: Config): FileEdit {
  const refuse = (key: ConfigProblem['key'], params: ConfigProblem['params'] = {}): FileEdit => ({
    ok: false,
    problem: { path: [], key, params },
  });
  if (!text.trim()) return { ok: true, text: freshYaml(config), base: fingerprint(text) };
  // Lines are handled with \n; a file written with \r\n gets them back.
  const crlf = text.includes('\r\n');
  const source = crlf ? text.replaceAll('\r\n', '\n') : text;
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: lines });
  const lineAt = (offset: number | undefined) => lines.linePos(offset ?? 0).line;
  if (!Array.isArray(docs) || docs.length !== 1 || !docs[0]) return refuse('config.file.documents');
  const doc = docs[0];
  const error = doc.errors[0];
  if (error) return refuse('config.file.syntax', { line: lineAt(error.pos[0]) });
  const unkeepable = constructNotKept(doc);
  if (unkeepable) return refuse(unkeepable.key, { line: lineAt(unkeepable.offset) });
  const read = parseConfigText(source);
  if (!read.ok) return refuse('config.file.invalid', { problems: read.problems.slice(0, 3).join('; ') });

  const before = plain(read.config);
  const after = plain({ ...read.config, ...Object.fromEntries(EDITABLE_SECTIONS.map((k) => [k, config[k]])) });
  if (isDeepStrictEqual(before, after)) return { ok: true, text, base: fingerprint(text) };
  const layout = YamlLayout.read(source, doc);
  const rendered = layout.render(doc);
  try {
    applyChange(doc, before, after, configSchema, layout);
  } catch {
    // A document unlike the config read from it (which the checks above should have refused).
    return refuse('config.file.notKept');
  }
  const kept = keepLines(source.split('\n'), rendered.split('\n'), layout.render(doc).split('\n'));
  if (!kept.ok) return refuse('config.file.layout', { line: kept.line });
  const written = kept.lines.join('\n');
  // What the hub will read from the file at its next start must be what it runs now.
  const check = parseConfigText(written);
  if (!check.ok || !isDeepStrictEqual(plain(check.config), after)) return refuse('config.file.notKept');
  return { ok: true, text: crlf ? written.replaceAll('\n', '\r\n') : written, base: fingerprint(text) };
}

/** The first anchor, alias or tag in the file: an edit could not keep what it means. */
function constructNotKept(doc: Document): { key: ConfigProblem['key']; offset: number | undefined } | undefined {
  let found: { key: ConfigProblem['key']; offset: number | undefined } | undefined;
  visit(doc, (_, node) => {
    if (isAlias(node) || ((isScalar(node) || isCollection(node)) && node.anchor)) {
      found = { key: 'config.file.aliases', offset: node.range?.[0] };
    } else if ((isScalar(node) || isCollection(node)) && node.tag) {
      found = { key: 'config.file.tags', offset: node.range?.[0] };
    }
    return found ? visit.BREAK : undefined;
  });
  return found;
}

/** The config as JSON has it: no undefined fields, so that two configs compare by what they say. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The live config as YAML: `existing` (the file's text) with the live config in it, when the editor can keep it. */
export function configYaml(config: Config, existing = ''): string {
  const edit = editConfigText(existing, config);
  return edit.ok ? edit.text : freshYaml(config);
}

/** The whole config written anew: for a hub whose file is gone, or one the editor cannot keep. */
function freshYaml(config: Config): string {
  const doc = new Document(plain(config));
  quoteAmbiguous(doc.contents);
  return doc.toString({ lineWidth: 0 });
}

/** The file's text, empty if it is gone. */
export function readConfigFile(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Writes the file's new text: a crash mid-write leaves the old file whole. */
export function writeConfigFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** A line of the file in a preview: kept (as context), removed or added, with its numbers before and after. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  before?: number;
  after?: number;
  text: string;
}

/** What an edit does to the file, for the admin page to show before it is saved. */
export interface FileDiff {
  file: string;
  added: number;
  removed: number;
  /** Each stretch of changed lines with two lines around it. */
  hunks: DiffLine[][];
}

const HIDDEN = '********';

/** The lines `after` changes in `before`; PIN and secret hashes are hidden (the pages never see them). */
export function fileDiff(file: string, before: string, after: string): FileDiff {
  const patch = structuredPatch(file, file, before, after, undefined, undefined, { context: 2 });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk) => {
    let old = hunk.oldStart;
    let now = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const line of hunk.lines) {
      const text = hideCredentials(line.slice(1).replace(/\r$/, ''));
      if (line.startsWith('-')) {
        removed++;
        lines.push({ kind: 'removed', before: old++, text });
      } else if (line.startsWith('+')) {
        added++;
        lines.push({ kind: 'added', after: now++, text });
      } else if (line.startsWith(' ')) lines.push({ kind: 'same', before: old++, after: now++, text });
    }
    return lines;
  });
  return { file: basename(file), added, removed, hunks };
}

function hideCredentials(line: string): string {
  return line.replace(/[^\s,{}[\]"']+/g, (word) =>
    pinHashSchema.safeParse(word).success || secretHashSchema.safeParse(word).success ? HIDDEN : word,
  );
}
