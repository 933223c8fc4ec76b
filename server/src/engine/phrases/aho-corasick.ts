// Aho–Corasick automaton: finds every occurrence of every pattern in one pass over the text, so
// matching a profile's thousands of phrases costs O(text + matches) instead of one scan per phrase.
// Works on UTF-16 code units, so match offsets are JS string indices (what LSP positions count).

import { grow } from './typed';

export interface PatternMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  readonly patterns: readonly string[];
  // The automaton lives in flat typed arrays: a lint pass runs right after jieba has churned through
  // the CPU caches, and a few compact arrays stay cheaper to reload than a Map and an array per state.
  /** The root's goto function by code unit (0: stay at the root): most text is read there. */
  private readonly rootNext = new Int32Array(0x10000);
  /** Bit c set when some pattern holds code unit c: any other character sends the automaton back to the root. */
  private readonly inPatterns = new Int32Array(0x10000 >> 5);
  /** goto function of state s: edges edgeStart[s] … edgeStart[s + 1] - 1 (most states have one or two). */
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  /** Patterns ending at state s (own and inherited through failure links), longest first: outStart[s] … outStart[s + 1] - 1. */
  private readonly outStart: Int32Array;
  private readonly outPattern: Int32Array;
  readonly patternLength: Int32Array;
  /** matches()'s buffer, grown as needed. */
  private hits = new Int32Array(256);

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.patternLength = Int32Array.from(patterns, (p) => p.length);

    // Trie of the patterns.
    const next: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    patterns.forEach((p, index) => {
      if (!p) return;
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        this.inPatterns[c >> 5] |= 1 << (c & 31);
        let to = next[state].get(c);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          out.push([]);
          next[state].set(c, to);
        }
        state = to;
      }
      out[state].push(index);
    });

    // Failure links, breadth first; each state inherits the outputs of its failure state.
    const states = next.length;
    this.fail = new Int32Array(states);
    const queue: number[] = [...next[0].values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [c, to] of next[state]) {
        let f = this.fail[state];
        while (f > 0 && !next[f].has(c)) f = this.fail[f];
        const target = next[f].get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        const inherited = out[this.fail[to]];
        if (inherited.length) out[to] = [...out[to], ...inherited];
        queue.push(to);
      }
    }

    for (const [c, to] of next[0]) this.rootNext[c] = to;
    this.edgeStart = new Int32Array(states + 1);
    this.outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) {
      this.edgeStart[s + 1] = this.edgeStart[s] + next[s].size;
      this.outStart[s + 1] = this.outStart[s] + out[s].length;
    }
    this.edgeChar = new Uint16Array(this.edgeStart[states]);
    this.edgeTo = new Int32Array(this.edgeStart[states]);
    this.outPattern = new Int32Array(this.outStart[states]);
    for (let s = 0; s < states; s++) {
      let k = this.edgeStart[s];
      for (const [c, to] of next[s]) {
        this.edgeChar[k] = c;
        this.edgeTo[k++] = to;
      }
      this.outPattern.set(out[s], this.outStart[s]);
    }
  }

  /** Every occurrence (overlapping ones included), ordered by end offset then longest first. */
  findAll(text: string): PatternMatch[] {
    const hits = this.matches(text);
    const found = new Array<PatternMatch>(hits.length >> 1);
    for (let k = 0; k < hits.length; k += 2) {
      const pattern = hits[k];
      found[k >> 1] = { pattern, start: hits[k + 1] - this.patternLength[pattern], end: hits[k + 1] };
    }
    return found;
  }

  /**
   * The occurrences in `text[from, to)`, in findAll's order, as pairs (pattern, end offset in `text`)
   * — no object per match: the hot callers see hundreds of thousands over a folder. The array is
   * reused by the next call.
   */
  matches(text: string, from = 0, to = text.length): Int32Array {
    const { rootNext, inPatterns, edgeStart, edgeChar, edgeTo, fail, outStart, outPattern } = this;
    let hits = this.hits;
    let n = 0;
    let state = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (!(inPatterns[c >> 5] & (1 << (c & 31)))) {
        state = 0;
        continue;
      }
      let next = -1;
      while (state > 0) {
        for (let k = edgeStart[state], end = edgeStart[state + 1]; k < end; k++) {
          if (edgeChar[k] === c) {
            next = edgeTo[k];
            break;
          }
        }
        if (next >= 0) break;
        state = fail[state];
      }
      if (state === 0) next = rootNext[c];
      state = next;
      for (let k = outStart[state], end = outStart[state + 1]; k < end; k++) {
        if (n + 2 > hits.length) this.hits = hits = grow(hits, n + 2);
        hits[n++] = outPattern[k];
        hits[n++] = i + 1;
      }
    }
    return hits.subarray(0, n);
  }
}
