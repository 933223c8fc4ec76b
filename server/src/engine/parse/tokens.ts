// The tokens of a draft, segmented clause by clause when a rule first asks for them.
//
// jieba cuts its input at the separators below before it segments anything (cppjieba's PreFilter),
// so tagging each clause on its own gives exactly the tokens of tagging the whole paragraph. Linting
// needs tokens only where something is found (a table phrase, a quotation, a sentence with a number),
// which is about 60% of a published article; learning asks for all of them.

import type { Span } from '../types';
import { tagSpan, tagTextOnce, WORD_OUTSIDE_DICTIONARY, type Token } from '../text/segmenter';
import { partitionPoint } from '../text/partition';
import { matchesOf } from '../text/matches';

/** cppjieba's SPECIAL_SEPARATORS: space, tab, newline, ，and 。 */
const JIEBA_SEPARATORS = ' \t\n，。';
const JIEBA_SEPARATOR = new RegExp(`[${JIEBA_SEPARATORS}]`, 'g');

export class DraftTokens {
  /** Clause boundaries in document order: clause i is [starts[i], ends[i]). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly tagged: (Token[] | undefined)[] = [];
  /** Clauses are found on first use: a draft segmented whole (learning) never needs them. */
  private clausesFound = false;
  private everything?: Token[];

  /** `pieces`: the taggable spans of `text`, disjoint and in document order. */
  constructor(
    private readonly text: string,
    private readonly pieces: readonly Span[],
  ) {}

  /** Tokens starting inside `span`, in document order (tags the clauses it touches). */
  in(span: Span): Token[] {
    const all = this.everything;
    if (all) return all.slice(partitionPoint(all.length, (k) => all[k].start < span.start), partitionPoint(all.length, (k) => all[k].start < span.end));
    this.findClauses();
    const out: Token[] = [];
    const ends = this.ends;
    for (let i = partitionPoint(ends.length, (k) => ends[k] <= span.start); i < this.starts.length && this.starts[i] < span.end; i++) {
      const whole = this.starts[i] >= span.start && this.ends[i] <= span.end;
      for (const t of this.clause(i)) if (whole || (t.start >= span.start && t.start < span.end)) out.push(t);
    }
    return out;
  }

  /** The pieces' texts, to be segmented joined by newlines (all(), and prefetchTokens in parse/draft.ts). */
  pieceTexts(): string[] {
    return this.pieces.map((piece) => this.text.slice(piece.start, piece.end));
  }

  /**
   * Takes every token from `batch`, the tokens of texts joined by newlines (jieba cuts there anyway,
   * as at every clause separator, so the tokens are the same) in which this draft's pieceTexts()
   * start at `offset`, reading from batch[next]. Returns where the following text's tokens start.
   */
  adopt(batch: Token[], next: number, offset: number): { next: number; offset: number } {
    const out: Token[] = [];
    for (const piece of this.pieces) {
      const end = offset + piece.end - piece.start;
      const shift = piece.start - offset;
      while (next < batch.length && batch[next].start < offset) next++; // the joining newline
      for (; next < batch.length && batch[next].start < end; next++) {
        const t = batch[next];
        t.start += shift;
        t.end += shift;
        out.push(t);
      }
      offset = end + 1;
    }
    this.everything ??= out;
    return { next, offset };
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
    this.adopt(tagTextOnce(this.pieceTexts().join('\n')), 0, 0);
    return this.everything!;
  }

  private findClauses() {
    if (this.clausesFound) return;
    this.clausesFound = true;
    for (const piece of this.pieces) {
      let cursor = piece.start;
      const slice = this.text.slice(piece.start, piece.end);
      for (const m of matchesOf(JIEBA_SEPARATOR, slice)) {
        const at = piece.start + m.index!;
        if (at > cursor) this.addClause(cursor, at);
        this.addClause(at, at + 1); // a separator is a token of its own
        cursor = at + 1;
      }
      if (piece.end > cursor) this.addClause(cursor, piece.end);
    }
  }

  private addClause(start: number, end: number) {
    this.starts.push(start);
    this.ends.push(end);
    this.tagged.push(undefined);
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
