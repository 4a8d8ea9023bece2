// The back-office draw: who among the registrars who can take a case gets it, from randomness no one
// can know in advance nor re-roll, and anyone can check afterwards.
//
// Randomness. Each morning the hub makes a secret (32 random bytes) and records its SHA-256, the
// commitment, in the hash-chained event log before any draw (`draw.committed`). A draw's randomness
// is HMAC-SHA256(secret, "<case id>\n<round>"), the case's n-th draw of the day being round n: fixed
// by the commitment, unknown to anyone who cannot read the secret, and the same however often the
// draw is repeated — so no one can re-run it until it lands on a chosen registrar. When the day
// closes the secret is revealed in the log (`draw.revealed`), and `vikno-hub verify-draws --day D`
// recomputes every draw from it and the eligible list recorded with the draw (verify-draws.ts).
//
// Load balance against unpredictability. Handing each case to the registrar with the fewest open
// cases balances the work best, but makes the next assignment certain to anyone who can count — and
// lets a clerk steer a case by finishing the visit when a friend has the fewest. Here every eligible
// registrar has a chance: one who holds d open cases more than the least loaded eligible registrar
// has 1/(1 + d) of the least loaded one's chance. The least loaded are still the likeliest, so loads
// stay close, yet no one — not even an observer who knows every past assignment and every load —
// can be certain of the next unless only one registrar can take it (and the draw waits for
// `backOffice.minEligible` of them, hub/src/engine/backoffice.ts). The load cap bounds d.
import { createHash, createHmac } from 'node:crypto';

/** A registrar who can take a case, with the open cases they hold. */
export interface Candidate {
  registrar: string;
  open: number;
}

/** What the engine is handed to draw with: the secret behind a commitment, if the hub has it. */
export type DrawSecrets = (commitment: string) => Buffer | undefined;

/** The commitment to a secret: its SHA-256, in hex. */
export function commitmentOf(secret: Buffer): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A draw's randomness in [0, 1): the first 48 bits of HMAC-SHA256(secret, "<case id>\n<round>"). */
export function drawFraction(secret: Buffer, caseId: string, round: number): number {
  const mac = createHmac('sha256', secret).update(`${caseId}\n${round}`).digest();
  return mac.readUIntBE(0, 6) / 2 ** 48;
}

/** Each candidate's chance of being drawn, in the candidates' order (they sum to 1). */
export function chances(eligible: readonly Candidate[]): number[] {
  const least = Math.min(...eligible.map((c) => c.open));
  const weights = eligible.map((c) => 1 / (1 + c.open - least));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/**
 * Who the draw gives the case to: the candidates (in the recorded order) share [0, 1) by their
 * chances, and `fraction` falls in one share.
 */
export function pick(eligible: readonly Candidate[], fraction: number): string {
  if (!eligible.length) throw new Error('a draw needs at least one eligible registrar');
  const shares = chances(eligible);
  let edge = 0;
  for (let i = 0; i < eligible.length; i++) {
    edge += shares[i]!;
    if (fraction < edge) return eligible[i]!.registrar;
  }
  // Rounding may leave the shares' sum a hair under 1.
  return eligible[eligible.length - 1]!.registrar;
}
