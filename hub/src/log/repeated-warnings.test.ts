import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RepeatedWarnings } from './repeated-warnings.js';

function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'warn' }, destination), lines };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('RepeatedWarnings', () => {
  it('logs the first few per source in a window, then one line with how many were left out', async () => {
    const { log, lines } = memoryLog();
    const warnings = new RepeatedWarnings(log, 3, 200);
    for (let i = 0; i < 1000; i++) warnings.warn({ device: 'kiosk-1' }, { n: i }, 'bad request');
    warnings.warn({ device: 'kiosk-2' }, { n: 0 }, 'bad request');
    expect(lines.map((l) => [l.device, l.n])).toEqual([
      ['kiosk-1', 0],
      ['kiosk-1', 1],
      ['kiosk-1', 2],
      ['kiosk-2', 0],
    ]);
    // At the end of the window, without another warning to trigger it.
    await until(() => lines.length === 5);
    expect(lines[4]).toMatchObject({ device: 'kiosk-1', left: 997, logged: 3, msg: '997 more warnings were left out after the first 3' });
    // A new window logs again.
    warnings.warn({ device: 'kiosk-1' }, { n: 1000 }, 'bad request');
    expect(lines.at(-1)).toMatchObject({ device: 'kiosk-1', n: 1000 });
    warnings.close();
    expect(lines).toHaveLength(6);
  });

  it('writes the counts still open when closed', () => {
    const { log, lines } = memoryLog();
    const warnings = new RepeatedWarnings(log, 1, 60_000);
    for (let i = 0; i < 5; i++) warnings.warn({ address: '10.0.0.9' }, {}, 'sign-in refused');
    warnings.close();
    expect(lines.map((l) => l.msg)).toEqual(['sign-in refused', '4 more warnings were left out after the first 1']);
  });
});
