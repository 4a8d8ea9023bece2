// The shipped demo configuration (config/demo-centre.yaml) must stay valid and complete: it is what
// `npm start` runs and what the documentation points new centres to.
import { readFileSync } from 'node:fs';
import { type Config, configSchema, describeConfigIssues } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { verifyPin, verifySecret } from '../security/hashing.js';

const file = new URL('../../../config/demo-centre.yaml', import.meta.url);

function loadDemo(): Config {
  const input = parse(readFileSync(file, 'utf8'));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw new Error(describeConfigIssues(parsed.error, input).join('\n'));
  return parsed.data;
}

describe('demo centre configuration', () => {
  it('parses against the config schema', () => {
    const input = parse(readFileSync(file, 'utf8'));
    const parsed = configSchema.safeParse(input);
    expect(parsed.success ? [] : describeConfigIssues(parsed.error, input)).toEqual([]);
  });

  it('describes a realistic centre', () => {
    const config = loadDemo();
    expect(config.site.languages).toEqual(['uk', 'en']);
    expect(config.services.length).toBeGreaterThanOrEqual(35);
    expect(new Set(config.services.map((s) => s.group)).size).toBeGreaterThanOrEqual(6);
    expect(config.counters.length).toBeGreaterThanOrEqual(10);
    expect(new Set(config.counters.map((c) => c.zone)).size).toBeGreaterThanOrEqual(2);
    expect(config.services.some((s) => !s.active)).toBe(true);
  });

  it('serves every service at some counter', () => {
    const config = loadDemo();
    const served = new Set(config.counters.flatMap((c) => c.services.map((s) => s.service)));
    expect(config.services.map((s) => s.id).filter((id) => !served.has(id))).toEqual([]);
  });

  it('gives every device the documented demo secret', async () => {
    const config = loadDemo();
    expect(config.devices.length).toBeGreaterThan(0);
    const checked = await Promise.all(config.devices.map((d) => verifySecret(`demo-${d.id}`, d.secretHash ?? '')));
    const wrong = config.devices.filter((_, i) => !checked[i]).map((d) => d.id);
    expect(wrong).toEqual([]);
  });

  it('gives operators the documented demo PINs', async () => {
    const config = loadDemo();
    const operator = config.operators.find((o) => o.username !== 'admin');
    const admin = config.operators.find((o) => o.username === 'admin');
    expect(operator && (await verifyPin('1234', operator.pinHash))).toBe(true);
    expect(admin?.roles).toEqual(expect.arrayContaining(['admin', 'supervisor', 'operator']));
    expect(admin && (await verifyPin('0000', admin.pinHash))).toBe(true);
  });
});
