// How bytes reach a printer and come back: one small interface over serial, TCP, USB and the
// virtual printer. A transport that errors or is closed from the other side reports `opened` false;
// EscPosPrinter then opens it again on its next call, which is how a replugged printer is found.

export interface Transport {
  /** Human-readable address for messages: "serial /dev/ttyUSB0", "tcp 10.0.0.5:9100" … */
  readonly description: string;
  readonly opened: boolean;
  /** False when the link cannot carry replies (a USB printer without an IN endpoint): status is then presence only. */
  readonly readable: boolean;
  /** Opens (again, after a close or an error); rejects with the reason when the device is not there. */
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Exactly `length` bytes, or null when they do not arrive within `timeoutMs`. */
  read(length: number, timeoutMs: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** Bytes received and not yet read, with at most one reader waiting. */
export class ByteQueue {
  private buffered: number[] = [];
  private waiter: { length: number; resolve: (bytes: Uint8Array | null) => void; timer: NodeJS.Timeout } | null = null;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.buffered.push(b);
    this.serve();
  }

  read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    if (this.waiter) return Promise.reject(new Error('a read is already waiting'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { length, resolve, timer };
      this.serve();
    });
  }

  /** Drops what was received and ends a waiting read with null: the link was closed or reopened. */
  clear(): void {
    this.buffered = [];
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.resolve(null);
      this.waiter = null;
    }
  }

  private serve(): void {
    const w = this.waiter;
    if (!w || this.buffered.length < w.length) return;
    clearTimeout(w.timer);
    this.waiter = null;
    w.resolve(Uint8Array.from(this.buffered.splice(0, w.length)));
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
