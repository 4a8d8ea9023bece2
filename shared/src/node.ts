// Helpers for the Node processes only (the hub, the central service): they use node:crypto, which
// the browser apps that import the rest of shared must not pull in.
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Catalogue } from './central.js';
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

/**
 * The region's catalogue's version: the first 12 hex digits of SHA-256 over its content with the keys
 * sorted, so it changes when, and only when, the content does (not with the YAML's comments or order of keys).
 */
export function catalogueVersion(catalogue: Catalogue): string {
  return createHash('sha256').update(sortedJson(catalogue)).digest('hex').slice(0, 12);
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
