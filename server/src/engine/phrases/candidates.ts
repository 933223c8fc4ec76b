// What may be a formulaic phrase, decided the same way when learning a corpus and when linting a
// draft: a quoted slogan (“双千”, 2–12 characters, not dialogue) or an n-gram of 2–4 adjacent
// content-word tokens. Proper nouns (places, people, organisations) and the draft's own subject
// (words of its headline) are never slogans. jieba's tag depends on the word alone (a dictionary
// lookup), so a word tagged as a proper noun in one place is tagged so everywhere.

import type { ParsedDraft } from '../parse/draft';
import type { TokenColumns } from '../parse/tokens';
import { WORD_OUTSIDE_DICTIONARY, type Token } from '../text/segmenter';
import type { Span } from '../types';
import { HAN } from '../text/chars';
import { stopWordList } from './dictionary';
import { partitionPoint } from '../text/partition';

/** What finding candidates reads of a draft (a learning thread that only counts phrases gets just this). */
export type PhraseDoc = Pick<ParsedDraft, 'text' | 'headline' | 'byline' | 'quotes' | 'tokensIn' | 'allTokenColumns'>;

/**
 * Receives candidate occurrences in document order (at one start, n-grams before a quotation), each
 * (text, start) once: an n-gram of the table (`quote` undefined; its text is table.phrase(ngram)) or
 * a quotation that is no n-gram (`ngram` -1). `quoted`: the occurrence is the whole content of a “…”.
 */
export type CandidateSink = (ngram: number, quote: string | undefined, start: number, end: number, quoted: boolean) => void;

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

function isContentTag(tag: string): boolean {
  return CONTENT_TAG.test(tag) && !PROPER_TAGS.has(tag);
}

function isContentWord(word: string, tag: string): boolean {
  if (!isContentTag(tag)) return false;
  if (word.length === 1 && tag.startsWith('v')) return false; // 是/有/要: glue, not content
  if (!HAN.test(word) || /[0-9０-９A-Za-z]/.test(word)) return false;
  return !stopWordList().has(word);
}

/** The tokens of the draft outside its headline (which is the draft's subject, not its text). */
export function bodyTokens(doc: PhraseDoc): TokenColumns {
  const h = doc.headline;
  const all = doc.allTokenColumns();
  return h ? all.without(h) : all;
}

/**
 * The content of a “…” quotation when it reads as a slogan: 2–12 characters, Han, no internal
 * sentence punctuation, not introduced as speech (说：“…”), not a proper noun.
 */
export function quotedSlogan(doc: PhraseDoc, quote: Span): string | undefined {
  // A character takes one or two UTF-16 units: most quotations (long ones) are ruled out unread.
  const units = quote.end - quote.start - 2;
  if (units < MIN_QUOTE_CHARS || units > 2 * MAX_QUOTE_CHARS) return undefined;
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
export function isNgramSpan(doc: Pick<ParsedDraft, 'tokensIn'>, start: number, end: number): boolean {
  const length = end - start;
  if (length < MIN_PHRASE_CHARS || length > MAX_PHRASE_CHARS) return false;
  const inside = tokensWithin(doc.tokensIn({ start, end }), start, end);
  if (inside.length < MIN_NGRAM || inside.length > MAX_NGRAM) return false;
  if (inside[0].start !== start || inside[inside.length - 1].end !== end) return false;
  for (let i = 0; i < inside.length; i++) {
    if (!isContentWord(inside[i].word, inside[i].tag)) return false;
    if (i > 0 && inside[i - 1].end !== inside[i].start) return false;
  }
  return true;
}

/**
 * The n-grams of content words a learner has met. N-gram k+1 is found from n-gram k and the next
 * word's id by one hash probe (a first word by its id alone), and an n-gram keeps its parent, word,
 * length and a hash of its text in typed arrays: counting an occurrence builds no string, and the
 * text of an n-gram is built only when asked for. A learner keeps one table for all its articles
 * (word ids are per process).
 */
export class NgramTable {
  /** Open addressing, slot i at [3i, 3i + 3): parent n-gram, word key, node (-1: empty); one cache line per probe. */
  private slots = new Int32Array(3 << 12).fill(-1);
  private size = 0;
  // By node.
  private parents = new Int32Array(1 << 12);
  private words = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  /** By word id: the n-gram of that word alone, -1 before it is met. */
  private unigrams = new Int32Array(1 << 16).fill(-1);
  /** By word key: its text, text hash and HASH_BASE ** length (keys: dictionary ids ≥ 0, others ≤ -2). */
  private readonly wordTexts: string[] = [];
  private wordHashes = new Int32Array(1 << 16);
  private wordPowers = new Int32Array(1 << 16);
  private readonly otherWords = new Map<string, number>();
  private readonly otherTexts: string[] = [];
  private readonly otherHashes: number[] = [];
  private readonly otherPowers: number[] = [];
  /** By word id: 0 not yet known, 1 content word, 2 not. */
  private contentWords = new Int8Array(1 << 16);

  /** The n-gram `parent` (ROOT for none) followed by the word `word` (its key: see keyOf). */
  child(parent: number, word: number): number {
    if (parent === ROOT && word >= 0) {
      const known = this.unigrams[word];
      return known >= 0 ? known : (this.unigrams[word] = this.add(ROOT, word));
    }
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let slot = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(word, 0x85ebca6b)) & mask;
    for (let node = slots[3 * slot + 2]; node >= 0; slot = (slot + 1) & mask, node = slots[3 * slot + 2]) {
      if (slots[3 * slot] === parent && slots[3 * slot + 1] === word) return node;
    }
    const node = this.add(parent, word);
    slots[3 * slot] = parent;
    slots[3 * slot + 1] = word;
    slots[3 * slot + 2] = node;
    if (2 * this.size > mask + 1) this.grow();
    return node;
  }

  /** The number of UTF-16 units of the n-gram's text. */
  length(node: number): number {
    return this.lengths[node];
  }

  /** textHash of the n-gram's text. */
  hash(node: number): number {
    return this.hashes[node];
  }

  phrase(node: number): string {
    const parent = this.parents[node];
    const word = this.wordText(this.words[node]);
    return parent === ROOT ? word : this.phrase(parent) + word;
  }

  /** A candidate's text (see CandidateSink). */
  text(ngram: number, quote: string | undefined): string {
    return quote ?? this.phrase(ngram);
  }

  /** Token i of `tokens` is a content word (decided once per dictionary word). */
  isContent(tokens: TokenColumns, i: number): boolean {
    const id = tokens.wordId(i);
    // Punctuation and numbers (outside the dictionary) fail on their tag: no need to slice the word.
    if (id === WORD_OUTSIDE_DICTIONARY) return isContentTag(tokens.tag(i)) && isContentWord(tokens.word(i), tokens.tag(i));
    if (id >= this.contentWords.length) this.growWords(id + 1);
    let known = this.contentWords[id];
    if (!known) known = this.contentWords[id] = isContentWord(tokens.word(i), tokens.tag(i)) ? 1 : 2;
    return known === 1;
  }

  private add(parent: number, word: number): number {
    const node = this.size++;
    if (node === this.parents.length) {
      this.parents = grown(this.parents);
      this.words = grown(this.words);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
    }
    const other = -2 - word;
    const length = (word >= 0 ? this.wordTexts[word] : this.otherTexts[other]).length;
    const wordHash = word >= 0 ? this.wordHashes[word] : this.otherHashes[other];
    const power = word >= 0 ? this.wordPowers[word] : this.otherPowers[other];
    this.parents[node] = parent;
    this.words[node] = word;
    this.lengths[node] = parent === ROOT ? length : this.lengths[parent] + length;
    this.hashes[node] = parent === ROOT ? wordHash : (Math.imul(this.hashes[parent], power) + wordHash) | 0;
    return node;
  }

  /** The key of token i's word: a dictionary word by its id (its facts noted when first met), any other by a key below -1. */
  keyOf(tokens: TokenColumns, i: number): number {
    const id = tokens.wordId(i);
    if (id !== WORD_OUTSIDE_DICTIONARY) {
      if (id >= this.wordHashes.length) this.growWords(id + 1);
      // A power of the odd HASH_BASE is never 0: 0 marks a word not met yet (a typed array, not the
      // sparse array of texts, answers fast).
      if (this.wordPowers[id] === 0) {
        const word = tokens.word(i);
        this.wordTexts[id] = word;
        this.wordHashes[id] = textHash(word);
        this.wordPowers[id] = hashPower(word.length);
      }
      return id;
    }
    const word = tokens.word(i);
    let key = this.otherWords.get(word);
    if (key === undefined) {
      this.otherWords.set(word, (key = -2 - this.otherTexts.length));
      this.otherTexts.push(word);
      this.otherHashes.push(textHash(word));
      this.otherPowers.push(hashPower(word.length));
    }
    return key;
  }

  private wordText(word: number): string {
    return word >= 0 ? this.wordTexts[word] : this.otherTexts[-2 - word];
  }

  private growWords(min: number) {
    const size = Math.max(2 * this.wordHashes.length, min);
    this.wordHashes = grown(this.wordHashes, size);
    this.wordPowers = grown(this.wordPowers, size);
    this.unigrams = grown(this.unigrams, size, -1);
    this.contentWords = grown(this.contentWords, size);
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
const HASH_BASE = 0x01000193;

/** A polynomial hash of UTF-16 units: textHash(a + b) = textHash(a) · HASH_BASE^|b| + textHash(b) (32-bit). */
export function textHash(text: string, start = 0, end = text.length): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
}

function hashPower(length: number): number {
  let p = 1;
  for (let i = 0; i < length; i++) p = Math.imul(p, HASH_BASE);
  return p;
}

type GrowableArray = Int32Array<ArrayBuffer> | Int8Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** A typed array twice as long as `a` (at least `min`), with `a`'s contents and `fill` after them. */
export function grown<T extends GrowableArray>(a: T, min = 0, fill = 0): T {
  const out = new (a.constructor as new (length: number) => T)(Math.max(2 * a.length, min));
  out.set(a);
  if (fill) out.fill(fill, a.length);
  return out;
}

/**
 * The texts of 3–10 units inside a headline, as subjectKey(textHash, length): a phrase whose key is
 * not among them is not inside the headline, found without building its text.
 */
function subjectKeys(subject: string): Set<number> {
  const keys = new Set<number>();
  for (let i = 0; i < subject.length; i++) {
    let h = 0;
    for (let j = i; j < subject.length && j - i < MAX_PHRASE_CHARS; j++) {
      h = (Math.imul(h, HASH_BASE) + subject.charCodeAt(j)) | 0;
      if (j + 1 - i >= MIN_PHRASE_CHARS) keys.add(subjectKey(h, j + 1 - i));
    }
  }
  return keys;
}

/** A 30-bit key (a small integer: no heap number per key); a collision only costs a text comparison. */
function subjectKey(hash: number, length: number): number {
  return (hash ^ Math.imul(length, 0x9e3779b1)) & 0x3fffffff;
}

/**
 * Hands every candidate occurrence in the body of a draft to `emit`, in document order, without an
 * object per occurrence (learning meets hundreds of thousands). `table`: a learner's n-gram table,
 * kept across articles; `tokens`: the draft's bodyTokens.
 */
export function forEachCandidate(doc: PhraseDoc, table: NgramTable, tokens: TokenColumns, emit: CandidateSink): void {
  const subject = doc.headline?.text ?? '';
  const inSubject = subjectKeys(subject);
  // Quotations first, in order: an n-gram with the same text at the same place is the same
  // occurrence, quoted; the others are emitted once the n-grams have passed their start.
  const h = doc.headline;
  const quotes: { slogan: string; start: number; end: number; matched: boolean }[] = [];
  for (const q of doc.quotes) {
    if (h && q.start < h.end && q.end > h.start) continue;
    if (doc.byline && q.start >= doc.byline.start && q.end <= doc.byline.end) continue;
    const slogan = quotedSlogan(doc, q);
    if (slogan && !subject.includes(slogan)) quotes.push({ slogan, start: q.start + 1, end: q.end - 1, matched: false });
  }
  let nextQuote = 0;
  const quotesBefore = (start: number) => {
    for (; nextQuote < quotes.length && quotes[nextQuote].start < start; nextQuote++) {
      const q = quotes[nextQuote];
      if (!q.matched) emit(-1, q.slogan, q.start, q.end, true);
    }
  };
  // N-grams come out ordered by start, and at most one per (start, length): never twice the same.
  // Each word of a run is in up to MAX_NGRAM n-grams: its key is found once.
  let keys = new Int32Array(64);
  const ngramsOf = (from: number, to: number) => {
    if (to - from > keys.length) keys = new Int32Array(2 * (to - from));
    for (let j = from; j < to; j++) keys[j - from] = table.keyOf(tokens, j);
    for (let i = from; i < to; i++) {
      const start = tokens.start(i);
      quotesBefore(start);
      const q = nextQuote < quotes.length && quotes[nextQuote].start === start ? quotes[nextQuote] : undefined;
      let node = table.child(ROOT, keys[i - from]);
      for (let n = 2; n <= MAX_NGRAM && i + n - 1 < to; n++) {
        // The words of a run are adjacent: the n-gram's length is known before it is looked up.
        const length = tokens.end(i + n - 1) - start;
        if (length > MAX_PHRASE_CHARS) break;
        node = table.child(node, keys[i + n - 1 - from]);
        if (n < MIN_NGRAM || length < MIN_PHRASE_CHARS) continue;
        if (inSubject.has(subjectKey(table.hash(node), length)) && subject.includes(table.phrase(node))) continue;
        const quoted = !!q && !q.matched && q.slogan.length === length && table.phrase(node) === q.slogan;
        if (quoted) q.matched = true;
        emit(node, undefined, start, tokens.end(i + n - 1), quoted);
      }
    }
  };
  // Runs of adjacent content words.
  let runStart = 0;
  for (let i = 0; i < tokens.count; i++) {
    if (!table.isContent(tokens, i)) {
      ngramsOf(runStart, i);
      runStart = i + 1;
    } else if (i > runStart && tokens.end(i - 1) !== tokens.start(i)) {
      ngramsOf(runStart, i);
      runStart = i;
    }
  }
  ngramsOf(runStart, tokens.count);
  quotesBefore(Infinity);
}
