// What phrase learning keeps of a corpus: every article's body as a stream of word ids (punctuation
// included), with the vocabulary and each token's offset in its file. The phrase table is mined from
// the whole of it at finalize (phrases/mine.ts), so the counts the miner needs — n-grams and their
// neighbours across every article — never have to be stored or added up as they are found: a shard
// keeps the streams, merging shards joins them, and mining the joined streams equals mining the whole
// corpus. Streams grow with the corpus's tokens (about 8 bytes each in memory, 1.6 or so in a shard
// file); the n-gram counts that explode with distinct text exist only while mining, pruned level by level.

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

/**
 * The stream as stored in a shard file. Words are numbered most frequent first, so that most tokens
 * take one byte; `tokens` are their ids as base64 varints. A token's offset is where the one before
 * it ended (its offset plus its word's length; a paragraph break takes no room) unless `jumps` says
 * otherwise: pairs of varints, tokens since the previous jump and the zigzag difference from that
 * expected offset. A jump comes at each paragraph and where an article rebuilt from a page skips text.
 */
export interface PackedPhraseStream {
  words: string[];
  tags: string[];
  articles: { key: string; file: string; headline: string; hanChars: number; month: string; tokens: string; jumps: string }[];
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
      if (id >= this.isWord.length) this.isWord = grow(this.isWord, id + 1);
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
  // Ids by descending frequency (ties by text, so equal streams pack to equal text).
  const uses = new Int32Array(stream.words.length);
  for (const a of stream.articles) for (let i = 0; i < a.tokens.length; i++) uses[a.tokens[i]]++;
  const order = stream.words.map((_, i) => i).sort((a, b) => uses[b] - uses[a] || compare(stream.words[a], stream.words[b]));
  const packedId = new Int32Array(order.length);
  order.forEach((old, i) => (packedId[old] = i));
  const room = wordRoom(stream.words);
  const bytes = new VarintWriter();
  return {
    words: order.map((i) => stream.words[i]),
    tags: order.map((i) => stream.tags[i]),
    articles: stream.articles.map((a) => {
      for (let i = 0; i < a.tokens.length; i++) bytes.write(packedId[a.tokens[i]]);
      const tokens = bytes.take();
      let expected = 0;
      let last = 0;
      for (let i = 0; i < a.tokens.length; i++) {
        const offset = a.offsets[i];
        if (offset !== expected) {
          const d = offset - expected;
          bytes.write(i - last);
          bytes.write(d >= 0 ? 2 * d : -2 * d - 1);
          last = i;
        }
        expected = offset + room[a.tokens[i]];
      }
      return { key: a.key, file: a.file, headline: a.headline, hanChars: a.hanChars, month: a.month, tokens, jumps: bytes.take() };
    }),
  };
}

export function unpackStream(packed: PackedPhraseStream | PhraseStream): PhraseStream {
  if (packed.articles.length === 0 || typeof packed.articles[0].tokens !== 'string') return packed as PhraseStream;
  const room = wordRoom(packed.words);
  return {
    words: packed.words,
    tags: packed.tags,
    articles: (packed as PackedPhraseStream).articles.map((a) => {
      const tokens = readVarints(a.tokens);
      const jumps = readVarints(a.jumps);
      const offsets = new Int32Array(tokens.length);
      let expected = 0;
      let next = jumps.length ? jumps[0] : -1;
      for (let i = 0, j = 0; i < tokens.length; i++) {
        if (i === next) {
          const z = jumps[j + 1];
          expected += z % 2 ? -(z + 1) / 2 : z / 2;
          j += 2;
          next = j < jumps.length ? i + jumps[j] : -1;
        }
        offsets[i] = expected;
        expected += room[tokens[i]];
      }
      return { key: a.key, file: a.file, headline: a.headline, hanChars: a.hanChars, month: a.month, tokens, offsets };
    }),
  };
}

/** The text each word takes in its file (a paragraph break none: it stands where the next paragraph starts). */
function wordRoom(words: readonly string[]): Int32Array {
  return Int32Array.from(words, (w) => (w === PARAGRAPH_BREAK ? 0 : w.length));
}

/** LEB128 varints of non-negative integers, handed over as base64 one run at a time. */
class VarintWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) this.bytes = grow(this.bytes, this.length + 5);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /** The varints written since the last take, as base64. */
  take(): string {
    const text = Buffer.from(this.bytes.buffer, 0, this.length).toString('base64');
    this.length = 0;
    return text;
  }
}

function readVarints(base64: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x80) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; k < count; k++) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    out[k] = v;
  }
  return out;
}

/** The buffers of a stream's typed arrays, to move it to another thread instead of copying it. */
export function streamBuffers(stream: PhraseStream | PackedPhraseStream | undefined): ArrayBuffer[] {
  if (!stream) return [];
  return unpackStream(stream).articles.flatMap((a) => [a.tokens.buffer as ArrayBuffer, a.offsets.buffer as ArrayBuffer]);
}
