// N-gram counts over a phrase stream, level by level: an n-gram is counted only where its first n−1
// words are an n-gram seen in at least MIN_ARTICLES articles (an n-gram is never in more articles than
// its prefix), so what is kept grows with the corpus's recurring text, not with all of it. N-grams lie
// inside a clause (no punctuation, digits or Latin letters: every word Han), at most MAX_TOKENS words
// and MAX_UNITS UTF-16 units. Nodes live in typed arrays: a corpus meets millions of n-grams.

import { grow, pairSlot } from './typed';

export const MIN_ARTICLES = 3;
export const MAX_TOKENS = 8;
export const MAX_UNITS = 16;

/** The words of a stream, concatenated, with a separator (-1) after each article. */
export interface Flat {
  tokens: Int32Array;
  /** Article index per position (the separator after an article carries its index). */
  article: Int32Array;
}

export class NgramCounts {
  /** Nodes 0…V−1 are the words themselves; longer n-grams follow. */
  readonly vocabSize: number;
  parent: Int32Array;
  word: Int32Array;
  units: Int32Array;
  length: Int32Array;
  count: Int32Array;
  articles: Int32Array;
  maxPerArticle: Int32Array;
  size: number;
  /**
   * Per stream position, the longest n-gram starting there in at least MIN_ARTICLES articles (-1:
   * none); its ancestors (parent) are the shorter ones. Later passes walk these instead of the table.
   */
  readonly longest: Int32Array;
  /**
   * Open addressing from (parent, word) to the node: a slot holds only the node id (-1: empty), whose
   * parent and word are compared in their own arrays, so the table costs 4 bytes a slot, not 12.
   */
  private slots: Int32Array;
  private last: Int32Array;
  private current: Int32Array;

  constructor(
    readonly flat: Flat,
    wordUnits: Int32Array,
    han: Uint8Array,
  ) {
    const V = wordUnits.length;
    this.vocabSize = V;
    const cap = Math.max(1024, 2 * V);
    this.parent = new Int32Array(cap).fill(-1);
    this.word = new Int32Array(cap);
    this.units = new Int32Array(cap);
    this.length = new Int32Array(cap);
    this.count = new Int32Array(cap);
    this.articles = new Int32Array(cap);
    this.maxPerArticle = new Int32Array(cap);
    this.last = new Int32Array(cap).fill(-1);
    this.current = new Int32Array(cap);
    // Grown as n-grams come (rehashing costs far less than counting them): most tokens start no
    // n-gram that recurs, so a table sized by the tokens would stay mostly empty.
    this.slots = new Int32Array(1 << 16).fill(-1);
    this.size = V;
    this.longest = new Int32Array(flat.tokens.length);
    for (let w = 0; w < V; w++) {
      this.word[w] = w;
      this.units[w] = wordUnits[w];
      this.length[w] = 1;
    }
    this.countAll(han);
  }

  private countAll(han: Uint8Array): void {
    const { tokens, article } = this.flat;
    const n = tokens.length;
    this.longest.fill(-1);
    // The positions where an n-gram of the current length starts that is in MIN_ARTICLES articles
    // (in stream order), with that n-gram: only they can start a longer one, and they thin out fast.
    const at = new Int32Array(n);
    const node = new Int32Array(n);
    let live = 0;
    for (let p = 0; p < n; p++) {
      const w = tokens[p];
      if (w < 0) continue;
      this.see(w, article[p]);
      if (han[w]) {
        at[live] = p;
        node[live++] = w;
      }
    }
    this.settle(0);
    live = this.keepRecurring(at, node, live);
    for (let len = 2; len <= MAX_TOKENS && live > 0; len++) {
      const levelStart = this.size;
      let count = 0;
      for (let i = 0; i < live; i++) {
        const p = at[i];
        const parent = node[i];
        const w = p + len - 1 < n ? tokens[p + len - 1] : -1;
        if (w < 0 || !han[w] || this.units[parent] + this.units[w] > MAX_UNITS) continue;
        const child = this.child(parent, w, true);
        this.see(child, article[p]);
        at[count] = p;
        node[count++] = child;
      }
      this.settle(levelStart);
      live = this.keepRecurring(at, node, count);
    }
    // Counting is over: the per-article scratch goes.
    this.last = new Int32Array(0);
    this.current = new Int32Array(0);
  }

  /** Keeps, in place and in order, the first `count` entries whose n-gram is in MIN_ARTICLES articles (the longest at its position so far); returns how many. */
  private keepRecurring(at: Int32Array, node: Int32Array, count: number): number {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      if (this.articles[node[i]] < MIN_ARTICLES) continue;
      this.longest[at[i]] = node[i];
      at[kept] = at[i];
      node[kept++] = node[i];
    }
    return kept;
  }

  private see(node: number, article: number): void {
    if (this.last[node] !== article) {
      if (this.current[node] > this.maxPerArticle[node]) this.maxPerArticle[node] = this.current[node];
      this.last[node] = article;
      this.current[node] = 0;
      this.articles[node]++;
    }
    this.current[node]++;
    this.count[node]++;
  }

  private settle(from: number): void {
    for (let i = from; i < this.size; i++) if (this.current[i] > this.maxPerArticle[i]) this.maxPerArticle[i] = this.current[i];
  }

  /** The n-gram `parent` + `w`: -1 when never counted (unless `create`). */
  child(parent: number, w: number, create = false): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = pairSlot(parent, w, mask);
    for (let node = slots[s]; node >= 0; s = (s + 1) & mask, node = slots[s]) {
      if (this.parent[node] === parent && this.word[node] === w) return node;
    }
    if (!create) return -1;
    const node = this.size++;
    if (node >= this.parent.length) this.growNodes();
    this.parent[node] = parent;
    this.word[node] = w;
    this.units[node] = this.units[parent] + this.units[w];
    this.length[node] = this.length[parent] + 1;
    slots[s] = node;
    if (2 * (this.size - this.vocabSize) > mask + 1) this.growSlots();
    return node;
  }

  /** The node of the words `ws[from, to)`, -1 when that n-gram was not counted. */
  find(ws: ArrayLike<number>, from = 0, to = ws.length): number {
    let node = ws[from];
    for (let i = from + 1; i < to && node >= 0; i++) node = this.child(node, ws[i]);
    return node;
  }

  /** The words of a node, first to last. */
  words(node: number): number[] {
    const out: number[] = [];
    for (let n = node; n >= 0; n = this.parent[n]) out.push(this.word[n]);
    return out.reverse();
  }

  /** The node of the first `k` words of `node` (its ancestor). */
  prefix(node: number, k: number): number {
    let n = node;
    for (let d = this.length[node]; d > k; d--) n = this.parent[n];
    return n;
  }

  private growNodes(): void {
    const size = 2 * this.parent.length;
    this.parent = grow(this.parent, size, -1);
    this.word = grow(this.word, size);
    this.units = grow(this.units, size);
    this.length = grow(this.length, size);
    this.count = grow(this.count, size);
    this.articles = grow(this.articles, size);
    this.maxPerArticle = grow(this.maxPerArticle, size);
    this.last = grow(this.last, size, -1);
    this.current = grow(this.current, size);
  }

  private growSlots(): void {
    const slots = (this.slots = new Int32Array(2 * this.slots.length).fill(-1));
    const mask = slots.length - 1;
    for (let node = this.vocabSize; node < this.size; node++) {
      let s = pairSlot(this.parent[node], this.word[node], mask);
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = node;
    }
  }
}
