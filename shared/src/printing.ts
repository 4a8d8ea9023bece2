// What a kiosk prints and what its printer reports. The kiosk renderer builds a `TicketPrint` (already
// in the visitor's language) and hands it to a printer: in Electron through the preload bridge, in
// browser mode to the hub's virtual printer over HTTP. hardware/ lays it out and encodes ESC/POS.
import { z } from 'zod';

export const ticketPrintSchema = z
  .object({
    /** BCP 47 language the strings are in; picks the printer's code page. */
    language: z.string().min(2).max(8),
    centre: z.string().max(120),
    service: z.string().max(200),
    number: z.string().min(1).max(16),
    /** Date and time as the visitor should read them, already formatted. */
    issuedAt: z.string().max(60),
    /** Label/value lines under the number: people ahead, estimated wait, priority category … */
    lines: z.array(z.object({ label: z.string().max(80), value: z.string().max(80) })).max(8),
    /** The tracking page the QR code opens; null prints no QR code. */
    trackingUrl: z.string().url().max(300).nullable(),
    /** A caption under the QR code ("Follow your turn on your phone"). */
    trackingCaption: z.string().max(120).default(''),
    footer: z.string().max(400).default(''),
  })
  .strict();
export type TicketPrint = z.input<typeof ticketPrintSchema>;

/** A printer's condition as DLE EOT reports it (ESC/POS real-time status), plus why it is unreachable. */
export const printerStatusSchema = z.object({
  online: z.boolean(),
  paperOut: z.boolean(),
  paperNearEnd: z.boolean(),
  coverOpen: z.boolean(),
  /** Why the printer cannot be reached or used (driver missing, device unplugged …); null when fine. */
  problem: z.string().nullable(),
  checkedAt: z.iso.datetime({ offset: true }),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

/** A ticket may be printed only when this holds: paper near its end still prints. */
export function canPrint(status: PrinterStatus): boolean {
  return status.online && !status.paperOut && !status.coverOpen && status.problem === null;
}

export const printResultSchema = z.object({
  ok: z.boolean(),
  /** Why the ticket did not print; null when it did. */
  problem: z.string().nullable(),
  /** Browser mode: where the hub serves a PNG preview of the printed ticket. */
  previewUrl: z.string().nullable(),
  status: printerStatusSchema,
});
export type PrintResult = z.infer<typeof printResultSchema>;

/** Retained on `health/<device>`: what a device reports about its own hardware. */
export const deviceHealthSchema = z.object({
  device: z.string(),
  printer: printerStatusSchema.nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;
