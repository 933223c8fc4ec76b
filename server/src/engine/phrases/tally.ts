// A learner's running phrase counts, kept in typed arrays while a corpus is counted and handed on as
// a PackedShard (profile/types.ts). They are the counts a PhraseShard holds, built without an object
// per phrase: a learner meets 100,000 phrases or more, and an entry object with two growing arrays
// each, looked up by string, cost more (and kept the garbage collector busier) than the counting.
//
// Articles must arrive in file order (learning visits files sorted by reference), as the example
// rule below relies on: an article's examples never sort before those of an earlier file.

import type { CorpusArticle } from '../profile/contributor';
import type { ParsedDraft } from '../parse/draft';
import type { PackedShard, ShardArticle } from '../profile/types';
import { grown, NgramTable, textHash } from './candidates';

/** What the tally reads of an article. */
export type TallyArticle = Pick<CorpusArticle, 'file' | 'headline' | 'fileOffset'> & { doc: Pick<ParsedDraft, 'hanChars'> };

/** Examples kept per phrase (PhraseShard's first 3 by file, offset, article). */
const EXAMPLES = 3;

export class PhraseTally {
  readonly articles: ShardArticle[] = [];
  readonly ngrams = new NgramTable();
  private readonly articlesPerFile = new Map<string, number>();
  /** By article: a number shared by the articles of one file (they arrive together). */
  private fileRanks = new Int32Array(1024);

  /**
   * Phrase ids by text, without building texts: open addressing on (textHash, length), slot → 1 + id;
   * texts are compared only when both match (the same text reached through other words, or a collision).
   */
  private phraseSlots = new Int32Array(1 << 15);
  private phraseCount = 0;
  /** By phrase id: textHash, length, and an n-gram with its text (-1: a quotation, text in `quotes`). */
  private phraseHashes = new Int32Array(1 << 14);
  private phraseLengths = new Int32Array(1 << 14);
  private phraseNgrams = new Int32Array(1 << 14);
  private readonly quotes = new Map<number, string>();
  /** By n-gram of `ngrams`: its phrase's id, -1 before it was counted. */
  private phraseOfNgram = new Int32Array(1 << 16).fill(-1);

  // By phrase id.
  private quoted = new Int32Array(1 << 14);
  private lastArticle = new Int32Array(1 << 14).fill(-1);
  /** Where the phrase's posting for its last article sits in `log`. */
  private postingAt = new Int32Array(1 << 14);
  private exampleCounts = new Uint8Array(1 << 14);
  /** EXAMPLES (article, file offset) pairs per phrase, sorted. */
  private examples = new Int32Array(2 * EXAMPLES << 14);

  /** (phrase, count) pairs, article after article; article a's start at `logStarts[a]`. */
  private log = new Int32Array(1 << 16);
  private logLength = 0;
  private logStarts = new Int32Array(1024);

  /** Starts counting `article` (the next in file order); returns its number. */
  beginArticle(article: TallyArticle): number {
    const index = this.articles.length;
    const n = this.articlesPerFile.get(article.file) ?? 0;
    this.articlesPerFile.set(article.file, n + 1);
    this.articles.push({ key: articleKey(article.file, n), file: article.file, headline: article.headline, hanChars: article.doc.hanChars });
    if (index >= this.fileRanks.length) {
      this.fileRanks = grown(this.fileRanks, index + 1);
      this.logStarts = grown(this.logStarts, index + 1);
    }
    this.fileRanks[index] = index === 0 ? 0 : this.fileRanks[index - 1] + (n === 0 ? 1 : 0);
    this.logStarts[index] = this.logLength;
    return index;
  }

  /**
   * Counts one occurrence in article `index` (the one begun last), occurrences in document order.
   * Examples: a phrase's first 3 occurrences in each article are candidates, and it keeps the first 3
   * candidates by (file, offset, article).
   */
  add(index: number, ngram: number, quote: string | undefined, start: number, quoted: boolean, article: TallyArticle): void {
    const id = this.phraseId(ngram, quote);
    if (quoted) this.quoted[id]++;
    let count = 1;
    if (this.lastArticle[id] === index) count = ++this.log[this.postingAt[id] + 1];
    else {
      this.lastArticle[id] = index;
      if (this.logLength + 2 > this.log.length) this.log = grown(this.log, this.logLength + 2);
      this.postingAt[id] = this.logLength;
      this.log[this.logLength++] = id;
      this.log[this.logLength++] = 1;
    }
    if (count <= EXAMPLES) this.addExample(id, index, article.fileOffset(start));
  }

  /** The counts as a PackedShard: phrases in the order first met, postings and examples by article. */
  pack(): PackedShard {
    const n = this.phraseCount;
    const phrases: string[] = [];
    for (let id = 0; id < n; id++) phrases.push(this.text(id));
    const postingEnds = new Int32Array(n);
    for (let i = 0; i < this.logLength; i += 2) postingEnds[this.log[i]] += 2;
    for (let id = 1; id < n; id++) postingEnds[id] += postingEnds[id - 1];
    const postings = new Int32Array(this.logLength);
    const fill = new Int32Array(n);
    for (let id = 1; id < n; id++) fill[id] = postingEnds[id - 1];
    let at = 0;
    for (let a = 0; a < this.articles.length; a++) {
      for (const end = a + 1 < this.articles.length ? this.logStarts[a + 1] : this.logLength; at < end; at += 2) {
        const id = this.log[at];
        postings[fill[id]++] = a;
        postings[fill[id]++] = this.log[at + 1];
      }
    }
    const exampleEnds = new Int32Array(n);
    let exampleTotal = 0;
    for (let id = 0; id < n; id++) exampleEnds[id] = exampleTotal += 2 * this.exampleCounts[id];
    const examples = new Int32Array(exampleTotal);
    for (let id = 0, to = 0; id < n; id++) {
      const from = 2 * EXAMPLES * id;
      for (let k = 0; k < 2 * this.exampleCounts[id]; k++) examples[to++] = this.examples[from + k];
    }
    return { articles: this.articles, phrases, quoted: this.quoted.slice(0, n), postingEnds, postings, exampleEnds, examples };
  }

  /** The id of a candidate's phrase (see CandidateSink), new when its text was not met before. */
  private phraseId(node: number, quote: string | undefined): number {
    if (node >= 0 && node < this.phraseOfNgram.length) {
      const known = this.phraseOfNgram[node];
      if (known >= 0) return known;
    }
    const hash = node >= 0 ? this.ngrams.hash(node) : textHash(quote!);
    const length = node >= 0 ? this.ngrams.length(node) : quote!.length;
    const mask = this.phraseSlots.length - 1;
    let slot = Math.imul(hash ^ length, 0x9e3779b1) & mask;
    let id = -1;
    for (let e = this.phraseSlots[slot]; e; slot = (slot + 1) & mask, e = this.phraseSlots[slot]) {
      if (this.phraseHashes[e - 1] === hash && this.phraseLengths[e - 1] === length && this.text(e - 1) === this.ngrams.text(node, quote)) {
        id = e - 1;
        break;
      }
    }
    if (id < 0) {
      id = this.phraseCount++;
      if (id >= this.quoted.length) this.growPhrases(id + 1);
      this.phraseHashes[id] = hash;
      this.phraseLengths[id] = length;
      this.phraseNgrams[id] = node;
      if (node < 0) this.quotes.set(id, quote!);
      this.phraseSlots[slot] = id + 1;
      if (2 * this.phraseCount > this.phraseSlots.length) this.growPhraseSlots();
    }
    if (node >= 0) {
      if (node >= this.phraseOfNgram.length) {
        this.phraseOfNgram = grown(this.phraseOfNgram, node + 1, -1);
      }
      this.phraseOfNgram[node] = id;
    }
    return id;
  }

  private text(id: number): string {
    const node = this.phraseNgrams[id];
    return node >= 0 ? this.ngrams.phrase(node) : this.quotes.get(id)!;
  }

  private growPhraseSlots(): void {
    const slots = (this.phraseSlots = new Int32Array(2 * this.phraseSlots.length));
    const mask = slots.length - 1;
    for (let id = 0; id < this.phraseCount; id++) {
      let slot = Math.imul(this.phraseHashes[id] ^ this.phraseLengths[id], 0x9e3779b1) & mask;
      while (slots[slot]) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
  }

  /**
   * Inserts (article, offset) among the phrase's sorted examples. The new one sorts after every
   * example of an earlier file and, within its file, after those at smaller or equal offsets.
   */
  private addExample(id: number, article: number, offset: number): void {
    const count = this.exampleCounts[id];
    const base = 2 * EXAMPLES * id;
    const ex = this.examples;
    const rank = this.fileRanks[article];
    let k = count;
    while (k > 0 && this.fileRanks[ex[base + 2 * (k - 1)]] === rank && ex[base + 2 * (k - 1) + 1] > offset) k--;
    if (k === EXAMPLES) return;
    for (let j = Math.min(count, EXAMPLES - 1); j > k; j--) {
      ex[base + 2 * j] = ex[base + 2 * j - 2];
      ex[base + 2 * j + 1] = ex[base + 2 * j - 1];
    }
    ex[base + 2 * k] = article;
    ex[base + 2 * k + 1] = offset;
    if (count < EXAMPLES) this.exampleCounts[id] = count + 1;
  }

  private growPhrases(min: number): void {
    const size = Math.max(2 * this.quoted.length, min);
    this.quoted = grown(this.quoted, size);
    this.postingAt = grown(this.postingAt, size);
    this.lastArticle = grown(this.lastArticle, size, -1);
    this.exampleCounts = grown(this.exampleCounts, size);
    this.examples = grown(this.examples, 2 * EXAMPLES * size);
    this.phraseHashes = grown(this.phraseHashes, size);
    this.phraseLengths = grown(this.phraseLengths, size);
    this.phraseNgrams = grown(this.phraseNgrams, size);
  }
}

function articleKey(file: string, index: number): string {
  return `${file}#${String(index).padStart(4, '0')}`;
}
