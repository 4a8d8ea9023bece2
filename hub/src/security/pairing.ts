// Pairing a device from the admin page: the admin asks for a short one-time code for one of the
// config's devices, the device sends the code (POST /api/pair) and gets a secret of its own, made here
// and kept only as a hash. The code is the only thing a person types or a QR carries; the secret never
// travels in an address. A paired device signs in with its paired secret alone; a revoked one with
// nothing until it is paired again. Listeners hear of each change, so that the broker can close the
// connections of a device whose secret has just stopped counting. On an external Mosquitto the broker
// checks the secrets itself: each change goes to it too (`CredentialBroker`).
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { hashSecret } from './hashing.js';
import { RateLimiter } from './rate-limit.js';

/** No 0/O, 1/I/L, nothing a person reading it off a screen can take for another. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 31⁸ ≈ 8.5·10¹¹ codes, against ten wrong guesses per address in a quarter of an hour. */
export const PAIRING_CODE_LENGTH = 8;
export const MAX_WRONG_CODES = 10;
export const WRONG_CODE_WINDOW_MS = 15 * 60_000;

export interface DeviceCredentialRow {
  device: string;
  /** Null once revoked. */
  secretHash: string | null;
  pairedAt: number | null;
  revokedAt: number | null;
}

export interface PairingCodeRow {
  codeHash: string;
  device: string;
  createdAt: number;
  expiresAt: number;
}

/** A broker that checks the devices' secrets itself (an external Mosquitto): told of each change. */
export interface CredentialBroker {
  /** Resolves when the broker can take changes: asked before a code is made. */
  check(): Promise<void>;
  paired(device: string, secret: string): Promise<void>;
  revoked(device: string): Promise<void>;
}

/** The broker did not answer, or refused: the message says which and what to do. */
export class CredentialBrokerError extends Error {}

/** Where codes and credentials are kept (the hub's store). */
export interface PairingRecord {
  pairingKey(): Buffer;
  /** Adds a code, dropping the device's earlier codes and every expired one. */
  addPairingCode(codeHash: string, device: string, createdAt: number, expiresAt: number): void;
  /** Removes the code and answers it, if it exists and has not expired at `now`. */
  takePairingCode(codeHash: string, now: number): PairingCodeRow | undefined;
  /** Puts a taken code back, as it was (a pairing the broker did not take). */
  returnPairingCode(code: PairingCodeRow): void;
  deviceCredentialRows(): DeviceCredentialRow[];
  setDeviceCredential(row: DeviceCredentialRow): void;
}

export type PairOutcome =
  | { ok: true; device: string; secret: string }
  | { ok: false; refused: 'unknownCode' }
  | { ok: false; refused: 'tooManyAttempts'; waitMs: number };

export type CredentialChange = 'paired' | 'revoked';

export class Pairings {
  private readonly rows = new Map<string, DeviceCredentialRow>();
  private readonly wrongCodes: RateLimiter;
  private readonly listeners = new Set<(device: string, change: CredentialChange) => void>();
  private readonly key: Buffer;
  private broker: CredentialBroker | undefined;

  constructor(
    private readonly record: PairingRecord,
    private readonly clock: () => number = Date.now,
    private codeTtlMs = 10 * 60_000,
  ) {
    this.key = record.pairingKey();
    for (const row of record.deviceCredentialRows()) this.rows.set(row.device, row);
    this.wrongCodes = new RateLimiter(WRONG_CODE_WINDOW_MS, clock);
  }

  setCodeTtl(ms: number): void {
    this.codeTtlMs = ms;
  }

  /** Rejects with `CredentialBrokerError` when the external broker could not take a pairing now. */
  async checkBroker(): Promise<void> {
    await this.broker?.check();
  }

  /** A new code for `device` (which the caller has checked is in the config); the device's earlier code stops working. */
  issue(device: string): { code: string; expiresAt: number } {
    let code = '';
    for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
    const now = this.clock();
    const expiresAt = now + this.codeTtlMs;
    this.record.addPairingCode(this.hash(code), device, now, expiresAt);
    return { code, expiresAt };
  }

  /** The external broker the changes go to; none with the embedded broker, which asks `secretHashOf`. */
  useBroker(broker: CredentialBroker): void {
    this.broker = broker;
  }

  /**
   * A device sending `code` from `address`: the code is used up, and the device gets its own secret.
   * Rejects, with the code still good, when the external broker does not take the secret.
   */
  async pair(code: string, address: string): Promise<PairOutcome> {
    const waitMs = this.wrongCodes.wait(address, MAX_WRONG_CODES);
    if (waitMs > 0) return { ok: false, refused: 'tooManyAttempts', waitMs };
    const taken = this.record.takePairingCode(this.hash(normalizeCode(code)), this.clock());
    if (!taken) {
      this.wrongCodes.count(address);
      return { ok: false, refused: 'unknownCode' };
    }
    const { device } = taken;
    const secret = randomBytes(24).toString('base64url');
    try {
      await this.broker?.paired(device, secret);
    } catch (error) {
      this.record.returnPairingCode(taken);
      throw error;
    }
    this.save({ device, secretHash: hashSecret(secret), pairedAt: this.clock(), revokedAt: null }, 'paired');
    return { ok: true, device, secret };
  }

  /**
   * The device's secret stops counting now, whichever it had (paired or from the config). The hub
   * refuses it at once; an external broker is told next, and a rejection says it did not confirm
   * (the hub tells it again at its next connection, dynsec.ts `reconcile`).
   */
  async revoke(device: string): Promise<void> {
    const pairedAt = this.rows.get(device)?.pairedAt ?? null;
    this.save({ device, secretHash: null, pairedAt, revokedAt: this.clock() }, 'revoked');
    await this.broker?.revoked(device);
  }

  /**
   * The hash a device's secret must match: its paired one, null when revoked, undefined when it was
   * never paired (then the config's, if any, counts).
   */
  secretHashOf(device: string): string | null | undefined {
    const row = this.rows.get(device);
    return row ? row.secretHash : undefined;
  }

  list(): DeviceCredentialRow[] {
    return [...this.rows.values()];
  }

  onChange(listener: (device: string, change: CredentialChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(row: DeviceCredentialRow, change: CredentialChange): void {
    this.record.setDeviceCredential(row);
    this.rows.set(row.device, row);
    for (const listener of this.listeners) listener(row.device, change);
  }

  private hash(code: string): string {
    return createHmac('sha256', this.key).update(code).digest('base64url');
  }
}

/** As a person may type it: lower case, with spaces or a dash between the groups. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
