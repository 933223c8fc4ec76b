// What phrase learning keeps of a corpus: every article's body as a stream of word ids (punctuation
// included), with the vocabulary and each token's offset in its file. The phrase table is mined from
// the whole of it at finalize (phrases/mine.ts), so the counts the miner needs — n-grams and their
// neighbours across every article — never have to be stored or added up as they are found: a shard
// keeps the streams, merging shards joins them, and mining the joined streams equals mining the whole
// corpus. Streams grow with the corpus's tokens (about 8 bytes each in memory, 1–2 in a shard file);
// the n-gram counts that explode with distinct text exist only while mining, pruned level by level.

import type { CorpusArticle } from '../profile/contributor';
import { HAN } from '../text/chars';
import { grow } from './typed';

/** One article's body as the miner reads it. */
export interface StreamArticle {
  /** `file#index`: sorts articles the same way in every shard. */
  key: string;
  file: string;
  headline: string;
  /** Han characters of the body (the density denominator). */
  hanChars: number;
  /** `YYYY-MM` from the file's name or manifest, '' when unknown. */
  month: string;
  /** Word ids of the body's tokens; a paragraph break is the token PARAGRAPH_BREAK. */
  tokens: Int32Array;
  /** Each token's offset in the article's file (for example references). */
  offsets: Int32Array;
}

export interface PhraseStream {
  /** Words by id, and the tag jieba gives each (a word's tag depends on the word alone). */
  words: string[];
  tags: string[];
  articles: StreamArticle[];
}

/** The stream as stored in a shard file: ids and offsets as base64 varints. */
export interface PackedPhraseStream {
  words: string[];
  tags: string[];
  articles: { key: string; file: string; headline: string; hanChars: number; month: string; tokens: string; offsets: string }[];
}

/** The word a paragraph break stands for (jieba never returns it: it cuts at newlines). */
export const PARAGRAPH_BREAK = '\n';

export function emptyStream(): PhraseStream {
  return { words: [], tags: [], articles: [] };
}

/** Builds a stream article by article, words numbered as first met. */
export class StreamBuilder {
  readonly stream = emptyStream();
  /** Stream ids of words outside jieba's dictionary, by text, and of dictionary words, by jieba's id. */
  private readonly ids = new Map<string, number>();
  private byJiebaId: Int32Array = new Int32Array(1 << 16).fill(-1);
  /** …and of one-unit words outside it (punctuation, mostly), by code unit: no string made to look them up. */
  private readonly byUnit = new Int32Array(1 << 16).fill(-1);
  /** By stream id: a word (not punctuation or space), counted in wordTokens. */
  private isWord = new Uint8Array(1 << 12);
  private readonly paragraphBreak = this.id(PARAGRAPH_BREAK, 'x');
  private readonly perFile = new Map<string, number>();
  /** Word tokens of the bodies (punctuation and spaces excluded): the corpus size keyness divides by. */
  wordTokens = 0;
  private scratchTokens = new Int32Array(0);
  private scratchOffsets = new Int32Array(0);

  add(article: CorpusArticle, month: string): void {
    const n = this.perFile.get(article.file) ?? 0;
    this.perFile.set(article.file, n + 1);
    const doc = article.doc;
    const text = doc.text;
    const all = doc.allTokenColumns();
    const cols = doc.headline ? all.without(doc.headline) : all;
    const count = cols.count;
    // A paragraph break adds a token: at most one per token. Built in scratch arrays kept from one
    // article to the next (up to MAX_KEPT_SCRATCH), then copied at their length.
    const need = 2 * count;
    if (this.scratchTokens.length < need && need <= MAX_KEPT_SCRATCH) {
      this.scratchTokens = new Int32Array(Math.min(MAX_KEPT_SCRATCH, 2 * need));
      this.scratchOffsets = new Int32Array(this.scratchTokens.length);
    }
    const kept = need <= this.scratchTokens.length;
    const tokens = kept ? this.scratchTokens : new Int32Array(need);
    const offsets = kept ? this.scratchOffsets : new Int32Array(need);
    // The columns as stored: start, end, jieba's word id and tag id per token (parse/tokens.ts).
    const data = cols.packed();
    let k = 0;
    let end = -1;
    let words = 0;
    for (let i = 0; i < count; i++) {
      const start = data[4 * i];
      if (end >= 0 && start !== end) {
        tokens[k] = this.paragraphBreak;
        offsets[k++] = start;
      }
      end = data[4 * i + 1];
      const jieba = data[4 * i + 2];
      const unit = jieba < 0 && end - start === 1 ? text.charCodeAt(start) : -1;
      let id = unit >= 0 ? this.byUnit[unit] : jieba >= 0 && jieba < this.byJiebaId.length ? this.byJiebaId[jieba] : -1;
      if (id < 0) {
        id = this.id(cols.word(i), cols.tag(i));
        if (unit >= 0) this.byUnit[unit] = id;
        else if (jieba >= 0) {
          if (jieba >= this.byJiebaId.length) this.byJiebaId = grow(this.byJiebaId, jieba + 1, -1);
          this.byJiebaId[jieba] = id;
        }
      }
      tokens[k] = id;
      offsets[k++] = start;
      words += this.isWord[id];
    }
    this.wordTokens += words;
    // Offsets are the file's own unless the article was rebuilt from a page (fileOffset maps them).
    if (article.filePieces) for (let i = 0; i < k; i++) offsets[i] = article.fileOffset(offsets[i]);
    this.stream.articles.push({
      key: articleKey(article.file, n),
      file: article.file,
      headline: article.headline,
      hanChars: doc.hanChars,
      month,
      tokens: tokens.slice(0, k),
      offsets: offsets.slice(0, k),
    });
  }

  private id(word: string, tag: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.stream.words.length;
      this.ids.set(word, id);
      this.stream.words.push(word);
      this.stream.tags.push(tag);
      if (id >= this.isWord.length) {
        const grown = new Uint8Array(2 * this.isWord.length);
        grown.set(this.isWord);
        this.isWord = grown;
      }
      this.isWord[id] = tag !== 'x' || HAN.test(word) ? 1 : 0;
    }
    return id;
  }
}

/** StreamBuilder's scratch arrays are kept up to this many entries (1 MB each); a longer article gets its own. */
const MAX_KEPT_SCRATCH = 1 << 18;

export function articleKey(file: string, index: number): string {
  return `${file}#${String(index).padStart(4, '0')}`;
}

/**
 * Appends `from`'s articles to `into` (renumbering its words); an article already in `into` (same
 * key) is kept once. `from` is only read.
 */
export function appendStream(into: PhraseStream, from: PhraseStream): void {
  const ids = new Map<string, number>();
  into.words.forEach((w, i) => ids.set(w, i));
  const remap = from.words.map((w, i) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = into.words.length;
      ids.set(w, id);
      into.words.push(w);
      into.tags.push(from.tags[i]);
    }
    return id;
  });
  const known = new Set(into.articles.map((a) => a.key));
  for (const a of from.articles) {
    if (known.has(a.key)) continue;
    known.add(a.key);
    into.articles.push({ ...a, tokens: a.tokens.map((t) => remap[t]) });
  }
}

/**
 * The stream with articles sorted by key and words by text: equal corpora give equal streams. The
 * articles' tokens are renumbered in place (a stream is normalized once, by the profile that owns
 * it, at finalize): a copy of every token would live beside the original while the table is mined.
 */
export function normalizeStream(stream: PhraseStream): PhraseStream {
  const order = stream.words.map((_, i) => i).sort((a, b) => compare(stream.words[a], stream.words[b]));
  const remap = new Int32Array(order.length);
  order.forEach((old, i) => (remap[old] = i));
  if (!order.every((old, i) => old === i)) {
    for (const a of stream.articles) for (let i = 0; i < a.tokens.length; i++) a.tokens[i] = remap[a.tokens[i]];
  }
  const articles = stream.articles.slice().sort((a, b) => compare(a.key, b.key));
  return { words: order.map((i) => stream.words[i]), tags: order.map((i) => stream.tags[i]), articles };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function packStream(stream: PhraseStream): PackedPhraseStream {
  return {
    words: stream.words,
    tags: stream.tags,
    articles: stream.articles.map((a) => ({
      key: a.key,
      file: a.file,
      headline: a.headline,
      hanChars: a.hanChars,
      month: a.month,
      tokens: packInts(a.tokens, false),
      offsets: packInts(a.offsets, true),
    })),
  };
}

export function unpackStream(packed: PackedPhraseStream | PhraseStream): PhraseStream {
  if (packed.articles.length === 0 || typeof packed.articles[0].tokens !== 'string') return packed as PhraseStream;
  return {
    words: packed.words,
    tags: packed.tags,
    articles: (packed as PackedPhraseStream).articles.map((a) => ({
      key: a.key,
      file: a.file,
      headline: a.headline,
      hanChars: a.hanChars,
      month: a.month,
      tokens: unpackInts(a.tokens, false),
      offsets: unpackInts(a.offsets, true),
    })),
  };
}

/** LEB128 varints in base64; `deltas`: each value as its zigzag difference from the one before. */
function packInts(values: Int32Array, deltas: boolean): string {
  const bytes: number[] = [];
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (deltas) {
      const d = v - prev;
      prev = v;
      v = d >= 0 ? 2 * d : -2 * d - 1;
    }
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(v);
  }
  return Buffer.from(bytes).toString('base64');
}

function unpackInts(text: string, deltas: boolean): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < bytes.length; ) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (deltas) {
      prev += v % 2 ? -(v + 1) / 2 : v / 2;
      v = prev;
    }
    out.push(v);
  }
  return Int32Array.from(out);
}

/** The buffers of a stream's typed arrays, to move it to another thread instead of copying it. */
export function streamBuffers(stream: PhraseStream | PackedPhraseStream | undefined): ArrayBuffer[] {
  if (!stream) return [];
  return unpackStream(stream).articles.flatMap((a) => [a.tokens.buffer as ArrayBuffer, a.offsets.buffer as ArrayBuffer]);
}
