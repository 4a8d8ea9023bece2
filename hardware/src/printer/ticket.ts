// The queue ticket's layout: logo, centre, service, the big number, when, the label/value lines,
// the tracking QR code with its caption, the footer.
import { type TicketPrint, ticketPrintSchema } from '@vikno/shared';
import { type Block, encodeBlocks } from './blocks.js';
import type { PrinterProfile } from './profiles.js';
import type { RasterImage } from './raster.js';

export interface TicketOptions {
  /** Printed centred at the top; at most the profile's width in dots (see imageToRaster). */
  logo?: RasterImage;
}

/** GS ! goes to 8, but a number wider than a third of the paper only makes the ticket longer. */
const MAX_NUMBER_SCALE = 4;

/** The largest character size at which the number stays on one line. */
export function numberScale(number: string, columns: number): number {
  return Math.max(1, Math.min(MAX_NUMBER_SCALE, Math.floor(columns / [...number].length)));
}

function ticketBlocks(input: TicketPrint, profile: PrinterProfile, options: TicketOptions = {}): Block[] {
  const ticket = ticketPrintSchema.parse(input);
  const blocks: Block[] = [];
  if (options.logo) blocks.push({ kind: 'image', image: options.logo }, { kind: 'feed', lines: 1 });
  if (ticket.centre) blocks.push({ kind: 'text', text: ticket.centre, align: 'center', bold: true });
  if (ticket.service) blocks.push({ kind: 'text', text: ticket.service, align: 'center' });
  blocks.push(
    { kind: 'feed', lines: 1 },
    { kind: 'text', text: ticket.number, align: 'center', bold: true, scale: numberScale(ticket.number, profile.columns) },
    { kind: 'feed', lines: 1 },
  );
  if (ticket.issuedAt) blocks.push({ kind: 'text', text: ticket.issuedAt, align: 'center' });
  for (const { label, value } of ticket.lines) blocks.push({ kind: 'row', label, value });
  if (ticket.trackingUrl) {
    blocks.push({ kind: 'feed', lines: 1 }, { kind: 'qr', data: ticket.trackingUrl });
    if (ticket.trackingCaption) blocks.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: ticket.trackingCaption, align: 'center' });
  }
  if (ticket.footer) blocks.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: ticket.footer, align: 'center' });
  return blocks;
}

/** The ticket as ESC/POS bytes for one printer model, ending with feed and cut. */
export async function ticketBytes(ticket: TicketPrint, profile: PrinterProfile, options: TicketOptions = {}): Promise<Uint8Array> {
  return encodeBlocks(ticketBlocks(ticket, profile, options), profile);
}
