// The driver over @serialport/binding-mock ports whose far end is the simulated boards: every frame
// crosses a serialport stream as bytes and is decoded there, and the ACKs come back the same way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LedBoardBus, type LedBoardBusOptions, LedBusError, type LedBusStatus } from './bus.js';
import { MockBinding, SimulatedLedBoards, simulatedLine } from './simulator.js';

const PATH = '/dev/ttyLED';
// Generous: the reopen timer runs every 2 s, and CI shares two cores with browser tests.
const WAIT = { timeout: 15_000, interval: 10 };
let bus: LedBoardBus | undefined;

afterEach(async () => {
  await bus?.close();
  bus = undefined;
  MockBinding.reset();
});

function start(boards: SimulatedLedBoards, options: Partial<LedBoardBusOptions> = {}) {
  const line = simulatedLine(boards);
  const statuses: LedBusStatus[] = [];
  bus = new LedBoardBus({
    path: PATH,
    baudRate: 9600,
    binding: line,
    answerTimeoutMs: 50,
    retryMs: 50,
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  return { bus, line, statuses };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => e as LedBusError,
  );

describe('LedBoardBus', () => {
  it('delivers frames the boards decode, each acknowledged', async () => {
    MockBinding.createPort(PATH);
    const boards = new SimulatedLedBoards({ addresses: [3, 12] });
    const { bus, statuses } = start(boards);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'open' }]), WAIT);

    await bus.send(3, { kind: 'show', text: 'A-012' });
    await bus.send(12, { kind: 'blink', text: 'П-007', seconds: 5 });
    await bus.send(12, { kind: 'brightness', percent: 30 });
    expect(boards.face(3)).toEqual({ text: 'A-012', blinking: false, brightness: 100 });
    expect(boards.face(12)).toEqual({ text: 'П-007', blinking: true, brightness: 30 });
    await bus.send(3, { kind: 'clear' });
    expect(boards.face(3)?.text).toBeNull();
    expect(boards.frames).toHaveLength(4);
  });

  it('tries a board that does not answer three times, then fails with "unanswered"', async () => {
    MockBinding.createPort(PATH);
    const boards = new SimulatedLedBoards({ addresses: [3] });
    const { bus, statuses } = start(boards);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'open' }]), WAIT);

    const error = await failure(bus.send(5, { kind: 'show', text: 'A-001' }));
    expect(error).toBeInstanceOf(LedBusError);
    expect(error.reason).toBe('unanswered');
    expect(boards.frames.filter((f) => f.address === 5)).toHaveLength(3);
    // The bus is not stuck behind the silent board.
    await bus.send(3, { kind: 'show', text: 'A-002' });
    expect(boards.face(3)?.text).toBe('A-002');
  });

  it('sends a board that missed its frame the state again once it answers', async () => {
    MockBinding.createPort(PATH);
    const boards = new SimulatedLedBoards({ addresses: [] });
    const { bus, statuses } = start(boards);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'open' }]), WAIT);

    await failure(bus.send(5, { kind: 'brightness', percent: 60 }));
    await failure(bus.send(5, { kind: 'blink', text: 'A-003', seconds: 5 }));
    boards.powerOn(5);
    await vi.waitFor(() => expect(boards.face(5)).toEqual({ text: 'A-003', blinking: false, brightness: 60 }), WAIT);
  });

  it('with boards that never answer, counts a written frame as delivered', async () => {
    MockBinding.createPort(PATH);
    const boards = new SimulatedLedBoards({ addresses: [] });
    const { bus, statuses } = start(boards, { acknowledged: false });
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'open' }]), WAIT);
    await bus.send(7, { kind: 'show', text: 'A-004' });
    expect(boards.frames).toEqual([{ address: 7, command: { kind: 'show', text: 'A-004' } }]);
  });

  it('waits for a missing port, reopens after an unplug, and restores every board', async () => {
    const boards = new SimulatedLedBoards({ addresses: [3, 4] });
    const { bus, line, statuses } = start(boards);
    await vi.waitFor(() => expect(statuses[0]).toMatchObject({ state: 'closed', reason: expect.stringContaining('does not exist') }), WAIT);
    expect((await failure(bus.send(3, { kind: 'show', text: 'A-005' }))).reason).toBe('offline');

    MockBinding.createPort(PATH);
    await vi.waitFor(() => expect(bus.isOpen).toBe(true), WAIT);
    // What was asked while the port was missing is shown once it opens.
    await vi.waitFor(() => expect(boards.face(3)?.text).toBe('A-005'), WAIT);
    await bus.send(4, { kind: 'brightness', percent: 20 });
    await bus.send(4, { kind: 'show', text: 'A-006' });

    line.unplug();
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ state: 'closed', reason: 'device disconnected' }), WAIT);
    expect(bus.isOpen).toBe(false);
    expect((await failure(bus.send(3, { kind: 'show', text: 'A-007' }))).reason).toBe('offline');

    // The boards kept their power; wipe them to see that the driver sends everything again.
    boards.powerOn(3);
    boards.powerOn(4);
    MockBinding.createPort(PATH);
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ state: 'open' }), WAIT);
    await vi.waitFor(() => {
      expect(boards.face(3)).toEqual({ text: 'A-007', blinking: false, brightness: 100 });
      expect(boards.face(4)).toEqual({ text: 'A-006', blinking: false, brightness: 20 });
    }, WAIT);
  });
});
