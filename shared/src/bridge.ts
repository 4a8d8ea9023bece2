// The one API an Electron preload gives a Vikno page (`window.vikno`), typed here so that the preload
// and the page agree. The device's credentials, got by pairing, are kept by the main process in the OS
// keychain (`credentials`); never in the page's address. Every app also
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

/** The main process keeps what it is given encrypted with the OS keychain (Electron safeStorage). */
export interface CredentialsBridge {
  load(): Promise<unknown>;
  save(credentials: { device: string; secret: string; caFingerprint?: string }): Promise<void>;
  forget(): Promise<void>;
}

export interface ViknoBridge {
  credentials?: CredentialsBridge;
  kiosk?: KioskBridge;
  counter?: CounterBridge;
}

/** The preload's API when the page runs in Electron, else undefined. */
export function viknoBridge(): ViknoBridge | undefined {
  return (globalThis as { vikno?: ViknoBridge }).vikno;
}
