// The tokens of a draft, segmented clause by clause when a rule first asks for them.
//
// jieba cuts its input at the separators below before it segments anything (cppjieba's PreFilter),
// so tagging each clause on its own gives exactly the tokens of tagging the whole paragraph. Linting
// needs tokens only where something is found (a table phrase, a quotation, a sentence with a number),
// which is about 60% of a published article. Learning asks for all of them, segmented whole, and
// reads them as TokenColumns: Token objects are then made only for the spans a rule asks about.

import type { Span } from '../types';
import { tagIdOf, tagName, tagPackedOnce, tagSpan, tokenAt, WORD_OUTSIDE_DICTIONARY, wordText, type Tagged, type Token } from '../text/segmenter';
import { partitionPoint } from '../text/partition';

/** cppjieba's SPECIAL_SEPARATORS: space, tab, newline, ，and 。 */
const JIEBA_SEPARATORS = ' \t\n，。';
const isJiebaSeparator = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0xff0c || c === 0x3002;

/**
 * A draft's tokens as columns, token i at data[4i, 4i + 4): start, end, word id, tag id. Learning
 * reads every token of every article: as columns, a token costs no object (and nothing for the
 * garbage collector to copy while the next files wait their turn); Token objects are made only
 * where asked for.
 */
export class TokenColumns {
  constructor(
    private readonly text: string,
    private readonly data: Int32Array,
  ) {}

  get count(): number {
    return this.data.length >> 2;
  }

  /** The columns as they are stored (start, end, word id, tag id per token), e.g. to hand to another thread. */
  packed(): Int32Array {
    return this.data;
  }

  start(i: number): number {
    return this.data[4 * i];
  }

  end(i: number): number {
    return this.data[4 * i + 1];
  }

  wordId(i: number): number {
    return this.data[4 * i + 2];
  }

  word(i: number): string {
    return wordText(this.text, this.data[4 * i], this.data[4 * i + 1], this.data[4 * i + 2]);
  }

  tag(i: number): string {
    return tagName(this.data[4 * i + 3]);
  }

  /** The id of token i's tag (see tagIdOf). */
  tagId(i: number): number {
    return this.data[4 * i + 3];
  }

  /** Tokens starting inside `span`, as objects. */
  tokensStartingIn(span: Span): Token[] {
    return this.tokens(partitionPoint(this.count, (k) => this.start(k) < span.start), partitionPoint(this.count, (k) => this.start(k) < span.end));
  }

  /** Tokens from..to-1 as objects. */
  tokens(from = 0, to = this.count): Token[] {
    const out = new Array<Token>(Math.max(0, to - from));
    const d = this.data;
    for (let i = from; i < to; i++) out[i - from] = tokenAt(this.text, d[4 * i], d[4 * i + 1], d[4 * i + 3], d[4 * i + 2]);
    return out;
  }

  /** The columns without the tokens that overlap `span` (a run of tokens: they are in order). */
  without(span: Span): TokenColumns {
    const from = partitionPoint(this.count, (i) => this.end(i) <= span.start);
    const to = partitionPoint(this.count, (i) => this.start(i) < span.end);
    if (from >= to) return this;
    // A headline's tokens come first: the rest is a view, not a copy.
    if (from === 0) return new TokenColumns(this.text, this.data.subarray(4 * to));
    const out = new Int32Array(this.data.length - 4 * (to - from));
    out.set(this.data.subarray(0, 4 * from));
    out.set(this.data.subarray(4 * to), 4 * from);
    return new TokenColumns(this.text, out);
  }
}

const NO_CLAUSES = new Int32Array(0);

export class DraftTokens {
  /** Clause boundaries in document order: clause i is [starts[i], ends[i]). */
  private starts = NO_CLAUSES;
  private ends = NO_CLAUSES;
  private tagged: (Token[] | undefined)[] = [];
  /** Clauses are found on first use: a draft segmented whole (learning) never needs them. */
  private clausesFound = false;
  private everything?: Token[];
  /** Every token as columns, once the draft was segmented whole. */
  private columns?: TokenColumns;

  /** `pieces`: the taggable spans of `text`, disjoint and in document order. */
  constructor(
    private readonly text: string,
    private readonly pieces: readonly Span[],
  ) {}

  /** Tokens starting inside `span`, in document order (tags the clauses it touches). */
  in(span: Span): Token[] {
    const all = this.everything;
    if (all) return all.slice(partitionPoint(all.length, (k) => all[k].start < span.start), partitionPoint(all.length, (k) => all[k].start < span.end));
    if (this.columns) return this.columns.tokensStartingIn(span);
    this.findClauses();
    const out: Token[] = [];
    const ends = this.ends;
    for (let i = partitionPoint(ends.length, (k) => ends[k] <= span.start); i < this.starts.length && this.starts[i] < span.end; i++) {
      const whole = this.starts[i] >= span.start && this.ends[i] <= span.end;
      for (const t of this.clause(i)) if (whole || (t.start >= span.start && t.start < span.end)) out.push(t);
    }
    return out;
  }

  /** The pieces' texts, to be segmented joined by newlines (allColumns(), and segmentTogether in parse/draft.ts). */
  pieceTexts(): string[] {
    return this.pieces.map((piece) => this.text.slice(piece.start, piece.end));
  }

  /**
   * Takes its tokens from `batch`, what jieba said about texts joined by newlines (jieba cuts there
   * anyway, as at every clause separator, so the tokens are the same) in which this draft's
   * pieceTexts() start at `at.offset`; `at.next` is the first word not taken yet, `at.cursor` where
   * it starts. Returns the same for the following text.
   */
  adopt(batch: Tagged, at: BatchPosition): BatchPosition {
    let { next: w, cursor: c, offset: o } = at;
    const words = batch.length / 3;
    // One pass into a scratch buffer (a draft has at most the batch's remaining words), then one copy.
    const need = 4 * (words - w);
    if (need > adoptScratch.length && need <= MAX_KEPT_SCRATCH) adoptScratch = new Int32Array(need);
    const data = need <= adoptScratch.length ? adoptScratch : new Int32Array(need);
    let k = 0;
    for (const piece of this.pieces) {
      const end = o + piece.end - piece.start;
      const shift = piece.start - o;
      for (; w < words && c < o; w++) c += batch[3 * w]; // the joining newline
      for (; w < words && c < end; w++) {
        const length = batch[3 * w];
        data[k++] = c + shift;
        data[k++] = c + length + shift;
        data[k++] = batch[3 * w + 2];
        data[k++] = batch[3 * w + 1];
        c += length;
      }
      o = end + 1;
    }
    this.columns ??= new TokenColumns(this.text, data.slice(0, k));
    return { next: w, cursor: c, offset: o };
  }

  /** Every token as columns (segmenting the whole draft unless it was). */
  allColumns(): TokenColumns {
    if (!this.columns) {
      if (this.everything || this.tagged.some((t) => t)) this.columns = columnsOf(this.text, this.all());
      else this.adopt(tagPackedOnce(this.pieceTexts().join('\n')), START);
    }
    return this.columns!;
  }

  /** Every token, in document order. */
  all(): readonly Token[] {
    if (this.everything) return this.everything;
    if (this.tagged.some((t) => t)) {
      // A rule asked for some clauses already: reuse them (cached), tag the rest clause by clause.
      this.findClauses();
      const out: Token[] = [];
      // A loop, not push(...spread): a one-line multi-megabyte draft has more tokens than the call stack holds arguments.
      for (let i = 0; i < this.starts.length; i++) for (const t of this.clause(i)) out.push(t);
      return (this.everything = out);
    }
    // One call for the whole draft and no clause cache: only learning reads every token, once per article.
    return (this.everything = this.allColumns().tokens());
  }

  private findClauses() {
    if (this.clausesFound) return;
    this.clausesFound = true;
    // A loop over character codes, not a regular expression: the editor re-parses on every keystroke,
    // and a match object per separator was a good part of what that left for the garbage collector.
    // Counted first, then written into arrays of their final size (a draft has a clause every few characters).
    const count = this.visitClauses(() => {});
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    let i = 0;
    this.visitClauses((start, end) => {
      starts[i] = start;
      ends[i++] = end;
    });
    this.starts = starts;
    this.ends = ends;
    this.tagged = new Array<Token[] | undefined>(count);
  }

  /** Calls `clause` with each clause's bounds, in document order; returns how many there are. */
  private visitClauses(clause: (start: number, end: number) => void): number {
    const text = this.text;
    let count = 0;
    for (const piece of this.pieces) {
      let cursor = piece.start;
      for (let at = piece.start; at < piece.end; at++) {
        if (!isJiebaSeparator(text.charCodeAt(at))) continue;
        if (at > cursor) {
          clause(cursor, at);
          count++;
        }
        clause(at, at + 1); // a separator is a token of its own
        count++;
        cursor = at + 1;
      }
      if (piece.end > cursor) {
        clause(cursor, piece.end);
        count++;
      }
    }
    return count;
  }

  private clause(i: number): Token[] {
    let tokens = this.tagged[i];
    if (!tokens) {
      const start = this.starts[i];
      const end = this.ends[i];
      // No separator is in jieba's dictionary, so it tags each one x: no need to ask it.
      const separator = end - start === 1 && JIEBA_SEPARATORS.includes(this.text[start]);
      tokens = separator ? [{ word: this.text[start], tag: 'x', wordId: WORD_OUTSIDE_DICTIONARY, start, end }] : tagSpan(this.text.slice(start, end), start);
      this.tagged[i] = tokens;
    }
    return tokens;
  }
}

/** Where a draft's words start in a batch (DraftTokens.adopt). */
export interface BatchPosition {
  next: number;
  cursor: number;
  offset: number;
}

export const START: BatchPosition = { next: 0, cursor: 0, offset: 0 };

/** DraftTokens.adopt's working buffer, kept between drafts up to 4 MB (a learning batch needs ~0.6 MB). */
const MAX_KEPT_SCRATCH = 1 << 20;
let adoptScratch = new Int32Array(0);

function columnsOf(text: string, tokens: readonly Token[]): TokenColumns {
  const data = new Int32Array(4 * tokens.length);
  tokens.forEach((t, i) => {
    data[4 * i] = t.start;
    data[4 * i + 1] = t.end;
    data[4 * i + 2] = t.wordId;
    data[4 * i + 3] = tagIdOf(t.tag);
  });
  return new TokenColumns(text, data);
}
