// The one place that talks to jieba (the patched nodejieba, natively or as WebAssembly: see
// jieba/index.ts). Loaded lazily, once per process (or worker thread).
// Results are cached per clause text (see parse/tokens.ts) so that re-linting after a keystroke
// re-segments only the clause that changed.

import type { Span } from '../types';
import { dictionaryFiles, jieba } from './jieba';

export interface Token extends Span {
  word: string;
  /** jieba POS tag: n, v, vn, ns (place), nr (person), nt (organisation), m (numeral), x (other)… */
  tag: string;
  /**
   * jieba's dictionary entry (one id per word and process, see `WORD_OUTSIDE_DICTIONARY`): what a
   * learner knows about a word can be kept by id. Tokens with the same id share one `word` string.
   */
  wordId: number;
}

/** The word id of a token jieba found outside its dictionary (numbers, Latin, punctuation, HMM words). */
export const WORD_OUTSIDE_DICTIONARY = -1;

let loaded = false;
let loading: Promise<void> | undefined;

/** Loads the dictionaries on first use (waits for a build loadSegmenterInBackground started). */
export function ensureSegmenterLoaded(): void {
  if (loaded) return;
  // jieba's TextRank extractor (a second copy of the whole dictionary) is built on first use only,
  // and the native addon builds the dictionary once per process: worker threads share it
  // (patches/nodejieba+*.patch, see scripts/rebuild-nodejieba.mjs).
  jieba().load(dictionaryFiles());
  loaded = true;
}

/** Builds the dictionaries off the JavaScript thread (where the backend can), once, while the caller reads and parses. */
export function loadSegmenterInBackground(): Promise<void> {
  if (loaded) return Promise.resolve();
  return (loading ??= jieba()
    .loadInBackground(dictionaryFiles())
    .then(() => {
      loaded = true;
    }));
}

/** Clauses kept, at least (at most twice as many): a 5,000-character draft has about 700 (separators included). */
const CACHE_LIMIT = 10000;

/** What jieba said about a text: (UTF-16 length, tag id, word id) per word, as nodejieba's `tagPacked` returns it. */
export type Tagged = Int32Array;

// Least recently used first out, approximately: two generations of at most CACHE_LIMIT clauses
// each. A hit in the recent one changes nothing, one in the older moves the clause up, and when the
// recent one is full it becomes the older (the older is dropped). A re-lint after a keystroke hits
// hundreds of clauses: moving each to the end of one Map on every hit left tables of deleted entries
// for the garbage collector.
let recent = new Map<string, Tagged>();
let older = new Map<string, Tagged>();

function taggedCached(text: string): Tagged {
  const hit = recent.get(text);
  if (hit) return hit;
  const entry = older.get(text) ?? segment(text);
  if (recent.size >= CACHE_LIMIT) {
    older = recent;
    recent = new Map();
  }
  recent.set(ownCopy(text), entry);
  return entry;
}

/**
 * `text` as a string of its own: a clause is a slice of its draft, and V8 keeps a long slice as a
 * view of the whole parent string, so a cached clause would keep that version of the draft alive
 * (one version per keystroke, in the editor). The concatenation is flattened into a new string.
 */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * jieba's `tag` in packed form (added by patches/nodejieba+*.patch): about twice as fast as `tag`,
 * which builds an object and two strings per word. Words are read back as slices of the text, since
 * jieba never rewrites text.
 */
function segment(text: string): Tagged {
  ensureSegmenterLoaded();
  return covering(text, jieba().tagPacked(text));
}

/** `triples`, checked to cover `text` exactly (words are read back as slices of it). */
function covering(text: string, triples: Tagged): Tagged {
  let covered = 0;
  for (let i = 0; i < triples.length; i += 3) covered += triples[i];
  if (covered !== text.length) throw new Error(`jieba 的分词结果与原文长度不符（${covered} ≠ ${text.length}）。`);
  return triples;
}

/** Tag names by the ids in a Tagged; grows when jieba meets a tag for the first time. */
let tagNames: string[] = [];
/** One string per dictionary word, by word id. */
const wordById: string[] = [];

/** The frequency jieba's main dictionary file lists for `word` (summed over its lines); -1 when it does not list it. */
export function dictionaryFrequency(word: string): number {
  ensureSegmenterLoaded();
  return jieba().referenceFrequency(word);
}

/**
 * For each text: its main dictionary frequency when the file lists it, else the least among those
 * of its words (as jieba cuts it, with HMM; 0 for a word the file does not list). One call for all.
 */
export function phraseDictionaryFrequencies(texts: string[]): Float64Array {
  ensureSegmenterLoaded();
  return jieba().phraseReferenceFrequencies(texts);
}

/** The sum of the main dictionary file's frequencies and the number of distinct words it lists. */
export function dictionaryTotals(): { total: number; size: number } {
  ensureSegmenterLoaded();
  const [total, size] = jieba().referenceTotals();
  return { total, size };
}

/** Tokens of `text` with offsets relative to `text`. Cached (LRU) by text. */
export function tagText(text: string): Token[] {
  return tagSpan(text, 0);
}

/** Tokens of `text` shifted by `base`, for a clause inside a larger document. Cached (LRU) by text. */
export function tagSpan(text: string, base: number): Token[] {
  return tokensOf(text, taggedCached(text), base);
}

/**
 * What jieba says about a long `text` (a whole draft, not a clause), not cached: for learning, which
 * reads every article once, so that it does not push a writer's clauses out of the cache.
 */
export function tagPackedOnce(text: string): Tagged {
  return segment(text);
}

function tokensOf(text: string, triples: Tagged, base: number): Token[] {
  // Tokens are built once, at their final offsets: a draft's tokens are most of what linting allocates.
  const out = new Array<Token>(triples.length / 3);
  let cursor = 0;
  for (let i = 0; i < out.length; i++) {
    const end = cursor + triples[3 * i];
    out[i] = tokenAt(text, cursor, end, triples[3 * i + 1], triples[3 * i + 2], base);
    cursor = end;
  }
  return out;
}

/** The token text[start, end) with jieba's tag and word ids, at offsets shifted by `base`. */
export function tokenAt(text: string, start: number, end: number, tagId: number, wordId: number, base = 0): Token {
  return { word: wordText(text, start, end, wordId), tag: tagName(tagId), wordId, start: start + base, end: end + base };
}

/** The word text[start, end), one shared string per dictionary word. */
export function wordText(text: string, start: number, end: number, wordId: number): string {
  return wordId === WORD_OUTSIDE_DICTIONARY ? text.slice(start, end) : (wordById[wordId] ??= text.slice(start, end));
}

export function tagName(tagId: number): string {
  if (tagId >= tagNames.length) tagNames = jieba().tagNames();
  return tagNames[tagId];
}

/** The id of a tag jieba gave (the inverse of tagName). */
export function tagIdOf(tag: string): number {
  let id = tagNames.indexOf(tag);
  if (id < 0) id = (tagNames = jieba().tagNames()).indexOf(tag);
  return id;
}
