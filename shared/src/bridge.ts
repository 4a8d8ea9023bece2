// The one API an Electron preload gives a Vikno page (`window.vikno`), typed here so that the preload
// and the page agree. The device's credentials need no bridge: the main process opens the page with
// `?device=…&secret=…` from its local config file, as an operator would in a browser. Every app also
// runs as a plain web page served by the hub; there `window.vikno` is absent and the page uses the
// hub instead (a kiosk prints on the hub's virtual printer).
import type { PrinterStatus, PrintResult, TicketPrint } from './printing.js';

export interface KioskBridge {
  printerStatus(): Promise<PrinterStatus>;
  print(ticket: TicketPrint): Promise<PrintResult>;
}

/** Call-button pad actions the counter terminal's main process forwards to the page. */
export const buttonActions = ['callNext', 'recall', 'start', 'finish', 'noShow', 'pause', 'resume'] as const;
export type ButtonAction = (typeof buttonActions)[number];

/**
 * The pause reason a pad's pause is recorded with, whoever sends it (the pad's own commander or the
 * counter terminal's page), so reports can tell it from a pause chosen on screen.
 */
export const BUTTON_PAUSE_REASON = 'call-button';

export interface CounterBridge {
  /** Subscribe to pad presses; returns the unsubscribe. */
  onButton(handler: (action: ButtonAction) => void): () => void;
}

export interface ViknoBridge {
  kiosk?: KioskBridge;
  counter?: CounterBridge;
}

/** The preload's API when the page runs in Electron, else undefined. */
export function viknoBridge(): ViknoBridge | undefined {
  return (globalThis as { vikno?: ViknoBridge }).vikno;
}
