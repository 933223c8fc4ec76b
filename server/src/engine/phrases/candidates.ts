// What may be a formulaic phrase, decided the same way when learning a corpus and when linting a
// draft: a quoted slogan (“双千”, 2–12 characters, not dialogue) or an n-gram of 2–4 adjacent
// content-word tokens. Proper nouns (places, people, organisations) and the draft's own subject
// (words of its headline) are never slogans. jieba's tag depends on the word alone (a dictionary
// lookup), so a word tagged as a proper noun in one place is tagged so everywhere.

import type { ParsedDraft } from '../parse/draft';
import { WORD_OUTSIDE_DICTIONARY, type Token } from '../text/segmenter';
import type { Span } from '../types';
import { HAN } from '../text/chars';
import { stopWordList } from './dictionary';
import { partitionPoint } from '../text/partition';

export interface CandidateOccurrence extends Span {
  phrase: string;
  /** The n-gram in the NgramTable that found it; -1 for a quotation. */
  ngram: number;
  /** The occurrence is the whole content of a “…” quotation. */
  quoted: boolean;
}

const MIN_NGRAM = 2;
const MAX_NGRAM = 4;
const MIN_PHRASE_CHARS = 3;
const MAX_PHRASE_CHARS = 10;
const MIN_QUOTE_CHARS = 2;
const MAX_QUOTE_CHARS = 12;

/** jieba tags of proper nouns: person, place, organisation, other proper name. */
const PROPER_TAGS = new Set(['nr', 'nrt', 'nrfg', 'nrj', 'ns', 'nt', 'nz']);
/** Content-word tag families: nouns, verbs, adjectives, idioms, abbreviations. */
const CONTENT_TAG = /^(n|v|a|l|i|j)/;

function isContentToken(t: Token): boolean {
  if (!CONTENT_TAG.test(t.tag) || PROPER_TAGS.has(t.tag)) return false;
  if (t.word.length === 1 && t.tag.startsWith('v')) return false; // 是/有/要: glue, not content
  if (!HAN.test(t.word) || /[0-9０-９A-Za-z]/.test(t.word)) return false;
  return !stopWordList().has(t.word);
}

/** Body spans of the draft (sentences): headline, byline and comments are left out. */
export function bodyTokens(doc: ParsedDraft): Token[] {
  const h = doc.headline;
  const all = doc.allTokens();
  return h ? all.filter((t) => t.end <= h.start || t.start >= h.end) : all.slice();
}

/**
 * The content of a “…” quotation when it reads as a slogan: 2–12 characters, Han, no internal
 * sentence punctuation, not introduced as speech (说：“…”), not a proper noun.
 */
export function quotedSlogan(doc: ParsedDraft, quote: Span): string | undefined {
  const inner = doc.text.slice(quote.start + 1, quote.end - 1);
  const chars = [...inner].length;
  if (chars < MIN_QUOTE_CHARS || chars > MAX_QUOTE_CHARS || !HAN.test(inner)) return undefined;
  if (/[，。！？；：,.!?;:“”\s]/.test(inner)) return undefined;
  const before = doc.text.slice(Math.max(0, quote.start - 3), quote.start);
  if (/[：:]$/.test(before) || /[说道问喊称]$/.test(before)) return undefined;
  const inside = tokensWithin(doc.tokensIn({ start: quote.start + 1, end: quote.end - 1 }), quote.start + 1, quote.end - 1);
  if (inside.length && inside.every((t) => PROPER_TAGS.has(t.tag))) return undefined;
  return inner;
}

/** Tokens lying inside [start, end), found by binary search (tokens are in document order). */
export function tokensWithin(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = partitionPoint(tokens.length, (k) => tokens[k].start < start); i < tokens.length && tokens[i].end <= end; i++) out.push(tokens[i]);
  return out;
}

/**
 * True when [start, end) is exactly an n-gram the learner counts: 2–4 adjacent content-word tokens,
 * 3–10 characters, on token boundaries. The linter applies the same test to table matches, so a draft
 * is counted the way the corpus was.
 */
export function isNgramSpan(doc: ParsedDraft, start: number, end: number): boolean {
  const length = end - start;
  if (length < MIN_PHRASE_CHARS || length > MAX_PHRASE_CHARS) return false;
  const inside = tokensWithin(doc.tokensIn({ start, end }), start, end);
  if (inside.length < MIN_NGRAM || inside.length > MAX_NGRAM) return false;
  if (inside[0].start !== start || inside[inside.length - 1].end !== end) return false;
  for (let i = 0; i < inside.length; i++) {
    if (!isContentToken(inside[i])) return false;
    if (i > 0 && inside[i - 1].end !== inside[i].start) return false;
  }
  return true;
}

/**
 * The n-grams of content words a learner has met, each with its phrase built once: n-gram k+1 is
 * found from n-gram k and the next word's id by one hash probe, so counting an occurrence builds no
 * string. A learner keeps one table for all its articles (word ids are per process).
 */
export class NgramTable {
  /** Open addressing, slot i at [3i, 3i + 3): parent n-gram, word id, node (-1: empty); one cache line per probe. */
  private slots = new Int32Array(3 << 12).fill(-1);
  private readonly phrases: string[] = [];
  /** Phrase lengths by node, read without touching the strings. */
  private readonly lengths: number[] = [];
  private readonly pseudoIds = new Map<string, number>();
  /** By word id: 0 not yet known, 1 content word, 2 not. */
  private contentWords = new Int8Array(1 << 16);

  /** The n-gram `parent` (ROOT for none) followed by `token`. */
  child(parent: number, token: Token): number {
    const word = this.idOf(token);
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let slot = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(word, 0x85ebca6b)) & mask;
    for (let node = slots[3 * slot + 2]; node >= 0; slot = (slot + 1) & mask, node = slots[3 * slot + 2]) {
      if (slots[3 * slot] === parent && slots[3 * slot + 1] === word) return node;
    }
    const node = this.phrases.length;
    const phrase = parent === ROOT ? token.word : this.phrases[parent] + token.word;
    this.phrases.push(phrase);
    this.lengths.push(phrase.length);
    slots[3 * slot] = parent;
    slots[3 * slot + 1] = word;
    slots[3 * slot + 2] = node;
    if (2 * this.phrases.length > mask + 1) this.grow();
    return node;
  }

  /** The number of UTF-16 units of the n-gram's phrase. */
  length(node: number): number {
    return this.lengths[node];
  }

  phrase(node: number): string {
    return this.phrases[node];
  }

  isContent(token: Token): boolean {
    const id = token.wordId;
    if (id === WORD_OUTSIDE_DICTIONARY) return isContentToken(token);
    if (id >= this.contentWords.length) {
      const grown = new Int8Array(Math.max(2 * this.contentWords.length, id + 1));
      grown.set(this.contentWords);
      this.contentWords = grown;
    }
    let known = this.contentWords[id];
    if (!known) known = this.contentWords[id] = isContentToken(token) ? 1 : 2;
    return known === 1;
  }

  /** Dictionary words by their id; any other word (none is a content word today) by an id below -1. */
  private idOf(token: Token): number {
    if (token.wordId !== WORD_OUTSIDE_DICTIONARY) return token.wordId;
    let id = this.pseudoIds.get(token.word);
    if (id === undefined) this.pseudoIds.set(token.word, (id = -2 - this.pseudoIds.size));
    return id;
  }

  private grow() {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(2 * old.length).fill(-1));
    const mask = slots.length / 3 - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] < 0) continue;
      let slot = (Math.imul(old[i], 0x9e3779b1) ^ Math.imul(old[i + 1], 0x85ebca6b)) & mask;
      while (slots[3 * slot + 2] >= 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(i, i + 3), 3 * slot);
    }
  }
}

const ROOT = -1;

/**
 * Every candidate occurrence in the body of a draft, in document order, each (phrase, start) once.
 * `table`: a learner's n-gram table, kept across articles; `tokens`: the draft's bodyTokens.
 */
export function extractCandidates(doc: ParsedDraft, table = new NgramTable(), tokens = bodyTokens(doc)): CandidateOccurrence[] {
  const subject = doc.headline?.text ?? '';
  // N-grams come out ordered by start, and at most one per (start, length): never twice the same.
  const out: CandidateOccurrence[] = [];
  const ngramsOf = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let node = table.child(ROOT, tokens[i]);
      for (let n = 2; n <= MAX_NGRAM && i + n - 1 < to; n++) {
        node = table.child(node, tokens[i + n - 1]);
        const length = table.length(node);
        if (n < MIN_NGRAM || length < MIN_PHRASE_CHARS) continue;
        if (length > MAX_PHRASE_CHARS) break;
        const phrase = table.phrase(node);
        if (!subject.includes(phrase)) out.push({ phrase, ngram: node, start: tokens[i].start, end: tokens[i + n - 1].end, quoted: false });
      }
    }
  };
  // Runs of adjacent content words.
  let runStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!table.isContent(t)) {
      ngramsOf(runStart, i);
      runStart = i + 1;
    } else if (i > runStart && tokens[i - 1].end !== t.start) {
      ngramsOf(runStart, i);
      runStart = i;
    }
  }
  ngramsOf(runStart, tokens.length);

  const h = doc.headline;
  const quoted: CandidateOccurrence[] = [];
  for (const q of doc.quotes) {
    if (h && q.start < h.end && q.end > h.start) continue;
    if (doc.byline && q.start >= doc.byline.start && q.end <= doc.byline.end) continue;
    const slogan = quotedSlogan(doc, q);
    if (!slogan || subject.includes(slogan)) continue;
    const start = q.start + 1;
    // An n-gram with the same text at the same place is the same occurrence, now known to be quoted.
    let same: CandidateOccurrence | undefined;
    for (let k = partitionPoint(out.length, (j) => out[j].start < start); k < out.length && out[k].start === start && !same; k++) {
      if (out[k].phrase === slogan) same = out[k];
    }
    if (same) same.quoted = true;
    else quoted.push({ phrase: slogan, ngram: -1, start, end: q.end - 1, quoted: true });
  }
  // A stable sort: at one start, n-grams stay before a quotation.
  return quoted.length ? out.concat(quoted).sort((a, b) => a.start - b.start) : out;
}
