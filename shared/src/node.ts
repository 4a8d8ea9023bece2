// Helpers for the Node processes only (the hub, the central service): they use node:crypto, which
// the browser apps that import the rest of shared must not pull in.
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { type ChainedRow, canonicalRow } from './chain.js';

/** A row's hash in the audit chain: over the previous row's hash and the row's canonical form. */
export function rowHash(row: ChainedRow, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}

/** Mosquitto 2.0's mosquitto_passwd uses 101; more is allowed by the format and costs little per connect. */
const PBKDF2_ITERATIONS = 20_000;

/** A secret as Mosquitto's password file keeps it (`$7$`, PBKDF2-SHA512): the hub's devices, the region's sites. */
export function hashSecret(secret: string, iterations = PBKDF2_ITERATIONS): string {
  const salt = randomBytes(12);
  const key = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}
