// Seeded randomness for simulated days (the planner's and the bench's): the same seed, the same day.

/** A small fast PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Log-normal with the given mean (σ = 0.5: most visits near it, a few twice as long), as public-service visit times are. */
export function logNormal(mean: number, random: () => number): number {
  const sigma = 0.5;
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normal(random));
}

/** A Poisson count with mean `mean`: by multiplying uniforms while small, by the normal approximation when large. */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
