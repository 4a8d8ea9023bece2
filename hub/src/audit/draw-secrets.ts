// The secrets behind the back-office draws (hub/src/engine/draw.ts): one made each day from the
// system's CSPRNG, kept in the record's `secrets` table under its commitment, before the commitment
// itself is recorded — so a recorded commitment always has its secret, and the day's close can reveal it.
import { randomBytes } from 'node:crypto';
import { commitmentOf, type DrawSecrets } from '../engine/draw.js';
import type { Store } from '../store/store.js';

const nameOf = (commitment: string) => `draw ${commitment}`;

export class DrawSecretStore {
  constructor(private readonly store: Pick<Store, 'findSecret' | 'addSecret'>) {}

  /** The engine's lookup. */
  readonly lookup: DrawSecrets = (commitment) => this.store.findSecret(nameOf(commitment));

  /** A fresh secret, on disk when this returns: its commitment. */
  create(): string {
    const secret = randomBytes(32);
    const commitment = commitmentOf(secret);
    this.store.addSecret(nameOf(commitment), secret);
    return commitment;
  }
}
