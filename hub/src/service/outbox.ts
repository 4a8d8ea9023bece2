// Everything the hub sends, in the order it was decided. The one ordering rule: once a batch is on
// disk, the hall's calls go out first (what the displays show and say), then the commands' answers,
// then the rest of the state. Nothing of a batch goes out before the disk has it, so no display
// sees what a power cut could take back.
import type { Reply } from '@vikno/shared';
import type { Logger } from 'pino';
import type { Bus } from '../broker/bus.js';

export interface Outgoing {
  topic: string;
  payload: string;
  retain: boolean;
}

/** What a batch changed: the calls for the hall, and the rest. */
export interface Changes {
  hall: Outgoing[];
  rest: Outgoing[];
}

export const NO_CHANGES: Changes = { hall: [], rest: [] };

export class Outbox {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /** Runs `job` once everything before it has gone out. */
  later(job: () => void): void {
    this.chain = this.chain.then(job).catch(this.failed);
  }

  /**
   * Waits in line for `synced` (a batch's sync), then runs `then` with whether the disk confirmed it.
   * The promise resolves once `then` has run, and never rejects: the batches behind must not wait
   * for this one for ever, whatever happened to it.
   */
  whenOnDisk(synced: Promise<void>, then: (onDisk: boolean) => void): Promise<void> {
    this.chain = this.chain
      .then(() => synced)
      .then(
        () => true,
        (error: unknown) => {
          this.log.error({ err: error }, 'the disk did not confirm a commit; its commands were answered with an error');
          return false;
        },
      )
      .then(then)
      .catch(this.failed);
    return this.chain;
  }

  /** Sends after everything before it. */
  post(messages: readonly Outgoing[]): void {
    this.later(() => this.sendAll(messages));
  }

  /** The ordering rule: the hall, then the answers, then the rest. */
  deliver(changes: Changes, answer: () => void): void {
    this.sendAll(changes.hall);
    answer();
    this.sendAll(changes.rest);
  }

  /** `reply` as recorded (a string) is sent as it is. */
  answer(topic: string, reply: Reply | string): void {
    this.publish(topic, typeof reply === 'string' ? reply : JSON.stringify(reply));
  }

  /** Resolves when everything posted so far has gone out. */
  settled(): Promise<void> {
    return this.chain;
  }

  private sendAll(messages: readonly Outgoing[]): void {
    for (const m of messages) this.publish(m.topic, m.payload, { retain: m.retain });
  }

  /** One message that cannot go out must not keep the others (nor the answers behind it) from going. */
  private publish(topic: string, payload: string, options?: { retain: boolean }): void {
    const failed = (err: unknown) => this.log.warn({ topic, err }, 'mqtt: a message did not reach the broker');
    try {
      this.bus.publish(topic, payload, options).catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  private readonly failed = (error: unknown) => this.log.error({ err: error }, 'outbox');
}
