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
const cache = new Map<string, readonly Token[]>();

/** Tokens of `text` with offsets relative to `text`. Cached (LRU) by text. */
export function tagText(text: string): readonly Token[] {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  ensureSegmenterLoaded();
  const tokens = alignTokens(text, nodejieba.tag(text));
  cache.set(text, tokens);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return tokens;
}

/** Tokens of `text` shifted by `base`, for a paragraph inside a larger document. */
export function tagSpan(text: string, base: number): Token[] {
  return tagText(text).map((t) => ({ word: t.word, tag: t.tag, start: t.start + base, end: t.end + base }));
}

function alignTokens(text: string, tagged: { word: string; tag: string }[]): Token[] {
  const out: Token[] = [];
  let cursor = 0;
  for (const { word, tag } of tagged) {
    if (!word) continue;
    const at = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (at < 0) continue; // jieba never rewrites text; guard anyway
    out.push({ word, tag, start: at, end: at + word.length });
    cursor = at + word.length;
  }
  return out;
}
