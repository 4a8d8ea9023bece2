// Which counter a login is for: the terminal's own, or the one chosen at a shared terminal.
import type { Device } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { centre, refusal } from '../engine/test-fixtures.js';
import { counterForLogin } from './commands.js';

const config = centre();
const terminal = (counter: string | null) => ({ id: 'counter-x', role: 'counter', counter }) as Device;

describe('counterForLogin', () => {
  it('takes the terminal’s own counter, or the one chosen at a terminal of no counter', () => {
    expect(counterForLogin(config, terminal('k2'), undefined)).toBe('k2');
    expect(counterForLogin(config, terminal('k2'), 'k2')).toBe('k2');
    expect(counterForLogin(config, terminal(null), 'k3')).toBe('k3');
  });

  it('refuses another counter than the terminal’s, naming its window; an unknown counter; no counter at all', () => {
    expect(refusal(() => counterForLogin(config, terminal('k2'), 'k3'))).toMatchObject({
      code: 'counter_not_allowed',
      message: 'this terminal belongs to window 2',
    });
    expect(refusal(() => counterForLogin(config, terminal(null), 'k99'))).toMatchObject({
      code: 'unknown_counter',
      message: 'no counter "k99"',
    });
    expect(refusal(() => counterForLogin(config, terminal(null), undefined)).code).toBe('bad_request');
  });
});
