/**
 * A small deterministic generator for tests that check a rule on many generated cases: the same
 * seed gives the same cases in every run, so a failure reproduces.
 */

/** Numbers in [0, 1) from a linear congruential generator started at `seed`. */
export function seededRandom(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
