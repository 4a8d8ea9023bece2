import { readFileSync } from 'node:fs';
import { type Config, configSchema, describeConfigChange } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configChanges } from './config-diff.js';

const demo = (): Config => configSchema.parse(parse(readFileSync(new URL('../../../config/demo-centre.yaml', import.meta.url), 'utf8')));

describe('what an admin edit changed', () => {
  it('lists items added, removed and changed by id, and the fields of a changed section', () => {
    const before = demo();
    const after = structuredClone(before);
    const [first, second] = after.services;
    first!.prefix = 'QQ';
    first!.names = { ...first!.names, uk: 'Нова назва' };
    after.services = after.services.filter((s) => s !== second);
    after.zones.push({ id: 'annex', names: { uk: 'Прибудова', en: 'Annex' } });
    after.site.timezone = 'Europe/Warsaw';
    after.queue.targetWaitMinutes += 5;
    expect(configChanges(before, after).map(describeConfigChange)).toEqual([
      `services: ${first!.id} changed prefix, names`,
      `services: removed ${second!.id}`,
      'zones: added annex',
      'site: timezone',
      'queue: targetWaitMinutes',
    ]);
  });

  it('says that a secret or a PIN changed, never what it is', () => {
    const before = demo();
    const after = structuredClone(before);
    after.devices[0]!.secretHash = '$7$1000$c2FsdA==$aGFzaA==';
    after.operators[0]!.pinHash = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
    const changes = configChanges(before, after);
    expect(changes).toEqual([
      { section: 'operators', change: 'changed', id: before.operators[0]!.username, fields: ['pinHash'] },
      { section: 'devices', change: 'changed', id: before.devices[0]!.id, fields: ['secretHash'] },
    ]);
    expect(JSON.stringify(changes)).not.toContain('aGFzaA');
  });

  it('is empty when nothing changed', () => {
    expect(configChanges(demo(), demo())).toEqual([]);
  });
});
