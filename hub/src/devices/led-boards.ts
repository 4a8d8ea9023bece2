// The LED boards over the windows. The hub drives them on one serial line from its own machine, so a
// board works the same whether its counter is served from a browser or an Electron terminal, and
// stays right while that counter's PC is off. Each board follows its counter's retained state.
import { LedBoardBus, LedBusError, type LedCommand, type SerialBinding } from '@vikno/hardware';
import { type Config, type CounterState, counterStateSchema, parseTopic, topics } from '@vikno/shared';
import type { Logger } from 'pino';
import type { Bus } from '../broker/bus.js';

/** Shown while a counter is paused: a symbol reads the same in every language. */
export const PAUSED_SYMBOL = '—';

export interface LedBoards {
  stop(): Promise<void>;
}

/** The called or served ticket's number, the pause symbol, or nothing (closed, or open and idle). */
export function boardText(state: CounterState): string | null {
  if (state.ticket) return state.ticket.number;
  return state.status === 'paused' ? PAUSED_SYMBOL : null;
}

/** One call of a ticket: a recall is a new call, and blinks again. */
function callOf(state: CounterState): string | null {
  const t = state.ticket;
  return t?.status === 'called' ? `${t.id}#${t.recalls}` : null;
}

interface Board {
  address: number;
  counter: string;
  /** Undefined until the counter's first state arrives. */
  text?: string | null;
  call?: string | null;
}

/** Starts driving the boards of `config.ledBoards`; undefined when the centre has none. */
export function startLedBoards(config: Config, hubBus: Bus, log: Logger, binding?: SerialBinding): LedBoards | undefined {
  const settings = config.ledBoards;
  if (!settings) return undefined;
  const site = config.site.id;
  const bus = new LedBoardBus({
    path: settings.path,
    baudRate: settings.baudRate,
    acknowledged: settings.acknowledged,
    binding,
    onStatus: (s) =>
      s.state === 'open'
        ? log.info({ path: settings.path }, 'led boards: serial port open')
        : log.warn({ path: settings.path, reason: s.reason }, 'led boards: serial port unavailable, retrying'),
  });
  const boards = settings.boards.map((b): Board => ({ ...b }));

  const send = (board: Board, command: LedCommand) =>
    bus.send(board.address, command).catch((error: unknown) => {
      // The port's own status was logged once; a line of "offline" per call would drown the log.
      if (error instanceof LedBusError && error.reason === 'offline') return;
      log.warn({ address: board.address, counter: board.counter, err: error }, 'led boards: a board did not take its frame');
    });

  for (const board of boards) void send(board, { kind: 'brightness', percent: settings.brightness });

  const follow = (board: Board, state: CounterState) => {
    const text = boardText(state);
    const call = callOf(state);
    // The first state is the one the hub had at start: show it, but do not blink an old call.
    const started = board.text !== undefined;
    const newCall = started && call !== null && call !== board.call;
    if (started && !newCall && text === board.text) return;
    board.text = text;
    board.call = call;
    if (text === null) return void send(board, { kind: 'clear' });
    void send(board, newCall ? { kind: 'blink', text, seconds: settings.blinkSeconds } : { kind: 'show', text });
  };

  const onMessage = (topic: string, payload: Buffer) => {
    const t = parseTopic(topic);
    if (t?.kind !== 'counter' || t.site !== site) return;
    const mine = boards.filter((b) => b.counter === t.counter);
    if (!mine.length) return;
    const state = counterStateSchema.safeParse(parseJson(payload));
    if (!state.success) return void log.warn({ topic }, 'led boards: unreadable counter state');
    for (const board of mine) follow(board, state.data);
  };
  const subscribed = hubBus.subscribe([topics.counter(site, '+')], onMessage).catch((err: unknown) => {
    log.error({ err }, 'led boards: cannot follow the counters');
    return async () => {};
  });

  return {
    async stop() {
      await (await subscribed)();
      await bus.close();
    },
  };
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}
