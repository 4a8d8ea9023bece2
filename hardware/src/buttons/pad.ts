// The driver for a call-button pad: reads its input reports (hardware/docs/call-buttons.md), turns a
// button going down into one press whatever the pad repeats while it is held, maps presses to actions,
// and finds the pad again after it is unplugged and plugged back in.
import type { ButtonAction } from '@vikno/shared';
import { type CallButtonPadConfig, type CallButtonPadConfigInput, callButtonPadSchema } from './config.js';
import { type HidDevice, type HidOpener, nodeHid } from './hid.js';

/** The report id of the pad's button report. */
export const BUTTON_REPORT_ID = 0x01;

export type PadStatus = { state: 'connected' } | { state: 'unavailable'; reason: string };

export interface CallButtonPadOptions {
  config: CallButtonPadConfigInput;
  /** Defaults to node-hid. */
  opener?: HidOpener;
  clock?: () => number;
  onAction: (action: ButtonAction, button: number) => void;
  /** Called on each change of status, with the reason when the pad cannot be used. */
  onStatus?: (status: PadStatus) => void;
}

interface ButtonState {
  down: boolean;
  changedAt: number;
}

export class CallButtonPad {
  private readonly config: CallButtonPadConfig;
  private readonly opener: HidOpener;
  private readonly clock: () => number;
  private device: HidDevice | undefined;
  private looking: Promise<void> | undefined;
  private closed = false;
  private readonly buttons = new Map<number, ButtonState>();
  private readonly timer: NodeJS.Timeout;
  private current: PadStatus = { state: 'unavailable', reason: 'not looked for yet' };

  constructor(private readonly options: CallButtonPadOptions) {
    this.config = callButtonPadSchema.parse(options.config);
    this.opener = options.opener ?? nodeHid;
    this.clock = options.clock ?? Date.now;
    this.timer = setInterval(() => this.tick(), this.config.pollMs);
    this.tick();
  }

  get status(): PadStatus {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.looking;
    const device = this.device;
    this.device = undefined;
    await device?.close().catch(() => undefined);
  }

  private tick(): void {
    if (this.closed || this.device) return;
    this.looking ??= this.find().finally(() => (this.looking = undefined));
  }

  private async find(): Promise<void> {
    const { vendorId, productId } = this.config;
    let device: HidDevice | null;
    try {
      device = await this.opener.open(vendorId, productId);
    } catch (error) {
      return this.report({ state: 'unavailable', reason: (error as Error).message });
    }
    if (!device) return this.report({ state: 'unavailable', reason: `no pad ${usbIds(vendorId, productId)} is attached` });
    if (this.closed) return void (await device.close().catch(() => undefined));
    const found = device;
    // Buttons held while the pad was away are not presses: start from all released.
    this.buttons.clear();
    found.on('data', (report) => this.read(report));
    found.on('error', (error) => this.lost(found, error.message));
    this.device = found;
    this.report({ state: 'connected' });
  }

  private lost(device: HidDevice, reason: string): void {
    if (this.device !== device) return;
    this.device = undefined;
    void device.close().catch(() => undefined);
    if (!this.closed) this.report({ state: 'unavailable', reason });
  }

  private read(report: Buffer): void {
    if (report[0] !== BUTTON_REPORT_ID) return;
    const now = this.clock();
    for (let i = 1; i < report.length; i++) {
      const bits = report[i] ?? 0;
      for (let bit = 0; bit < 8; bit++) this.button((i - 1) * 8 + bit + 1, (bits & (1 << bit)) !== 0, now);
    }
  }

  private button(number: number, down: boolean, now: number): void {
    const state = this.buttons.get(number) ?? { down: false, changedAt: Number.NEGATIVE_INFINITY };
    if (state.down === down) return;
    const bounce = now - state.changedAt < this.config.debounceMs;
    this.buttons.set(number, { down, changedAt: now });
    if (!down || bounce) return;
    const action = this.config.buttons[String(number)];
    if (action) this.options.onAction(action, number);
  }

  private report(status: PadStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.current)) return;
    this.current = status;
    this.options.onStatus?.(status);
  }
}

function usbIds(vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(vendorId)}:${hex(productId)}`;
}
