/**
 * A small seeded pseudo-random generator for demo data. Same seed, same sequence, on every
 * platform: the demo practice and the benchmarks must be reproducible, so nothing here reads
 * the clock or `Math.random()`.
 *
 * The core is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator): 128 bits of state,
 * so the 80-bit id suffixes drawn for a million rows do not repeat the way a 32-bit-state
 * generator's would after its short cycle.
 */

/** A weighted choice: `weight` is relative, need not sum to anything. */
export type Weighted<T> = readonly (readonly [value: T, weight: number])[];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any finite number; its integer part and sign both count. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number: ${seed}`);
    // splitmix32 spreads the seed over the whole state, so seeds 1 and 2 give unrelated streams.
    let s = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. @throws RangeError when max < min. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. @throws RangeError on an empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value, each as likely as its weight. @throws RangeError when no weight is positive. */
  weighted<T>(choices: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of choices) total += Math.max(0, weight);
    if (total <= 0) throw new RangeError('weighted pick needs a positive weight');
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= Math.max(0, weight);
      if (roll < 0) return value;
    }
    // Floating-point leftovers can leave roll at exactly 0: the last positive choice wins.
    return [...choices].reverse().find(([, weight]) => weight > 0)![0];
  }

  /** A count drawn from a Poisson distribution with mean `mean` (Knuth; fine for small means). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** `length` random bytes, for example the 10 that `uuidv7From` needs. */
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      let word = this.uint32();
      for (let j = i; j < Math.min(i + 4, length); j++) {
        out[j] = word & 0xff;
        word >>>= 8;
      }
    }
    return out;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }
}
