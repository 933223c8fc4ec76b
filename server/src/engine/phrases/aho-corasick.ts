// Aho–Corasick automaton: finds every occurrence of every pattern in one pass over the text, so
// matching a profile's thousands of phrases costs O(text + matches) instead of one scan per phrase.
// Works on UTF-16 code units, so match offsets are JS string indices (what LSP positions count).

export interface PatternMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  readonly patterns: readonly string[];
  /** goto function while building: one Map per state, keyed by UTF-16 code unit. */
  private next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state (own and inherited through failure links), longest first. */
  private readonly out: number[][] = [[]];
  /** The root's goto function as a flat table by code unit (0: stay at the root): most text is read there. */
  private readonly rootNext = new Int32Array(0x10000);
  // The goto function for matching, flattened: state s has edges edgeStart[s] … edgeStart[s + 1] - 1.
  // Most states have one or two edges, and a scan of two typed arrays beats a Map lookup.
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTo: Int32Array;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    patterns.forEach((p, index) => {
      if (!p) return;
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = this.next[state].get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[state].set(c, to);
        }
        state = to;
      }
      this.out[state].push(index);
    });
    this.buildFailureLinks();
    for (const [c, to] of this.next[0]) this.rootNext[c] = to;

    const states = this.next.length;
    this.edgeStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) this.edgeStart[s + 1] = this.edgeStart[s] + this.next[s].size;
    this.edgeChar = new Uint16Array(this.edgeStart[states]);
    this.edgeTo = new Int32Array(this.edgeStart[states]);
    for (let s = 0; s < states; s++) {
      let k = this.edgeStart[s];
      for (const [c, to] of this.next[s]) {
        this.edgeChar[k] = c;
        this.edgeTo[k++] = to;
      }
    }
    this.next = [];
  }

  private buildFailureLinks(): void {
    const queue: number[] = [];
    for (const to of this.next[0].values()) queue.push(to);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [c, to] of this.next[state]) {
        let f = this.fail[state];
        while (f > 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        const inherited = this.out[this.fail[to]];
        if (inherited.length) this.out[to] = [...this.out[to], ...inherited];
        queue.push(to);
      }
    }
  }

  /** Every occurrence (overlapping ones included), ordered by end offset then longest first. */
  findAll(text: string): PatternMatch[] {
    const found: PatternMatch[] = [];
    const { edgeStart, edgeChar, edgeTo, fail, out, rootNext, patterns } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = -1;
      while (state > 0) {
        for (let k = edgeStart[state], end = edgeStart[state + 1]; k < end; k++) {
          if (edgeChar[k] === c) {
            to = edgeTo[k];
            break;
          }
        }
        if (to >= 0) break;
        state = fail[state];
      }
      if (state === 0) to = rootNext[c];
      state = to;
      const ending = out[state];
      for (let k = 0; k < ending.length; k++) {
        const pattern = ending[k];
        found.push({ pattern, start: i + 1 - patterns[pattern].length, end: i + 1 });
      }
    }
    return found;
  }
}
