// A refused configuration change, told in the words of the page it was made on: "Послуги ›
// id-card-exchange › Префікс: …" rather than the hub's `services.3.prefix: …`. Items are named by
// their id, fields by the label of their column.
import { type ConfigProblem, configProblemMessage, type MessageKey } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import type { Editable } from './api.js';

const SECTIONS: Record<string, MessageKey> = {
  site: 'admin.section.site',
  queue: 'admin.section.queue',
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
  role: 'admin.field.role',
  counter: 'admin.field.counter',
  languages: 'admin.field.languages',
  timezone: 'admin.field.timezone',
  priority: 'admin.field.ratioPriority',
  normal: 'admin.field.ratioNormal',
  targetWaitMinutes: 'admin.field.targetWait',
  maxWaitMinutes: 'admin.field.maxWait',
};

export function problemText(problem: ConfigProblem, draft: Editable, locale: Locale): string {
  const place = placeOf(problem.path, draft, locale);
  const message = configProblemMessage(problem, locale.t);
  return place ? `${place}: ${message}` : message;
}

function placeOf(path: readonly (string | number)[], draft: Editable, locale: Locale): string {
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
    } else if (step === 'name' && steps[0] === 'operators') parts.push(locale.t('admin.field.fullName'));
    else {
      const key = i === 0 || step === 'priorityCategories' ? SECTIONS[step] : FIELDS[step];
      parts.push(key ? locale.t(key) : step);
    }
    value = item;
  }
  return parts.join(' › ');
}

function itemName(item: unknown, index: number): string {
  if (typeof item === 'string') return item;
  const named = item as { id?: string; username?: string; service?: string } | undefined;
  return named?.id || named?.username || named?.service || `#${index + 1}`;
}
