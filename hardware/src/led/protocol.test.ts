// The frame format byte by byte, as hardware/docs/led-boards.md states it. Expected bytes are written
// out by hand (checksums worked out separately), so the encoder is not checked against itself.
import { describe, expect, it } from 'vitest';
import { checksum, encodeFrame, encodeReply, FrameDecoder, type LedCommand, ReplyDecoder } from './protocol.js';
import { SimulatedLedBoards } from './simulator.js';

const hex = (s: string) => Buffer.from(s.replaceAll(' ', ''), 'hex');

describe('frames', () => {
  it.each<[string, number, LedCommand, string]>([
    ['show', 3, { kind: 'show', text: 'A-012' }, '02 30 33 54 41 2d 30 31 32 03 30 42'],
    ['show, Cyrillic in UTF-8', 12, { kind: 'show', text: 'П-007' }, '02 31 32 54 d0 9f 2d 30 30 37 03 30 31'],
    ['show the pause dash', 3, { kind: 'show', text: '—' }, '02 30 33 54 e2 80 94 03 41 32'],
    ['blink for 5 s', 3, { kind: 'blink', text: 'A-012', seconds: 5 }, '02 30 33 42 30 35 41 2d 30 31 32 03 31 38'],
    ['clear', 7, { kind: 'clear' }, '02 30 37 43 03 34 37'],
    ['brightness 50 %', 7, { kind: 'brightness', percent: 50 }, '02 30 37 4c 30 35 30 03 37 44'],
  ])('%s', (_, address, command, bytes) => {
    expect(encodeFrame(address, command).toString('hex')).toBe(hex(bytes).toString('hex'));
  });

  it('checksums by XOR of the bytes from the address to ETX', () => {
    // 0x30 ^ 0x37 ^ 0x43 ^ 0x03 = 0x47: the "47" that ends the clear frame above.
    expect(checksum(hex('30 37 43 03'))).toBe(0x47);
  });

  it('answers are ACK or NAK with the two address digits', () => {
    expect(encodeReply({ kind: 'ack', address: 3 }).toString('hex')).toBe('063033');
    expect(encodeReply({ kind: 'nak', address: 42 }).toString('hex')).toBe('153432');
  });

  it.each<[string, number, LedCommand]>([
    ['address 0', 0, { kind: 'clear' }],
    ['address 100', 100, { kind: 'clear' }],
    ['empty text', 1, { kind: 'show', text: '' }],
    ['a control character', 1, { kind: 'show', text: 'A\u0003' }],
    ['33 bytes of text', 1, { kind: 'show', text: 'Ж'.repeat(17) }],
    ['blink of 0 s', 1, { kind: 'blink', text: 'A', seconds: 0 }],
    ['blink of 100 s', 1, { kind: 'blink', text: 'A', seconds: 100 }],
    ['brightness 101 %', 1, { kind: 'brightness', percent: 101 }],
  ])('refuses %s', (_, address, command) => {
    expect(() => encodeFrame(address, command)).toThrow(RangeError);
  });
});

describe('decoding', () => {
  const commands: [number, LedCommand][] = [
    [3, { kind: 'show', text: 'A-012' }],
    [12, { kind: 'blink', text: 'П-007', seconds: 8 }],
    [99, { kind: 'brightness', percent: 100 }],
    [1, { kind: 'clear' }],
  ];

  it('reads frames however the bytes are split, skipping noise between them', () => {
    const wire = Buffer.concat(commands.flatMap(([a, c]) => [hex('ff 41 0d 0a'), encodeFrame(a, c)]));
    const decoder = new FrameDecoder();
    const decoded = [...wire].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(decoded).toEqual(commands.map(([address, command]) => ({ ok: true, frame: { address, command } })));
  });

  it('starts over at an STX inside a frame, as after a lost byte', () => {
    const cut = encodeFrame(3, { kind: 'show', text: 'A-012' }).subarray(0, 6);
    const decoded = new FrameDecoder().push(Buffer.concat([cut, encodeFrame(4, { kind: 'clear' })]));
    expect(decoded).toEqual([{ ok: true, frame: { address: 4, command: { kind: 'clear' } } }]);
  });

  it('reports a bad checksum, an unknown command and invalid UTF-8 with the address', () => {
    const flipped = encodeFrame(3, { kind: 'show', text: 'A-012' });
    flipped[5] = 0x42; // 'A-012' → 'AB012'
    const unknown = Buffer.from('\u000205X\u0003', 'latin1');
    const badText = Buffer.concat([hex('02'), Buffer.from('06T'), hex('d0 03')]);
    const withChecksum = (frame: Buffer) =>
      Buffer.concat([frame, Buffer.from(checksum(frame.subarray(1)).toString(16).toUpperCase().padStart(2, '0'))]);
    const decoded = new FrameDecoder().push(Buffer.concat([flipped, withChecksum(unknown), withChecksum(badText)]));
    expect(decoded).toEqual([
      { ok: false, address: 3, problem: 'bad checksum' },
      { ok: false, address: 5, problem: 'unknown command "X"' },
      { ok: false, address: 6, problem: expect.stringMatching(/encoded data was not valid/) },
    ]);
  });

  it('drops a frame that grows past the longest possible one', () => {
    const endless = Buffer.concat([hex('02'), Buffer.from(`08T${'x'.repeat(60)}`)]);
    expect(new FrameDecoder().push(endless)).toEqual([{ ok: false, address: 8, problem: 'frame too long' }]);
  });

  it('reads answers between noise bytes', () => {
    expect(new ReplyDecoder().push(hex('00 06 30 33 ff 15 34 32'))).toEqual([
      { kind: 'ack', address: 3 },
      { kind: 'nak', address: 42 },
    ]);
  });
});

describe('simulated boards', () => {
  it('keep what each address shows, answer for their own addresses only, and NAK a damaged frame', () => {
    let now = 1_000_000;
    const boards = new SimulatedLedBoards({ addresses: [3, 4], clock: () => now });
    const damaged = encodeFrame(4, { kind: 'show', text: 'B-001' });
    damaged[5] = 0x58; // 'B-001' → 'BX001'
    const answers = boards.receive(
      Buffer.concat([
        encodeFrame(3, { kind: 'blink', text: 'A-012', seconds: 5 }),
        encodeFrame(3, { kind: 'brightness', percent: 40 }),
        encodeFrame(9, { kind: 'show', text: 'nobody' }),
        damaged,
      ]),
    );
    expect(answers.toString('hex')).toBe(hex('06 30 33 06 30 33 15 30 34').toString('hex'));
    expect(boards.face(3)).toEqual({ text: 'A-012', blinking: true, brightness: 40 });
    expect(boards.face(4)).toEqual({ text: null, blinking: false, brightness: 100 });
    expect(boards.face(9)).toBeUndefined();
    now += 5000;
    expect(boards.face(3)?.blinking).toBe(false);
    boards.receive(encodeFrame(3, { kind: 'clear' }));
    expect(boards.face(3)?.text).toBeNull();
  });
});
