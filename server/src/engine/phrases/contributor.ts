// The phrase family's part of learning: register.phrases (the slogan table), register.density and
// register.tokens. While learning, and in shards, every candidate keeps its per-article counts
// (register.shard), so merge + finalize of shards equals learning the whole corpus exactly.
// A pruned profile (kind 'profile') has only the table and the density histogram; merging such
// profiles adds what is left (approximate, never used for the shipped profiles).

import type { CorpusArticle, ProfileContributor } from '../profile/contributor';
import type { DensityStats, PackedShard, PhraseShard, PhraseStats, Profile, RegisterEvidence, ShardPhrase } from '../profile/types';
import type { ExampleRef } from '../types';
import { phraseDictionaryFrequencies, tagIdOf } from '../text/segmenter';
import { bodyTokens, forEachCandidate, type PhraseDoc } from './candidates';
import { referenceDictionary, stopWordList } from './dictionary';
import { PhraseTally, type TallyArticle } from './tally';
import type { TokenColumns } from '../parse/tokens';

export const MAX_EXAMPLES = 3;
export const DENSITY_BIN_WIDTH = 0.5;
const MAX_DENSITY_BINS = 200;

/** Thresholds of the slogan table, relative to corpus size so small and large corpora both work. */
export const TABLE_CRITERIA = {
  /** A phrase must appear in at least this share of articles (and never fewer than 2). */
  minArticleShare: 0.003,
  /** log2 of (corpus frequency ÷ general-Chinese frequency) for an n-gram to be formulaic. */
  minKeyness: 5,
  /** Keyness a slogan quoted in at least 2 articles needs. */
  minQuotedKeyness: 3,
  /** Clichés: used across this share of articles (at least 3)… */
  clicheArticleShare: 0.015,
  /** …and at least this keyness. */
  clicheKeyness: 7,
  /** The table keeps at most this many phrases (highest articles × keyness first). */
  maxPhrases: 6000,
  /** A phrase inside a longer table phrase with at least this share of its count is a fragment. */
  fragmentShare: 0.9,
  /** Quoted slogans kept only for their repeat limit (most-quoted first). */
  maxQuotedOnly: 6000,
};

export function emptyShard(): PhraseShard {
  return { articles: [], phrases: Object.create(null) };
}

/** An article as phrase counting reads it. */
export type PhraseArticle = TallyArticle & { doc: PhraseDoc };

/** Phrase counts over articles, in file order: what `observe` adds to a learning profile (or a counting thread keeps). */
export class PhraseCounter {
  private readonly tally = new PhraseTally();
  /** Word tokens of the articles' bodies (register.tokens). */
  tokens = 0;

  observe(article: PhraseArticle): void {
    const tally = this.tally;
    const index = tally.beginArticle(article);
    const body = bodyTokens(article.doc);
    this.tokens += wordCount(body);
    forEachCandidate(article.doc, tally.ngrams, body, (ngram, quote, start, _end, quoted) => tally.add(index, ngram, quote, start, quoted, article));
  }

  pack(): PackedShard {
    return this.tally.pack();
  }
}

/** A learning profile's running counts, until `settle` writes them into its shard. */
const counters = new WeakMap<Profile, PhraseCounter>();

export const phraseContributor: ProfileContributor = {
  prepare() {
    stopWordList();
  },

  observe(article: CorpusArticle, profile: Profile) {
    let counter = counters.get(profile);
    if (!counter) counters.set(profile, (counter = new PhraseCounter()));
    counter.observe(article);
  },

  settle(profile: Profile) {
    const counter = counters.get(profile);
    if (!counter) return;
    counters.delete(profile);
    addCountedPhrases(profile, counter.pack(), counter.tokens);
  },

  merge(into: Profile, from: Profile) {
    const a = into.register;
    const b = from.register;
    a.tokens += b.tokens;
    if (a.shard && b.shard) {
      // Appended in place (`into` is the merge's own accumulator); finalize normalizes once.
      a.shard = unpackShard(a.shard);
      appendShard(a.shard, b.shard);
      return;
    }
    // A pruned profile lost the per-article counts: add up what both tables kept.
    delete a.shard;
    a.phrases = mergeTables(a.phrases, b.phrases);
    a.density = mergeHistograms(a.density, b.density);
  },

  finalize(profile: Profile) {
    const register = profile.register;
    if (register.shard) {
      // A profile drops the shard once finalized: the table is computed from the counts as they
      // are (article order does not change it); only a shard kept for merging is normalized.
      if (profile.kind === 'shard') register.shard = normalizeShard(unpackShard(register.shard));
      finalizeFromShard(register, register.shard);
    } else {
      const n = register.articles;
      for (const p of register.phrases) {
        p.keyness = keynessOf(p.phrase, p.count, register.tokens);
        p.cliche = !p.quotedOnly && isCliche(p, n);
      }
      register.density = withPercentiles(register.density.histogram, register.density.binWidth);
    }
  },
};

/** Adds phrase counts (a PhraseCounter's) to a learning profile's shard. */
export function addCountedPhrases(profile: Profile, packed: PackedShard, tokens: number): void {
  profile.register.tokens += tokens;
  const shard = profile.register.shard;
  if (!shard?.articles.length) profile.register.shard = packed;
  else appendShard((profile.register.shard = unpackShard(shard)), packed);
}

/** Tokens that are words (jieba tags punctuation and spaces 'x'). */
function wordCount(tokens: TokenColumns): number {
  // -1 when jieba never gave the tag: then no token has it.
  const x = tagIdOf('x');
  let n = 0;
  for (let i = 0; i < tokens.count; i++) if (tokens.tagId(i) !== x) n++;
  return n;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts articles by key and every posting/example list by article, so equal corpora give equal shards. */
export function normalizeShard(shard: PhraseShard): PhraseShard {
  const order = shard.articles.map((_, i) => i).sort((x, y) => compareStrings(shard.articles[x].key, shard.articles[y].key));
  const remap = new Array<number>(order.length);
  order.forEach((old, i) => (remap[old] = i));
  const articles = order.map((i) => shard.articles[i]);
  // Learning visits articles in key order already: then the lists are fixed in place (key order of
  // `phrases` does not matter: serialization sorts keys).
  if (order.every((old, i) => old === i)) {
    for (const phrase in shard.phrases) {
      const e = shard.phrases[phrase];
      if (!pairsAscending(e.postings)) e.postings = sortPairs(toPairs(e.postings), (x, y) => x[0] - y[0]);
      if (e.examples.length > 2 * MAX_EXAMPLES || !examplesOrdered(e.examples, articles)) e.examples = firstExamples(toPairs(e.examples), articles);
    }
    return shard;
  }
  const phrases: Record<string, ShardPhrase> = Object.create(null);
  for (const phrase in shard.phrases) {
    const e = shard.phrases[phrase];
    phrases[phrase] = {
      quoted: e.quoted,
      postings: sortPairs(remapPairs(e.postings, remap), (x, y) => x[0] - y[0]),
      examples: firstExamples(remapPairs(e.examples, remap), articles),
    };
  }
  return { articles, phrases };
}

function pairsAscending(flat: number[]): boolean {
  for (let i = 2; i < flat.length; i += 2) if (flat[i] <= flat[i - 2]) return false;
  return true;
}

function examplesOrdered(flat: number[], articles: PhraseShard['articles']): boolean {
  for (let i = 2; i < flat.length; i += 2) {
    const c = compareStrings(articles[flat[i - 2]].file, articles[flat[i]].file) || flat[i - 1] - flat[i + 1] || flat[i - 2] - flat[i];
    if (c >= 0) return false;
  }
  return true;
}

function toPairs(flat: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function remapPairs(flat: number[], remap: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) if (remap[flat[i]] >= 0) out.push([remap[flat[i]], flat[i + 1]]);
  return out;
}

function sortPairs(pairs: [number, number][], cmp: (a: [number, number], b: [number, number]) => number): number[] {
  return pairs.sort(cmp).flat();
}

function firstExamples(pairs: [number, number][], articles: PhraseShard['articles']): number[] {
  pairs.sort((x, y) => compareStrings(articles[x[0]].file, articles[y[0]].file) || x[1] - y[1] || x[0] - y[0]);
  return pairs.slice(0, MAX_EXAMPLES).flat();
}

export function packShard(shard: PhraseShard | PackedShard): PackedShard {
  if (isPacked(shard)) return shard;
  const phrases = Object.keys(shard.phrases);
  let postingCount = 0;
  let exampleCount = 0;
  for (const p of phrases) {
    postingCount += shard.phrases[p].postings.length;
    exampleCount += shard.phrases[p].examples.length;
  }
  const packed: PackedShard = {
    articles: shard.articles,
    phrases,
    quoted: new Int32Array(phrases.length),
    postingEnds: new Int32Array(phrases.length),
    postings: new Int32Array(postingCount),
    exampleEnds: new Int32Array(phrases.length),
    examples: new Int32Array(exampleCount),
  };
  let pAt = 0;
  let eAt = 0;
  phrases.forEach((p, i) => {
    const e = shard.phrases[p];
    packed.quoted[i] = e.quoted;
    packed.postings.set(e.postings, pAt);
    packed.postingEnds[i] = pAt += e.postings.length;
    packed.examples.set(e.examples, eAt);
    packed.exampleEnds[i] = eAt += e.examples.length;
  });
  return packed;
}

function isPacked(shard: PhraseShard | PackedShard): shard is PackedShard {
  return 'postingEnds' in shard;
}

/** The shard as entry objects (the form merged into and written to JSON); an unpacked one as it is. */
export function unpackShard(shard: PhraseShard | PackedShard): PhraseShard {
  if (!isPacked(shard)) return shard;
  const out = emptyShard();
  out.articles = shard.articles;
  let p = 0;
  let e = 0;
  shard.phrases.forEach((phrase, i) => {
    const pEnd = shard.postingEnds[i];
    const eEnd = shard.exampleEnds[i];
    out.phrases[phrase] = { quoted: shard.quoted[i], postings: Array.from(shard.postings.subarray(p, pEnd)), examples: Array.from(shard.examples.subarray(e, eEnd)) };
    p = pEnd;
    e = eEnd;
  });
  return out;
}

const knownArticles = new WeakMap<PhraseShard, Set<string>>();

/**
 * Adds `from`'s articles and counts to `into` without touching `from`; an article already in `into`
 * (same key) is counted once. Linear in `from`'s size: the lists are sorted once, by normalizeShard.
 */
export function appendShard(into: PhraseShard, from: PhraseShard | PackedShard): void {
  let known = knownArticles.get(into);
  if (!known) knownArticles.set(into, (known = new Set(into.articles.map((x) => x.key))));
  const remap = from.articles.map((x) => {
    if (known.has(x.key)) return -1;
    known.add(x.key);
    into.articles.push(x);
    return into.articles.length - 1;
  });
  forEachEntry(from, (phrase, quoted, postings, examples, p, pEnd, e, eEnd) => {
    // Pushed straight into the entry: no remapped copy per phrase.
    let entry = into.phrases[phrase];
    let added = false;
    for (; p + 1 < pEnd; p += 2) {
      const at = remap[postings[p]];
      if (at < 0) continue;
      if (!entry) into.phrases[phrase] = entry = { quoted: 0, postings: [], examples: [] };
      entry.postings.push(at, postings[p + 1]);
      added = true;
    }
    if (!added) return;
    entry!.quoted += quoted;
    for (; e + 1 < eEnd; e += 2) {
      const at = remap[examples[e]];
      if (at >= 0) entry!.examples.push(at, examples[e + 1]);
    }
  });
}

/** Visits every entry with its runs `postings[p, pEnd)` and `examples[e, eEnd)` (either form, no copies). */
function forEachEntry(
  shard: PhraseShard | PackedShard,
  visit: (phrase: string, quoted: number, postings: ArrayLike<number>, examples: ArrayLike<number>, p: number, pEnd: number, e: number, eEnd: number) => void,
): void {
  if (!isPacked(shard)) {
    for (const phrase in shard.phrases) {
      const entry = shard.phrases[phrase];
      visit(phrase, entry.quoted, entry.postings, entry.examples, 0, entry.postings.length, 0, entry.examples.length);
    }
    return;
  }
  let p = 0;
  let e = 0;
  for (let i = 0; i < shard.phrases.length; i++) {
    const pEnd = shard.postingEnds[i];
    const eEnd = shard.exampleEnds[i];
    visit(shard.phrases[i], shard.quoted[i], shard.postings, shard.examples, p, pEnd, e, eEnd);
    p = pEnd;
    e = eEnd;
  }
}

/** Log2 ratio of the phrase's corpus frequency to its general-Chinese frequency (an upper bound for n-grams). */
export function keynessOf(phrase: string, count: number, tokens: number): number {
  if (!count || !tokens) return 0;
  return round2(Math.log2(count / tokens / phraseGeneralProbability(phrase)));
}

/** A phrase's general probability depends on the phrase alone (fixed dictionaries): computed once. */
const generalProbabilities = new Map<string, number>();

/** The phrase's probability in general Chinese (needs the segmenter and the reference dictionary). */
export function phraseGeneralProbability(phrase: string): number {
  if (!generalProbabilities.has(phrase)) computeGeneralProbabilities([phrase]);
  return generalProbabilities.get(phrase)!;
}

/**
 * Computes the general probabilities of `phrases` in one call to the dictionary: a listed phrase's
 * own, else P(w1…wk) ≤ min P(wi) over its words, a conservative estimate that never inflates keyness.
 */
function computeGeneralProbabilities(phrases: string[]): void {
  const missing = phrases.filter((p) => !generalProbabilities.has(p));
  if (!missing.length) return;
  const d = referenceDictionary();
  const frequencies = phraseDictionaryFrequencies(missing);
  missing.forEach((phrase, i) => generalProbabilities.set(phrase, (frequencies[i] + 1) / (d.total + d.size)));
}

/**
 * Computes ahead the general probabilities of a partial shard's phrases that will most likely need
 * keyness when the whole is finalized (seen in 2 articles or quoted): a learn worker does this
 * while other shares are still being counted.
 */
export function precomputeKeyness(shard: PhraseShard | PackedShard): void {
  const likely: string[] = [];
  forEachEntry(shard, (phrase, quoted, _postings, _examples, p, pEnd) => {
    if (quoted > 0 || pEnd - p >= 4) likely.push(phrase);
  });
  computeGeneralProbabilities(likely);
}

function isCliche(p: PhraseStats, articles: number): boolean {
  return p.articles >= Math.max(3, Math.ceil(articles * TABLE_CRITERIA.clicheArticleShare)) && p.keyness >= TABLE_CRITERIA.clicheKeyness;
}

function finalizeFromShard(register: RegisterEvidence, shard: PhraseShard | PackedShard): void {
  const n = shard.articles.length;
  const minArticles = Math.max(2, Math.ceil(n * TABLE_CRITERIA.minArticleShare));
  /** A kept phrase's postings are postings[p, pEnd). */
  const table: { stats: PhraseStats; postings: ArrayLike<number>; p: number; pEnd: number; score: number }[] = [];
  const quotedOnly: PhraseStats[] = [];
  const isCandidate = (quoted: number, articles: number) => articles >= minArticles || (quoted >= 2 && articles >= 2);
  // Keyness of every phrase that needs it, from the dictionary in one call.
  const needed: string[] = [];
  forEachEntry(shard, (phrase, quoted, _postings, _examples, p, pEnd) => {
    if (quoted || isCandidate(quoted, (pEnd - p) / 2)) needed.push(phrase);
  });
  computeGeneralProbabilities(needed);
  forEachEntry(shard, (phrase, quoted, postings, examplesFlat, p, pEnd, e, eEnd) => {
    const articles = (pEnd - p) / 2;
    const quotedInMany = quoted >= 2 && articles >= 2;
    const candidate = isCandidate(quoted, articles);
    if (!candidate && !quoted) return;
    let count = 0;
    let maxPerArticle = 0;
    for (let i = p + 1; i < pEnd; i += 2) {
      count += postings[i];
      maxPerArticle = Math.max(maxPerArticle, postings[i]);
    }
    const keyness = keynessOf(phrase, count, register.tokens);
    const flat: number[] = [];
    for (let i = e; i < eEnd; i++) flat.push(examplesFlat[i]);
    const first = flat.length > 2 * MAX_EXAMPLES || !examplesOrdered(flat, shard.articles) ? firstExamples(toPairs(flat), shard.articles) : flat;
    const examples: ExampleRef[] = [];
    for (let i = 0; i + 1 < first.length; i += 2) {
      const art = shard.articles[first[i]];
      examples.push({ headline: art.headline, file: art.file, offset: first[i + 1] });
    }
    const stats: PhraseStats = { phrase, quoted, count, articles, maxPerArticle, keyness, cliche: false, examples };
    // A slogan quoted in several articles needs less keyness than a bare n-gram, but a common word
    // in scare quotes (“服务”) is still not formulaic.
    if (candidate && keyness >= (quotedInMany ? TABLE_CRITERIA.minQuotedKeyness : TABLE_CRITERIA.minKeyness)) {
      stats.cliche = isCliche(stats, n);
      table.push({ stats, postings, p, pEnd, score: articles * Math.max(keyness, 1) });
    } else if (quoted) {
      // Kept so that a draft may repeat a quoted slogan as often as the corpus did.
      stats.quotedOnly = true;
      quotedOnly.push(stats);
    }
  });
  const closed = dropFragments(table);
  closed.sort((x, y) => y.score - x.score || compareStrings(x.stats.phrase, y.stats.phrase));
  const kept = closed.slice(0, TABLE_CRITERIA.maxPhrases);
  quotedOnly.sort((x, y) => y.quoted - x.quoted || compareStrings(x.phrase, y.phrase));
  const keptQuoted = quotedOnly.slice(0, TABLE_CRITERIA.maxQuotedOnly);

  const perArticle = new Array<number>(n).fill(0);
  for (const t of kept) for (let i = t.p; i + 1 < t.pEnd; i += 2) perArticle[t.postings[i]] += t.postings[i + 1];
  const densities: number[] = [];
  shard.articles.forEach((a, i) => {
    if (a.hanChars > 0) densities.push((perArticle[i] * 1000) / a.hanChars);
  });

  register.phrases = [...kept.map((t) => t.stats), ...keptQuoted].sort((x, y) => compareStrings(x.phrase, y.phrase));
  register.density = densityStats(densities);
}

/**
 * Drops n-gram fragments of a longer table phrase that occurs (nearly) as often: 阻击战取得 only ever
 * appears inside 疫情防控阻击战取得, so the longer phrase is the formula and the fragment is noise.
 */
function dropFragments<T extends { stats: PhraseStats }>(table: T[]): T[] {
  const byPhrase = new Map(table.map((t) => [t.stats.phrase, t.stats]));
  const fragment = new Set<string>();
  for (const { stats: q } of table) {
    for (let i = 0; i < q.phrase.length; i++) {
      for (let j = i + 2; j <= q.phrase.length; j++) {
        if (i === 0 && j === q.phrase.length) continue;
        const p = byPhrase.get(q.phrase.slice(i, j));
        if (p && q.count >= TABLE_CRITERIA.fragmentShare * p.count && q.articles >= TABLE_CRITERIA.fragmentShare * p.articles) fragment.add(p.phrase);
      }
    }
  }
  return table.filter((t) => !fragment.has(t.stats.phrase));
}

function densityStats(values: number[]): DensityStats {
  const histogram: number[] = [];
  for (const v of values) {
    const bin = Math.min(Math.floor(v / DENSITY_BIN_WIDTH), MAX_DENSITY_BINS - 1);
    while (histogram.length <= bin) histogram.push(0);
    histogram[bin]++;
  }
  const sorted = values.slice().sort((a, b) => a - b);
  const pick = (q: number) => (sorted.length ? round2(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : 0);
  return { binWidth: DENSITY_BIN_WIDTH, histogram, p50: pick(0.5), p75: pick(0.75), p90: pick(0.9) };
}

/** Percentiles from a histogram alone (upper edge of the bin holding the rank). */
function withPercentiles(histogram: number[], binWidth: number): DensityStats {
  const total = histogram.reduce((s, x) => s + x, 0);
  const pick = (q: number) => {
    if (!total) return 0;
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (let i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) return round2((i + 1) * binWidth);
    }
    return round2(histogram.length * binWidth);
  };
  return { binWidth, histogram, p50: pick(0.5), p75: pick(0.75), p90: pick(0.9) };
}

function mergeTables(a: PhraseStats[], b: PhraseStats[]): PhraseStats[] {
  const byPhrase = new Map<string, PhraseStats>();
  for (const p of a) byPhrase.set(p.phrase, { ...p, examples: p.examples.slice() });
  for (const p of b) {
    const q = byPhrase.get(p.phrase);
    if (!q) {
      byPhrase.set(p.phrase, { ...p, examples: p.examples.slice() });
      continue;
    }
    q.quoted += p.quoted;
    q.count += p.count;
    q.articles += p.articles;
    q.maxPerArticle = Math.max(q.maxPerArticle, p.maxPerArticle);
    if (q.quotedOnly && !p.quotedOnly) delete q.quotedOnly;
    q.examples = [...q.examples, ...p.examples].sort((x, y) => compareStrings(x.file, y.file) || x.offset - y.offset).slice(0, MAX_EXAMPLES);
  }
  return [...byPhrase.values()].sort((x, y) => compareStrings(x.phrase, y.phrase));
}

function mergeHistograms(a: DensityStats, b: DensityStats): DensityStats {
  const histogram: number[] = [];
  for (let i = 0; i < Math.max(a.histogram.length, b.histogram.length); i++) histogram.push((a.histogram[i] ?? 0) + (b.histogram[i] ?? 0));
  return { ...a, histogram };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
