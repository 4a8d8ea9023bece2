// A call-button pad that is not there: it sends the input reports the documented keypad sends
// (report id 0x01, then a bitmask of the buttons held down) through the same opener interface the
// driver uses with node-hid, and can be unplugged and plugged back in.
import { EventEmitter } from 'node:events';
import type { HidDevice, HidOpener } from './hid.js';
import { BUTTON_REPORT_ID } from './pad.js';

const BUTTONS = 8;

export class SimulatedHidPad implements HidOpener {
  /** Every report sent, in order. */
  readonly reports: Buffer[] = [];
  private device: SimulatedDevice | undefined;
  private plugged = true;
  private held = 0;

  constructor(
    readonly vendorId: number,
    readonly productId: number,
  ) {}

  async open(vendorId: number, productId: number): Promise<HidDevice | null> {
    if (!this.plugged || vendorId !== this.vendorId || productId !== this.productId) return null;
    this.device = new SimulatedDevice();
    return this.device;
  }

  press(button: number): void {
    this.held |= bit(button);
    this.send();
  }

  release(button: number): void {
    this.held &= ~bit(button);
    this.send();
  }

  /** Sends the current report again, as a pad with an idle rate does while a button is held. */
  repeat(): void {
    this.send();
  }

  /** Reading fails as node-hid's does when the cable is pulled, and the pad is gone until `plug()`. */
  unplug(): void {
    this.plugged = false;
    this.held = 0;
    const device = this.device;
    this.device = undefined;
    device?.emit('error', new Error('could not read from HID device'));
  }

  plug(): void {
    this.plugged = true;
  }

  private send(): void {
    const report = Buffer.of(BUTTON_REPORT_ID, this.held);
    this.reports.push(report);
    if (this.device && !this.device.closed) this.device.emit('data', report);
  }
}

class SimulatedDevice extends EventEmitter implements HidDevice {
  closed = false;

  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
  }
}

function bit(button: number): number {
  if (!Number.isInteger(button) || button < 1 || button > BUTTONS) throw new RangeError(`the pad has buttons 1–${BUTTONS}`);
  return 1 << (button - 1);
}
