// Growing typed arrays (the miner's tables are typed arrays: a corpus has millions of n-grams).

/** A copy of `a` at least `min` long (twice as long at least), the new part filled with `fill`. */
export function grow<T extends Int32Array | Uint8Array>(a: T, min: number, fill = 0): T {
  const out = new (a.constructor as new (length: number) => T)(Math.max(min, 2 * a.length));
  out.set(a);
  if (fill) out.fill(fill, a.length);
  return out;
}

/**
 * The slot of the pair (a, b) in an open-addressing table of mask + 1 slots. Ids are dense and
 * sequential, so the product's low bits alone cluster neighbouring pairs into long probe runs; the
 * high bits are folded down first (murmur3's finalizer).
 */
export function pairSlot(a: number, b: number, mask: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

/** An Int32Array that grows as values are pushed. */
export class IntList {
  data: Int32Array = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
}

/** Counts of (a, b) pairs of small non-negative integers, in an open-addressing table. */
export class PairCounts {
  private keysA: Int32Array = new Int32Array(1 << 12).fill(-1);
  private keysB: Int32Array = new Int32Array(1 << 12);
  private counts: Int32Array = new Int32Array(1 << 12);
  size = 0;

  add(a: number, b: number): void {
    const mask = this.keysA.length - 1;
    let s = pairSlot(a, b, mask);
    while (this.keysA[s] >= 0) {
      if (this.keysA[s] === a && this.keysB[s] === b) {
        this.counts[s]++;
        return;
      }
      s = (s + 1) & mask;
    }
    this.keysA[s] = a;
    this.keysB[s] = b;
    this.counts[s] = 1;
    if (2 * ++this.size > mask + 1) this.rehash();
  }

  /** Visits every pair with its count (in table order). */
  forEach(visit: (a: number, b: number, count: number) => void): void {
    for (let s = 0; s < this.keysA.length; s++) if (this.keysA[s] >= 0) visit(this.keysA[s], this.keysB[s], this.counts[s]);
  }

  private rehash(): void {
    const [a, b, c] = [this.keysA, this.keysB, this.counts];
    this.keysA = new Int32Array(2 * a.length).fill(-1);
    this.keysB = new Int32Array(2 * a.length);
    this.counts = new Int32Array(2 * a.length);
    const mask = this.keysA.length - 1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] < 0) continue;
      let s = pairSlot(a[i], b[i], mask);
      while (this.keysA[s] >= 0) s = (s + 1) & mask;
      this.keysA[s] = a[i];
      this.keysB[s] = b[i];
      this.counts[s] = c[i];
    }
  }
}
