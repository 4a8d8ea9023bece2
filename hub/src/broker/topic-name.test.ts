import { describe, expect, it } from 'vitest';
import { topicNameProblem } from './topic-name.js';

describe('topicNameProblem', () => {
  it('takes any topic Mosquitto and aedes take', () => {
    for (const topic of ['a', 'vikno/v1/demo/reply/kiosk-1/сесія', 'a/ b/😀', 'x'.repeat(65_535)])
      expect(topicNameProblem(topic)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['x'.repeat(65_536), /65536 bytes long/],
    ['é'.repeat(32_768), /65536 bytes long/],
    ['a/+/b', /wildcard/],
    ['a/#', /wildcard/],
    ['a\u0000', /U\+0000/],
    ['a\u001f', /U\+001F/],
    ['a\u007f', /U\+007F/],
    ['a\u009f', /U\+009F/],
    ['a\ud800', /U\+D800/],
    ['a\ufdd0', /U\+FDD0/],
    ['a\uffff', /U\+FFFF/],
    ['a\u{1fffe}', /U\+1FFFE/],
  ])('refuses %j', (topic, why) => {
    expect(topicNameProblem(topic)).toMatch(why);
  });
});
