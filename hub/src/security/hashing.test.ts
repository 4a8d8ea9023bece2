import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './hashing.js';

describe('device secrets', () => {
  it('are verified off the main thread: the event loop turns while a check runs', async () => {
    const stored = hashSecret('s3cret');
    let turns = 0;
    let checking = true;
    const spin = () => {
      turns++;
      if (checking) setImmediate(spin);
    };
    setImmediate(spin);
    const results = await Promise.all([verifySecret('s3cret', stored), verifySecret('wrong', stored)]);
    checking = false;
    expect(results).toEqual([true, false]);
    // A check done on this thread would have held the loop for its whole time: not one turn between.
    expect(turns).toBeGreaterThan(1);
  });
});
