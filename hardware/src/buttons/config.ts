// A call-button pad's settings, kept with the counter terminal that reads the pad (not in the
// centre's file: which pad sits on which desk is that machine's business).
import { buttonActions } from '@vikno/shared';
import { z } from 'zod';

/** What a button does (the list is the counter bridge's, shared/src/bridge.ts); ButtonCommander turns each into a counter command. */
export const buttonActionSchema = z.enum(buttonActions);

const usbId = z.number().int().min(0).max(0xffff);

export const callButtonPadSchema = z.object({
  /** USB ids of the pad, as `lsusb` shows them (YAML and JSON5 read `0x16c0` as a number). */
  vendorId: usbId,
  productId: usbId,
  /** Button number (1 is bit 0 of the first bitmask byte) → action. Unlisted buttons do nothing. */
  buttons: z
    .record(z.string().regex(/^[1-9]\d*$/, 'a button number: 1, 2, 3…'), buttonActionSchema)
    .refine((b) => Object.keys(b).length > 0, 'map at least one button'),
  /** A change of a button within this long after its last change is contact bounce, not a press. */
  debounceMs: z.number().int().min(0).max(1000).default(40),
  /** How often a missing or unplugged pad is looked for. */
  pollMs: z.number().int().min(100).max(60_000).default(2000),
});
export type CallButtonPadConfig = z.infer<typeof callButtonPadSchema>;
export type CallButtonPadConfigInput = z.input<typeof callButtonPadSchema>;
