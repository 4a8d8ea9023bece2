// The booker's phone number is personal data: it is only ever stored as a keyed hash, enough to tell
// that the same person books again, not to call them.
import { createHmac } from 'node:crypto';

/**
 * Digits in international form: `+380 67 123-45-67`, `067 123 45 67` and `380671234567` are all
 * `380671234567` (a leading 0 is a Ukrainian national number). Null when it cannot be a phone number.
 */
export function normalizePhone(raw: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(raw)) return null;
  let digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) return digits.length >= 10 && digits.length <= 15 ? digits : null;
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.length === 10 && digits.startsWith('0')) digits = `38${digits}`;
  return digits.length >= 10 && digits.length <= 15 ? digits : null;
}

export function hashPhone(normalized: string, key: Buffer): string {
  return createHmac('sha256', key).update(normalized).digest('hex');
}
