// What the hub says of a configuration change, in the words of the page it was made on: a refused
// change as "Послуги › id-card-exchange › Префікс: …" rather than `services.3.prefix: …`, an applied
// one as "Послуги: id-card-exchange — Назви". Items are named by their id, fields by their column.
import { type ConfigChange, type ConfigProblem, configProblemMessage, type EditableConfig, type MessageKey } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';

const SECTIONS: Record<string, MessageKey> = {
  site: 'admin.section.site',
  queue: 'admin.section.queue',
  kiosk: 'admin.section.kiosk',
  announcements: 'admin.section.announcements',
  serviceGroups: 'admin.section.groups',
  services: 'admin.section.services',
  zones: 'admin.section.zones',
  counters: 'admin.section.counters',
  operators: 'admin.tab.operators',
  devices: 'admin.tab.devices',
  priorityCategories: 'admin.section.priority',
};

const FIELDS: Record<string, MessageKey> = {
  id: 'admin.field.id',
  names: 'admin.field.names',
  group: 'admin.field.group',
  parent: 'admin.field.parent',
  prefix: 'admin.field.prefix',
  averageServiceMinutes: 'admin.field.average',
  active: 'admin.field.active',
  window: 'admin.field.window',
  zone: 'admin.field.zone',
  services: 'admin.field.services',
  username: 'admin.field.username',
  roles: 'admin.field.roles',
  counters: 'admin.field.counters',
  pinHash: 'admin.field.newPin',
  role: 'admin.field.role',
  counter: 'admin.field.counter',
  secretHash: 'admin.field.resetSecret',
  languages: 'admin.field.languages',
  timezone: 'admin.field.timezone',
  priorityRatio: 'admin.field.priorityRatio',
  priority: 'admin.field.ratioPriority',
  normal: 'admin.field.ratioNormal',
  targetWaitMinutes: 'admin.field.targetWait',
  maxWaitMinutes: 'admin.field.maxWait',
  transferPlacement: 'admin.field.transferPlacement',
};

const sectionLabel = (name: string, locale: Locale) => {
  const key = SECTIONS[name.slice(name.lastIndexOf('.') + 1)];
  return key ? locale.t(key) : name;
};

/** A field by its column; `section` tells apart the fields two sections name alike. */
function fieldLabel(name: string, section: string | number | undefined, locale: Locale): string {
  if (name === 'name') return locale.t(section === 'operators' ? 'admin.field.fullName' : 'admin.field.names');
  const key = FIELDS[name];
  return key ? locale.t(key) : name;
}

export function problemText(problem: ConfigProblem, draft: EditableConfig, locale: Locale): string {
  const place = placeOf(problem.path, draft, locale);
  const message = configProblemMessage(problem, locale.t);
  return place ? `${place}: ${message}` : message;
}

export function changeText({ section, change, id, fields }: ConfigChange, locale: Locale): string {
  const where = sectionLabel(section, locale);
  const what = fields.map((f) => fieldLabel(f, section, locale)).join(', ');
  if (id === undefined) return locale.t('admin.change.section', { section: where, fields: what });
  return locale.t(`admin.change.${change}`, { section: where, id, fields: what });
}

function placeOf(path: readonly (string | number)[], draft: EditableConfig, locale: Locale): string {
  // The hub checks the edit's envelope too: `config.…` is the draft, `pins.<username>` a new PIN.
  const steps = path[0] === 'config' ? path.slice(1) : path;
  if (steps[0] === 'pins') return [locale.t('admin.tab.operators'), String(steps[1]), locale.t('admin.field.newPin')].join(' › ');
  const parts: string[] = [];
  let value: unknown = draft;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string | number;
    const item = (value as Record<string | number, unknown> | undefined)?.[step];
    if (typeof step === 'number') parts.push(itemName(item, step));
    // The field the item was just named by (an id, the service of a counter's entry): said once.
    else if (typeof item === 'string' && item === parts.at(-1)) continue;
    else if ((step === 'names' || step === 'name') && typeof steps[i + 1] === 'string') {
      // A text in one language: the language is the next step, and part of the label.
      const lang = String(steps[++i]);
      parts.push(locale.t(steps[0] === 'site' ? 'admin.field.siteName' : 'admin.field.name', { lang }));
    } else if (i === 0 || step === 'priorityCategories') parts.push(sectionLabel(step, locale));
    else parts.push(fieldLabel(step, steps[0], locale));
    value = item;
  }
  return parts.join(' › ');
}

function itemName(item: unknown, index: number): string {
  if (typeof item === 'string') return item;
  const named = item as { id?: string; username?: string; service?: string } | undefined;
  return named?.id || named?.username || named?.service || `#${index + 1}`;
}
