// The one place that talks to nodejieba. Loaded lazily, once per process (or worker thread).
// Results are cached per clause text (see parse/tokens.ts) so that re-linting after a keystroke
// re-segments only the clause that changed.

import { existsSync } from 'node:fs';
import path from 'node:path';
import * as nodejieba from 'nodejieba';
import type { Span } from '../types';

export interface Token extends Span {
  word: string;
  /** jieba POS tag: n, v, vn, ns (place), nr (person), nt (organisation), m (numeral), x (other)… */
  tag: string;
}

let loaded = false;

/** Loads the dictionaries on first use. */
export function ensureSegmenterLoaded(): void {
  if (loaded) return;
  // The engine only tags. nodejieba also loads the keyword extractor's IDF table (6 MB) and stop
  // words; a one-line stand-in for both saves about a fifth of the load time and ~18 MB. Its TextRank
  // extractor (a second copy of the whole dictionary) is built on first use only, by
  // patches/nodejieba+*.patch (see scripts/rebuild-nodejieba.mjs).
  const stub = keywordStubPath();
  nodejieba.load(stub ? { idfDict: stub, stopWordDict: stub } : undefined);
  loaded = true;
}

const KEYWORD_STUB = 'keyword-stub.utf8';

/** server/dict/keyword-stub.utf8, found from the sources or from the bundle in server/out. */
function keywordStubPath(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'dict', KEYWORD_STUB), path.join(dir, 'server', 'dict', KEYWORD_STUB)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/** Clauses kept: a 5,000-character draft has about 700 (separators included). */
const CACHE_LIMIT = 10000;

/** What jieba said about a text: its words with their tags, and where each word starts. */
interface Tagged {
  words: readonly { word: string; tag: string }[];
  starts: Int32Array;
}

const cache = new Map<string, Tagged>();

function tagged(text: string): Tagged {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  ensureSegmenterLoaded();
  const entry = locate(text, nodejieba.tag(text));
  cache.set(text, entry);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return entry;
}

/** The words of `text` as tag() cuts them, without tags or offsets (not cached: about 4× cheaper). */
export function wordsOf(text: string): string[] {
  ensureSegmenterLoaded();
  return nodejieba.cut(text, true);
}

/** Tokens of `text` with offsets relative to `text`. Cached (LRU) by text. */
export function tagText(text: string): Token[] {
  return tagSpan(text, 0);
}

/** Tokens of `text` shifted by `base`, for a clause inside a larger document. */
export function tagSpan(text: string, base: number): Token[] {
  // Tokens are built once, at their final offsets: a draft's tokens are most of what linting allocates.
  const { words, starts } = tagged(text);
  const out = new Array<Token>(words.length);
  for (let i = 0; i < words.length; i++) {
    const { word, tag } = words[i];
    const start = starts[i] + base;
    out[i] = { word, tag, start, end: start + word.length };
  }
  return out;
}

function locate(text: string, words: { word: string; tag: string }[]): Tagged {
  // jieba never rewrites text; the filter and the search are guards.
  const kept = words.filter((w) => w.word);
  const starts = new Int32Array(kept.length);
  let cursor = 0;
  let n = 0;
  for (const w of kept) {
    const at = text.startsWith(w.word, cursor) ? cursor : text.indexOf(w.word, cursor);
    if (at < 0) continue;
    kept[n] = w;
    starts[n++] = at;
    cursor = at + w.word.length;
  }
  kept.length = n;
  return { words: kept, starts: n === starts.length ? starts : starts.slice(0, n) };
}
