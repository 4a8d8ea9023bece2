// The part of a HID device the pad driver uses, and the opener that finds one: node-hid on a real
// machine, SimulatedHidPad in tests and the demo.

export interface HidDevice {
  /** One input report per event; byte 0 is the report id. */
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  /** Emitted when reading fails, as when the device is unplugged. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

export interface HidOpener {
  /** Opens the first attached device with these ids; null when none is attached. */
  open(vendorId: number, productId: number): Promise<HidDevice | null>;
}

/**
 * node-hid, loaded on first use: it is an optional dependency with a native part, so a machine
 * without it (or without the system libraries it needs) gets an error from `open`, not a crash at start.
 */
export const nodeHid: HidOpener = {
  async open(vendorId, productId) {
    const hid = await import('node-hid').catch((error: Error) => {
      throw new Error(`node-hid is not installed: ${error.message}`);
    });
    const [found] = await hid.devicesAsync(vendorId, productId);
    if (!found?.path) return null;
    return hid.HIDAsync.open(found.path);
  },
};
