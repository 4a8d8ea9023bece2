// A short, human-readable list of what an admin edit changed, for the audit log: one line per item
// added, removed or changed, by its id — never a secret or a hash, only that it changed.
import type { Config } from '@vikno/shared';

type Keyed = { id: string } | { username: string };

const keyOf = (item: Keyed) => ('id' in item ? item.id : item.username);

export function describeChanges(before: Config, after: Config): string[] {
  const lines: string[] = [];
  const lists = ['serviceGroups', 'services', 'zones', 'counters', 'operators', 'devices'] as const;
  for (const section of lists) lines.push(...diffList(section, before[section], after[section]));
  lines.push(...diffList('queue.priorityCategories', before.queue.priorityCategories, after.queue.priorityCategories));
  for (const section of ['site', 'kiosk', 'announcements'] as const) {
    if (!same(before[section], after[section])) lines.push(`${section}: ${changedFields(before[section], after[section]).join(', ')}`);
  }
  const { priorityCategories: _a, ...queueBefore } = before.queue;
  const { priorityCategories: _b, ...queueAfter } = after.queue;
  if (!same(queueBefore, queueAfter)) lines.push(`queue: ${changedFields(queueBefore, queueAfter).join(', ')}`);
  return lines;
}

function diffList(section: string, before: readonly Keyed[], after: readonly Keyed[]): string[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const now = new Map(after.map((x) => [keyOf(x), x]));
  const lines: string[] = [];
  for (const [key, item] of now) {
    const was = old.get(key);
    if (!was) lines.push(`${section}: added ${key}`);
    else if (!same(was, item)) lines.push(`${section}: ${key} changed ${changedFields(was, item).join(', ')}`);
  }
  for (const key of old.keys()) if (!now.has(key)) lines.push(`${section}: removed ${key}`);
  return lines;
}

function changedFields(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
