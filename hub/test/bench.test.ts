// The benchmark's quick mode runs in the test suite so that it cannot rot. Timings are not asserted
// here (speed is measured by `npm run bench`); that it runs and reports every figure is.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from './harness.js';

describe('benchmark smoke run', () => {
  it('runs quickly and reports baselines, hub figures and ratios', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO, 'hub/dist/bench/main.js'), '--quick'], {
      env: { ...process.env, VIKNO_LOG_LEVEL: 'warn' },
    });
    expect(stdout).toContain('raw SQLite commits');
    const results = JSON.parse(readFileSync(join(REPO, 'bench/results/quick.json'), 'utf8'));
    expect(results.quick).toBe(true);
    expect(results.baselines.sqlite.commitsPerSecond).toBeGreaterThan(0);
    expect(results.baselines.broker.n).toBeGreaterThan(0);
    expect(results.hub.issue.n).toBeGreaterThan(0);
    expect(results.hub.throughput.commandsPerSecond).toBeGreaterThan(0);
    for (const ratio of Object.values(results.ratios)) expect(Number.isFinite(ratio)).toBe(true);
  });
});
