// What an admin edit changed (hub/src/admin/config-diff.ts): the audit log keeps each change as an
// English line, the admin page says it in its own language.

export interface ConfigChange {
  /** `services`, `queue.priorityCategories`, `site`… */
  section: string;
  change: 'added' | 'removed' | 'changed';
  /** The item of a list, by its id; absent for a section such as `site`. */
  id?: string;
  /** The fields that changed: names only, never a secret or a hash. */
  fields: string[];
}

/** The audit log's line: `services: added pasport`, `services: pasport changed names, prefix`, `site: timezone`. */
export function describeConfigChange({ section, change, id, fields }: ConfigChange): string {
  if (id === undefined) return `${section}: ${fields.join(', ')}`;
  return change === 'changed' ? `${section}: ${id} changed ${fields.join(', ')}` : `${section}: ${change} ${id}`;
}
