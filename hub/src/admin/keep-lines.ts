// An edit's lines carried onto the file as people wrote it. The YAML printer writes a document the
// same way before and after an edit except where the edit is, but it may write other lines unlike the
// file (values lined up in a column, two blank lines, a space before a line's end). So the lines the
// edit changes come from the printer and every other line from the file: a line the edit does not
// change stays byte for byte what it was. Where the edit would have to rewrite a line it does not
// change — the printer writes that line unlike the file, and the edit sits inside it — the edit is
// refused at that line rather than made by flattening the file.
import { diffArrays } from 'diff';

export type KeptLines = { ok: true; lines: string[] } | { ok: false; line: number };

/** Past this many lines written differently by the printer, the file is not one it can keep. */
const MOST_UNLIKE_LINES = 2000;

/** Lines of the printer's text that the file writes differently, and the file's lines in their place. */
interface Unlike {
  from: number;
  to: number;
  fileFrom: number;
  fileTo: number;
}

/**
 * The file's lines with the edit made: `rendered` is the printer's text of the file before the edit,
 * `edited` after it (all as lines).
 */
export function keepLines(file: string[], rendered: string[], edited: string[]): KeptLines {
  const alignment = diffArrays(file, rendered, { maxEditLength: MOST_UNLIKE_LINES });
  if (!alignment) return { ok: false, line: firstDifference(file, rendered) + 1 };
  // For each line of the printer's text, its line in the file, or the stretch the file writes unlike it.
  const same: (number | undefined)[] = [];
  const unlike: (Unlike | undefined)[] = [];
  let at = 0;
  let fileAt = 0;
  for (let c = 0; c < alignment.length; c++) {
    const change = alignment[c];
    if (!change) continue;
    if (!change.added && !change.removed) {
      for (let n = 0; n < change.count; n++) same[at++] = fileAt++;
      continue;
    }
    // A removal from the file and the printer's lines in its place are one stretch.
    const next = alignment[c + 1];
    const fileLines = change.removed ? change.count : 0;
    const printed = change.added ? change.count : next?.added ? next.count : 0;
    if (change.removed && next?.added) c++;
    const stretch = { from: at, to: at + printed, fileFrom: fileAt, fileTo: fileAt + fileLines };
    for (let n = 0; n < printed; n++) unlike[at++] = stretch;
    fileAt += fileLines;
  }
  /** Where in the file the printer's line `r` starts, and where it ends. */
  const start = (r: number) => same[r] ?? unlike[r]?.fileFrom ?? file.length;
  const end = (r: number) => {
    const line = same[r];
    return line === undefined ? (unlike[r]?.fileTo ?? file.length) : line + 1;
  };

  const out: string[] = [];
  let kept = 0;
  let r = 0;
  let e = 0;
  const changes = diffArrays(rendered, edited);
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c];
    if (!change) continue;
    if (!change.added && !change.removed) {
      r += change.count;
      e += change.count;
      continue;
    }
    // Lines removed and lines added in their place are one change.
    const next = changes[c + 1];
    const removed = change.removed ? change.count : 0;
    const added = change.added ? change.count : next?.added ? next.count : 0;
    if (change.removed && next?.added) c++;
    // The edit replaces the printer's lines r … r + removed: each stretch it touches must be all inside.
    const touched = removed ? unlike.slice(r, r + removed) : [r > 0 && unlike[r - 1] === unlike[r] ? unlike[r] : undefined];
    const partly = touched.find((s) => s && (s.from < r || s.to > r + removed));
    if (partly) return { ok: false, line: Math.min(partly.fileFrom, file.length - 1) + 1 };
    const from = removed ? start(r) : r === 0 ? 0 : end(r - 1);
    const to = removed ? end(r + removed - 1) : from;
    out.push(...file.slice(kept, from), ...edited.slice(e, e + added));
    kept = to;
    r += removed;
    e += added;
  }
  out.push(...file.slice(kept));
  return { ok: true, lines: out };
}

function firstDifference(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
