// ESC/POS real-time status (DLE EOT n), bit by bit as Epson's reference gives it. Every reply byte
// has bit 1 and bit 4 set and bits 0 and 7 clear, which tells a status byte from stray data.
//   n = 1 printer:        bit 3 offline
//   n = 2 offline cause:  bit 2 cover open, bit 3 paper fed by the FEED button, bit 5 stopped for paper end, bit 6 error
//   n = 4 paper sensor:   bits 2+3 roll near its end, bits 5+6 roll out
// (n = 3, error cause, is not asked: bit 6 of n = 2 already says that printing stopped on an error.)

const FIXED_MASK = 0b1001_0011;
const FIXED_BITS = 0b0001_0010;

export const STATUS_BITS = {
  offline: 0x08,
  coverOpen: 0x04,
  paperEndStop: 0x20,
  error: 0x40,
  paperNearEnd: 0x0c,
  paperOut: 0x60,
} as const;

export interface StatusReplies {
  /** DLE EOT 1 */
  printer: number;
  /** DLE EOT 2 */
  offlineCause: number;
  /** DLE EOT 4 */
  paper: number;
}

export interface ParsedStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** Something the flags above do not explain, in words; null when there is nothing to add. */
  problem: string | null;
}

function isStatusByte(b: number): boolean {
  return (b & FIXED_MASK) === FIXED_BITS;
}

export function statusByte(bits: number): number {
  return FIXED_BITS | bits;
}

export function parseStatus(replies: StatusReplies): ParsedStatus {
  for (const [name, b] of Object.entries(replies)) {
    if (!isStatusByte(b)) {
      return {
        online: false,
        coverOpen: false,
        paperNearEnd: false,
        paperOut: false,
        problem: `unexpected ${name} status byte 0x${b.toString(16)}`,
      };
    }
  }
  const online = (replies.printer & STATUS_BITS.offline) === 0;
  const coverOpen = (replies.offlineCause & STATUS_BITS.coverOpen) !== 0;
  // Either sensor bit counts: some clones set only one of each pair.
  const paperOut = (replies.paper & STATUS_BITS.paperOut) !== 0 || (replies.offlineCause & STATUS_BITS.paperEndStop) !== 0;
  const paperNearEnd = (replies.paper & STATUS_BITS.paperNearEnd) !== 0;
  let problem: string | null = null;
  if (replies.offlineCause & STATUS_BITS.error) problem = 'the printer reports an error (cutter jam, head too hot or a fault)';
  else if (!online && !coverOpen && !paperOut) problem = 'the printer reports it is offline';
  return { online, coverOpen, paperNearEnd, paperOut, problem };
}
