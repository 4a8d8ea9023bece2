// What an admin edit changed, one entry per item added, removed or changed, by its id — never a
// secret or a hash, only that it changed. The audit log keeps the English lines (describeConfigChange).
import type { Config, ConfigChange } from '@vikno/shared';

type Keyed = { id: string } | { username: string };

const keyOf = (item: Keyed) => ('id' in item ? item.id : item.username);

export function configChanges(before: Config, after: Config): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const lists = ['serviceGroups', 'services', 'zones', 'counters', 'operators', 'devices'] as const;
  for (const section of lists) changes.push(...diffList(section, before[section], after[section]));
  changes.push(...diffList('queue.priorityCategories', before.queue.priorityCategories, after.queue.priorityCategories));
  for (const section of ['site', 'kiosk', 'announcements'] as const) {
    if (!same(before[section], after[section]))
      changes.push({ section, change: 'changed', fields: changedFields(before[section], after[section]) });
  }
  const { priorityCategories: _a, ...queueBefore } = before.queue;
  const { priorityCategories: _b, ...queueAfter } = after.queue;
  if (!same(queueBefore, queueAfter)) changes.push({ section: 'queue', change: 'changed', fields: changedFields(queueBefore, queueAfter) });
  return changes;
}

function diffList(section: string, before: readonly Keyed[], after: readonly Keyed[]): ConfigChange[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const now = new Map(after.map((x) => [keyOf(x), x]));
  const changes: ConfigChange[] = [];
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was) changes.push({ section, change: 'added', id, fields: [] });
    else if (!same(was, item)) changes.push({ section, change: 'changed', id, fields: changedFields(was, item) });
  }
  for (const id of old.keys()) if (!now.has(id)) changes.push({ section, change: 'removed', id, fields: [] });
  return changes;
}

function changedFields(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
