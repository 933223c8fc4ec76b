// Mining the phrase table from a corpus's token streams (phrases/stream.ts).
//
// 1. Candidates: every n-gram of 1–8 Han words inside a clause that recurs in at least 3 articles
//    (ngrams.ts) — single words (idioms, coinages: 攻坚克难, 获得感 as one or two tokens), phrases
//    with function words inside (以人民为中心, 国家治理体系和治理能力现代化), and, separately, short
//    enumerations joined by 、 (获得感、幸福感、安全感; enumerations.ts).
// 2. Where language starts and ends (features.ts `wellFormed`): no particle or pronoun at an edge, a
//    function word only where it opens a frame (以…为…) or is glued to its neighbour (可|持续); not
//    almost always followed or preceded by one word (a fragment of the longer phrase: 阻击战取得重大战略
//    is always followed by 成果); not a verb cut from its object, a modifier cut from its noun, or
//    `X的` without a head.
// 3. Formulaic rather than topical or ordinary (features.ts `formulaicScore`): a logistic score over
//    corpus statistics — spread over articles and months (a topic term is bursty and clustered in
//    time), cohesion of its parts (PMI, conditional probability), freedom at its edges (branching
//    entropy), keyness against general Chinese (jieba's dictionary), how often the corpus quotes it or
//    lists it in an enumeration, the shape of its words (idiom tags, coinages), and whether the rest
//    of its sentences is formulaic too (a formula keeps company with formulas; a topic term with
//    facts). The weights were fitted once on hand-labelled candidates of a commentary archive (see
//    docs/phrase-table.md); the threshold rises as evidence thins (fewer articles).
//
// Each table entry keeps the evidence that put it there (articles, months, subjects, the most one
// article used it, cohesion, the score) and up to three example references.

import type { ExampleRef } from '../types';
import type { DensityStats, Formulation, PhraseStats, QuotedPhrase } from '../profile/types';
import { phraseDictionaryFrequencies } from '../text/segmenter';
import { CorpusFacts } from './corpus-facts';
import { stopWordList } from './dictionary';
import { mineEnumerations, type MinedEnumeration } from './enumerations';
import { mineFormulations } from './formulations';
import { DENSITY_SCORE, FEATURE_DEFAULTS, formulaicScore, tableThreshold, Vocabulary, wellFormed, type CandidateFeatures } from './features';
import { MAX_TOKENS, MIN_ARTICLES, NgramCounts, type Flat } from './ngrams';
import type { PhraseStream } from './stream';
import { IntList, PairCounts } from './typed';

export const MAX_EXAMPLES = 3;
/** Characters of a headless wording (see `headless` in minePhrases) offered to the formulation miner. */
const MIN_HEADLESS_FORMULATION_CHARS = 10;
export const DENSITY_BIN_WIDTH = 0.5;
const MAX_DENSITY_BINS = 200;

export interface MinedRegister {
  phrases: PhraseStats[];
  quoted: QuotedPhrase[];
  stock: QuotedPhrase[];
  formulations: Formulation[];
  density: DensityStats;
}

export function minePhrases(whole: PhraseStream): MinedRegister {
  const vocab = new Vocabulary(whole.words, whole.tags, stopWordList());
  const stream = withoutReprints(whole, vocab);
  const flat = flatten(stream);
  const ngrams = new NgramCounts(flat, vocab.units, vocab.han);
  const corpus = new CorpusFacts(stream, flat, vocab);

  // Candidates that pass the checks needing only the n-gram counts; the rest need their occurrences.
  const candidates: number[] = [];
  // A frame the table's shape rules leave open (以人民为中心: 以…为 closed by a noun, not a verb) is
  // no table phrase but may be a fixed wording: offered to the formulation miner beside the candidates.
  const openFrames: number[] = [];
  // So is a phrase with a long word jieba tags a name (全面|依法治国, 依法治国 tagged a place); with a
  // short one (谭|德塞), a person's name is spelt several ways.
  const withNames: number[] = [];
  for (let node = 0; node < ngrams.size; node++) {
    if (ngrams.articles[node] < MIN_ARTICLES || !vocab.han[ngrams.word[node]]) continue;
    if (ngrams.length[node] === 1 && node >= ngrams.vocabSize) continue;
    const misshapen = wellFormed.byWords(ngrams, node, vocab);
    if (misshapen === undefined) candidates.push(node);
    else if (misshapen === 'open-preposition' && (isClosedFrame(ngrams, node, vocab) || isHeadedByDe(ngrams, node, vocab))) openFrames.push(node);
    else if (misshapen === 'name' && ngrams.length[node] >= 2 && ngrams.words(node).every((w) => vocab.units[w] >= 4 || !/^(ns|nt|nrfg|nrt|nr)$/.test(vocab.tags[w]))) withNames.push(node);
  }
  const occ = new Occurrences(ngrams, candidates, flat, vocab, corpus);

  // A long wording with 的 that ends on a verb-like head (富起来到强起来的伟大飞跃) is no phrase of the
  // table, but may be a fixed formulation: offered to the formulation miner all the same.
  const headless: CandidateFeatures[] = [];
  const features: (CandidateFeatures | undefined)[] = candidates.map((node, c) => {
    const f = occ.features(c, node);
    const misshapen = wellFormed.byContext(f, vocab);
    if (misshapen === 'no-head' && f.units >= MIN_HEADLESS_FORMULATION_CHARS) headless.push(f);
    return misshapen === undefined ? f : undefined;
  });
  addKeyness(features.filter((f): f is CandidateFeatures => f !== undefined), corpus);
  // Pass 1 without the company a phrase keeps, pass 2 with it (the share of its sentences covered by
  // the phrases pass 1 found formulaic).
  const pass1 = features.map((f) => f !== undefined && formulaicScore(f, vocab.tags) >= tableThreshold(f.articles));
  const company = occ.company(pass1, (c) => features[c] !== undefined);
  const table: { c: number; f: CandidateFeatures; score: number }[] = [];
  features.forEach((f, c) => {
    if (!f) return;
    f.company = company[c] ?? FEATURE_DEFAULTS.company;
    const score = formulaicScore(f, vocab.tags);
    if (isGrammarWord(f, vocab)) return;
    if (score >= tableThreshold(f.articles) || (score >= IDIOM_THRESHOLD && isFixedIdiom(f, vocab))) table.push({ c, f, score });
  });

  // One text may be two n-grams (新冠肺炎|疫情 where jieba knew 新冠肺炎, 新冠|肺炎|疫情 elsewhere): the
  // table keeps the one the corpus uses most.
  table.sort((a, b) => (a.f.text < b.f.text ? -1 : a.f.text > b.f.text ? 1 : b.f.count - a.f.count));
  for (let i = table.length - 1; i > 0; i--) if (table[i].f.text === table[i - 1].f.text) table.splice(i, 1);
  const subjects = occ.subjects(table.map((t) => t.c));
  const phrases: PhraseStats[] = table.map(({ c, f, score }) => ({
    phrase: f.text,
    kind: 'formula',
    count: f.count,
    articles: f.articles,
    maxPerArticle: f.maxPerArticle,
    limit: occ.limit(c),
    months: occ.months(c),
    subjects: subjects.get(c)!,
    keyness: round2(f.keyness),
    cohesion: f.length > 1 ? round2(f.cohesion) : 1,
    score: round2(score),
    cliche: false,
    examples: occ.examples(c, stream),
  }));
  const { table: listed, fixedLists } = mineEnumerations(stream, flat, vocab, corpus);
  // A list whose last member is shorter than every other was cut inside that member (自我完善、自我|革新).
  const enumerations = listed.filter((e) => !hasCutMember(e.phrase));
  phrases.push(...enumerations);
  // A cliché: surely formulaic and in one article of thirty or more.
  const cliche = Math.max(5, Math.ceil(0.03 * stream.articles.length));
  for (const p of phrases) p.cliche = p.kind === 'formula' && p.score >= 0.9 && p.articles >= cliche;
  phrases.sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));

  const perArticle = occ.tableUses(table.filter((t) => t.score >= DENSITY_SCORE).map((t) => t.c), enumerations, stream.articles.length);
  for (const e of enumerations) delete (e as Partial<typeof e>).spans;
  const densities: number[] = [];
  stream.articles.forEach((a, i) => {
    if (a.hanChars > 0) densities.push((perArticle[i] * 1000) / a.hanChars);
  });
  const inTable = new Set(phrases.map((p) => p.phrase));
  const stock = new Map<string, QuotedPhrase>();
  features.forEach((f) => {
    if (!f || inTable.has(f.text) || !isStockExpression(f, vocab)) return;
    const known = stock.get(f.text);
    if (!known || known.articles < f.articles) stock.set(f.text, { phrase: f.text, articles: f.articles, maxPerArticle: f.maxPerArticle });
  });
  // The corpus's fixed wordings and its variants of them (phrases/formulations.ts). Fixed wording
  // need not be formulaic enough for the table: every well-formed candidate in enough articles is
  // offered (most used first), the formulation miner keeps the fixed ones.
  const offered = [...features.filter((f): f is CandidateFeatures => f !== undefined), ...headless].sort((a, b) => b.count - a.count);
  const formulations = mineFormulations(stream, vocab, [
    ...offered.map((f) => ({ phrase: f.text, kind: 'formula' as const, units: f.words.map((w) => vocab.words[w]), tags: f.words.map((w) => vocab.tags[w]), articles: f.articles })),
    ...[...openFrames, ...withNames].map((node) => {
      const words = ngrams.words(node);
      return { phrase: words.map((w) => vocab.words[w]).join(''), kind: 'formula' as const, units: words.map((w) => vocab.words[w]), tags: words.map((w) => vocab.tags[w]), articles: ngrams.articles[node] };
    }),
    ...[...listed, ...fixedLists].map((e) => ({ phrase: e.phrase, kind: 'enumeration' as const, units: e.phrase.split('、'), articles: e.articles })),
  ]);
  return { phrases, quoted: occ.quotedSlogans(stream), stock: [...stock.values()].sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0)), formulations, density: densityStats(densities) };
}

/**
 * A four-character idiom (jieba's tag i) whose halves are not words the corpus uses on their own
 * (千方|百计, 持之|以恒) is a fixed expression: that it is one needs no corpus evidence, only that
 * it is stock wording here, so it enters the table at a lower score (IDIOM_THRESHOLD; below it
 * are mostly the idioms of narration, 不可思议, 满目疮痍). An idiom-tagged word made of two free
 * words (群众|反映, 及时|发现, 今年|以来) is an ordinary combination jieba's dictionary happens to
 * list, and needs the table's threshold.
 */
function isFixedIdiom(f: CandidateFeatures, vocab: Vocabulary): boolean {
  return f.length === 1 && f.units === 4 && vocab.tags[f.words[0]] === 'i' && f.freeHalves <= MAX_FREE_HALF;
}

const IDIOM_THRESHOLD = 0.35;

/** Uses of an idiom's rarer half as a word of its own that still leave the idiom fixed (a quotation, a slip of jieba). */
const MAX_FREE_HALF = 2;

/** One word jieba tags as grammar (a conjunction, preposition, pronoun, adverb, numeral or measure: 如果说, 进一步, 一系列) is no phrase. */
function isGrammarWord(f: CandidateFeatures, vocab: Vocabulary): boolean {
  return f.length === 1 && GRAMMAR_TAG.test(vocab.tags[f.words[0]]);
}

const GRAMMAR_TAG = /^(c|p|r|rr|rz|d|u.*|m|mq|q)$/;

function hasCutMember(list: string): boolean {
  const members = list.split('、');
  const last = members[members.length - 1].length;
  return members.slice(0, -1).every((m) => m.length > last);
}

/** Opens with a preposition and ends with a noun (以人民为中心), not a fragment cut after a verb's preposition (更好转化为). */
function isClosedFrame(ngrams: NgramCounts, node: number, vocab: Vocabulary): boolean {
  const words = ngrams.words(node);
  return vocab.tags[words[0]] === 'p' && vocab.tags[words[words.length - 1]].startsWith('n');
}

/**
 * A long noun phrase whose preposition a 的 and a head after it close (人民|对|美好生活|的|向往: what
 * the people want of a good life): no table phrase, but it may be a fixed wording.
 */
function isHeadedByDe(ngrams: NgramCounts, node: number, vocab: Vocabulary): boolean {
  if (ngrams.units[node] < MIN_HEADLESS_FORMULATION_CHARS) return false;
  const words = ngrams.words(node);
  const p = words.findIndex((w, i) => i > 0 && vocab.tags[w] === 'p');
  const de = words.findIndex((w, i) => i > p && vocab.words[w] === '的');
  return p > 0 && de > p + 1 && de < words.length - 1;
}

/**
 * A four-character unit (one word, or two that come together) that no article repeats more than
 * twice, and not a name or a thing (餐饮企业, 人力资源: what an article is about, not how it talks).
 */
function isStockExpression(f: CandidateFeatures, vocab: Vocabulary): boolean {
  if (THING_TAG.test(vocab.tags[f.words[f.words.length - 1]])) return false;
  return f.units === 4 && (f.length === 1 || (f.length === 2 && f.cohesion >= 0.5)) && f.maxPerArticle <= 2;
}

/** jieba's tags of nouns, place names, organisations and other proper nouns (nr is left out: jieba's dictionary tags idioms such as 保驾护航 nr). */
const THING_TAG = /^n[stz]?$/;

/** Sentences of fewer Han characters say too little to tell a reprint. */
const MIN_SENTENCE_UNITS = 12;
/** An article sharing this share of its sentences with one earlier article is a reprint of it. */
const REPRINT_SHARE = 0.5;

/**
 * The stream without reprints: an article most of whose sentences an earlier article (by key) already
 * printed is the same text again (a reprint, a page and its web copy, a corrected version), and a
 * phrase it repeats is no more widespread for it.
 */
function withoutReprints(stream: PhraseStream, vocab: Vocabulary): PhraseStream {
  const firstSeen = new Map<number, number>();
  const shared = new Map<number, number>();
  const kept = stream.articles.filter((a, i) => {
    shared.clear();
    let sentences = 0;
    let start = 0;
    let units = 0;
    const t = a.tokens;
    for (let p = 0; p <= t.length; p++) {
      if (p < t.length && !vocab.sentenceEnd[t[p]]) {
        if (vocab.han[t[p]]) units += vocab.units[t[p]];
        continue;
      }
      if (units >= MIN_SENTENCE_UNITS) {
        sentences++;
        const key = sentenceKey(t, start, p);
        const earlier = firstSeen.get(key);
        if (earlier === undefined) firstSeen.set(key, i);
        else if (earlier !== i) shared.set(earlier, (shared.get(earlier) ?? 0) + 1);
      }
      start = p + 1;
      units = 0;
    }
    for (const n of shared.values()) if (n >= REPRINT_SHARE * sentences) return false;
    return true;
  });
  return kept.length === stream.articles.length ? stream : { ...stream, articles: kept };
}

/** A 53-bit hash of the words t[from, to) (two 32-bit hashes, one cut to 21 bits), as a number key. */
function sentenceKey(t: Int32Array, from: number, to: number): number {
  let h1 = 0x811c9dc5;
  let h2 = to - from;
  for (let i = from; i < to; i++) {
    h1 = Math.imul(h1 ^ t[i], 0x01000193);
    h2 = Math.imul(h2 + t[i], 0x9e3779b1) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);
}

function flatten(stream: PhraseStream): Flat {
  let n = 0;
  for (const a of stream.articles) n += a.tokens.length + 1;
  const tokens = new Int32Array(n);
  const article = new Int32Array(n);
  let p = 0;
  stream.articles.forEach((a, i) => {
    tokens.set(a.tokens, p);
    article.fill(i, p, p + a.tokens.length + 1);
    p += a.tokens.length;
    tokens[p++] = -1;
  });
  return { tokens, article };
}

/** Every occurrence of the candidates, with what the features need from around it. */
class Occurrences {
  private readonly index: Int32Array;
  /** Occurrences in stream order: position, candidate, length in words. */
  private readonly pos = new IntList();
  private readonly cand = new IntList();
  private readonly left = new PairCounts();
  private readonly right = new PairCounts();
  private readonly monthCounts = new PairCounts();
  private readonly quotedCount: Int32Array;
  private readonly enumerated: Int32Array;
  /** The most uses in one article whose headline does not name the phrase (its subject there). */
  private readonly maxAside: Int32Array;
  private readonly exampleArticle: Int32Array;
  private readonly exampleOffset: Int32Array;
  private readonly exampleCount: Uint8Array;

  constructor(
    private readonly ngrams: NgramCounts,
    private readonly candidates: number[],
    private readonly flat: Flat,
    private readonly vocab: Vocabulary,
    private readonly corpus: CorpusFacts,
  ) {
    const k = candidates.length;
    this.index = new Int32Array(ngrams.size).fill(-1);
    candidates.forEach((node, c) => (this.index[node] = c));
    this.quotedCount = new Int32Array(k);
    this.enumerated = new Int32Array(k);
    this.maxAside = new Int32Array(k);
    this.exampleArticle = new Int32Array(k * MAX_EXAMPLES);
    this.exampleOffset = new Int32Array(k * MAX_EXAMPLES);
    this.exampleCount = new Uint8Array(k);
    this.collect();
  }

  private collect(): void {
    const { tokens, article } = this.flat;
    const { ngrams, vocab } = this;
    const k = this.candidates.length;
    const lastArticle = new Int32Array(k).fill(-1);
    const uses = new Int32Array(k);
    const texts: (string | undefined)[] = new Array(k);
    const headlines = this.corpus.headlines;
    const settle = (c: number) => {
      if (!uses[c] || uses[c] <= this.maxAside[c]) return;
      const text = (texts[c] ??= ngrams.words(this.candidates[c]).map((w) => vocab.words[w]).join(''));
      if (!headlines[lastArticle[c]].includes(text)) this.maxAside[c] = uses[c];
    };
    const chain = new Int32Array(MAX_TOKENS);
    for (let p = 0; p < tokens.length; p++) {
      // The n-grams starting at p, shortest first: the longest one's ancestors.
      let len = 0;
      for (let node = ngrams.longest[p]; node >= 0; node = ngrams.parent[node]) chain[len++] = node;
      for (let i = len - 1; i >= 0; i--) {
        const c = this.index[chain[i]];
        if (c < 0) continue;
        const a = article[p];
        if (lastArticle[c] !== a) {
          settle(c);
          lastArticle[c] = a;
          uses[c] = 0;
        }
        uses[c]++;
        this.pos.push(p);
        this.cand.push(c);
        this.monthCounts.add(c, this.corpus.monthOf[a]);
        const before = tokens[p - 1] ?? -1;
        const after = tokens[p + len - i];
        if (before >= 0 && !vocab.punct[before]) this.left.add(c, before);
        if (after >= 0 && !vocab.punct[after]) this.right.add(c, after);
        if (before >= 0 && after >= 0 && vocab.openQuote[before] && vocab.closeQuote[after]) this.quotedCount[c]++;
        if ((before >= 0 && vocab.enumComma[before]) || (after >= 0 && vocab.enumComma[after])) this.enumerated[c]++;
        if (uses[c] <= MAX_EXAMPLES) this.addExample(c, a, p);
      }
    }
    for (let c = 0; c < k; c++) settle(c);
  }

  /** Examples: the first MAX_EXAMPLES occurrences by (file, offset); articles come sorted by key. */
  private addExample(c: number, a: number, p: number): void {
    const base = c * MAX_EXAMPLES;
    const n = this.exampleCount[c];
    if (n < MAX_EXAMPLES) {
      this.exampleArticle[base + n] = a;
      this.exampleOffset[base + n] = p;
      this.exampleCount[c] = n + 1;
    }
  }

  features(c: number, node: number): CandidateFeatures {
    const { ngrams, vocab, corpus } = this;
    const words = ngrams.words(node);
    const count = ngrams.count[node];
    let cohesion = 1;
    let pmi = Infinity;
    for (let s = 1; s < words.length; s++) {
      const a = ngrams.count[ngrams.prefix(node, s)];
      const b = ngrams.count[ngrams.find(words, s)];
      cohesion = Math.min(cohesion, Math.max(count / a, count / b));
      pmi = Math.min(pmi, Math.log2((count * corpus.tokens) / (a * b)));
    }
    const neighbours = this.neighbours();
    let text = '';
    for (const w of words) text += vocab.words[w];
    return {
      node,
      text,
      words,
      length: words.length,
      count,
      articles: ngrams.articles[node],
      maxPerArticle: ngrams.maxPerArticle[node],
      units: ngrams.units[node],
      monthDispersion: this.monthDispersion(c),
      cohesion,
      pmi: Number.isFinite(pmi) ? pmi : 0,
      leftEntropy: Math.log2(count) - neighbours.leftEntropy[c] / count,
      rightEntropy: Math.log2(count) - neighbours.rightEntropy[c] / count,
      topNeighbour: Math.max(neighbours.leftTop[c], neighbours.rightTop[c]) / count,
      objectAfter: neighbours.openObject[c] / count,
      nounAfter: neighbours.openNoun[c] / count,
      keyness: 0,
      quoted: this.quotedCount[c] / count,
      enumerated: this.enumerated[c] / count,
      company: FEATURE_DEFAULTS.company,
      freeHalves: words.length === 1 && ngrams.units[node] === 4 ? this.freeHalves(vocab.words[words[0]]) : 0,
    };
  }

  /** The halves of the four-character candidates, with their word ids where the corpus has them as words. */
  private halves?: Map<string, number>;

  /** How often the rarer half of a four-character word stands as a word of its own here (群众|反映: often; 千方|百计: never). */
  private freeHalves(word: string): number {
    if (!this.halves) {
      const halves = (this.halves = new Map<string, number>());
      for (const node of this.candidates) {
        if (this.ngrams.length[node] !== 1 || this.ngrams.units[node] !== 4) continue;
        const w = this.vocab.words[this.ngrams.word[node]];
        halves.set(w.slice(0, 2), -1);
        halves.set(w.slice(2), -1);
      }
      this.vocab.words.forEach((w, i) => {
        if (halves.get(w) === -1) halves.set(w, i);
      });
    }
    const a = this.halves.get(word.slice(0, 2)) ?? -1;
    const b = this.halves.get(word.slice(2)) ?? -1;
    return a < 0 || b < 0 ? 0 : Math.min(this.ngrams.count[a], this.ngrams.count[b]);
  }

  private neighbourCache?: { leftTop: Float64Array; rightTop: Float64Array; openObject: Float64Array; openNoun: Float64Array; leftEntropy: Float64Array; rightEntropy: Float64Array };

  /**
   * Per candidate, from the words beside its occurrences: the most frequent neighbour's count, how
   * many are followed by an object or a noun, and Σ n·log2 n over neighbours (branching entropy is
   * log2 N − Σ n·log2 n / N; each clause edge counts as a neighbour of its own, adding 0).
   */
  private neighbours() {
    if (this.neighbourCache) return this.neighbourCache;
    const k = this.candidates.length;
    const cache = {
      leftTop: new Float64Array(k),
      rightTop: new Float64Array(k),
      openObject: new Float64Array(k),
      openNoun: new Float64Array(k),
      leftEntropy: new Float64Array(k),
      rightEntropy: new Float64Array(k),
    };
    this.left.forEach((c, _w, n) => {
      cache.leftTop[c] = Math.max(cache.leftTop[c], n);
      cache.leftEntropy[c] += n * Math.log2(n);
    });
    this.right.forEach((c, w, n) => {
      cache.rightTop[c] = Math.max(cache.rightTop[c], n);
      cache.rightEntropy[c] += n * Math.log2(n);
      if (this.vocab.objectLike[w]) cache.openObject[c] += n;
      if (this.vocab.nounLike[w]) cache.openNoun[c] += n;
    });
    return (this.neighbourCache = cache);
  }

  private monthDispersionCache?: Float64Array;

  /** Gries' DP over months: 0 when spread as the corpus is, near 1 when all in a small month. */
  private monthDispersion(c: number): number {
    if (!this.monthDispersionCache) {
      const k = this.candidates.length;
      const sum = new Float64Array(k);
      const covered = new Float64Array(k);
      const share = this.corpus.monthShare;
      this.monthCounts.forEach((cc, m, n) => {
        sum[cc] += Math.abs(n / this.ngrams.count[this.candidates[cc]] - share[m]);
        covered[cc] += share[m];
      });
      this.monthDispersionCache = sum.map((s, cc) => 0.5 * (s + 1 - covered[cc]));
    }
    return this.monthDispersionCache[c];
  }

  /**
   * For each candidate (where `included`), the mean share of the rest of its sentences covered by
   * occurrences of the candidates marked in `formulaic`.
   */
  company(formulaic: boolean[], included: (c: number) => boolean): Float64Array {
    const { tokens } = this.flat;
    const { vocab } = this;
    const k = this.candidates.length;
    const sum = new Float64Array(k);
    const seen = new Int32Array(k);
    const pos = this.pos.data;
    const cand = this.cand.data;
    const total = this.pos.length;
    let o = 0;
    // Sentences: runs ending after 。！？；, a paragraph break or the end of an article.
    let start = 0;
    const covered = new Uint8Array(64);
    let coveredBuf = covered;
    for (let p = 0; p <= tokens.length; p++) {
      const w = p < tokens.length ? tokens[p] : -1;
      if (w >= 0 && !vocab.sentenceEnd[w]) continue;
      const end = w >= 0 ? p + 1 : p;
      // Occurrences starting in [start, end).
      const first = o;
      while (o < total && pos[o] < end) o++;
      let units = 0;
      for (let q = start; q < end; q++) if (tokens[q] >= 0) units += vocab.units[tokens[q]];
      if (units >= 6 && o > first) {
        if (coveredBuf.length < end - start) coveredBuf = new Uint8Array(2 * (end - start));
        coveredBuf.fill(0, 0, end - start);
        for (let i = first; i < o; i++) {
          if (!formulaic[cand[i]]) continue;
          const len = this.ngrams.length[this.candidates[cand[i]]];
          coveredBuf.fill(1, pos[i] - start, pos[i] - start + len);
        }
        let coveredUnits = 0;
        for (let q = start; q < end; q++) if (coveredBuf[q - start]) coveredUnits += vocab.units[tokens[q]];
        for (let i = first; i < o; i++) {
          const c = cand[i];
          if (!included(c)) continue;
          const node = this.candidates[c];
          const len = this.ngrams.length[node];
          let inside = 0;
          for (let q = pos[i]; q < pos[i] + len; q++) if (coveredBuf[q - start]) inside += vocab.units[tokens[q]];
          const outside = units - this.ngrams.units[node];
          sum[c] += (coveredUnits - inside) / Math.max(1, outside);
          seen[c]++;
        }
      }
      start = p + 1;
    }
    return sum.map((s, c) => (seen[c] ? s / seen[c] : FEATURE_DEFAULTS.company));
  }

  private monthsCache?: Int32Array;

  /** Months the candidate was used in (0 when the corpus's articles carry no dates). */
  months(c: number): number {
    if (!this.monthsCache) {
      const months = (this.monthsCache = new Int32Array(this.candidates.length));
      this.monthCounts.forEach((cc) => months[cc]++);
    }
    return this.corpus.dated ? this.monthsCache[c] : 0;
  }

  /** Distinct subjects of the articles using each of `table` (each article's most distinctive word other than the phrase's own). */
  subjects(table: number[]): Map<number, number> {
    const sets = new Map<number, Set<number>>(table.map((c) => [c, new Set<number>()]));
    const last = new Int32Array(this.candidates.length).fill(-1);
    for (let i = 0; i < this.pos.length; i++) {
      const c = this.cand.data[i];
      const set = sets.get(c);
      if (!set) continue;
      const a = this.flat.article[this.pos.data[i]];
      if (last[c] === a) continue;
      last[c] = a;
      const s = this.corpus.subjectOf[a];
      set.add(s >= 0 && !this.ngrams.words(this.candidates[c]).includes(s) ? s : -2 - a);
    }
    return new Map([...sets].map(([c, set]) => [c, set.size]));
  }

  /**
   * How often a draft may use the phrase: one more than the most any article used it where it was
   * not the article's subject (named in its headline), at least 3 — one article's twice may come back
   * once more before it grates.
   */
  limit(c: number): number {
    return Math.max(3, this.maxAside[c] + 1);
  }

  examples(c: number, stream: PhraseStream): ExampleRef[] {
    const out: ExampleRef[] = [];
    for (let i = 0; i < this.exampleCount[c]; i++) {
      const a = this.exampleArticle[c * MAX_EXAMPLES + i];
      const p = this.exampleOffset[c * MAX_EXAMPLES + i];
      const article = stream.articles[a];
      const start = p - this.articleStart(a);
      out.push({ headline: article.headline, file: article.file, offset: article.offsets[start] });
    }
    return out.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.offset - y.offset));
  }

  private starts?: Int32Array;

  private articleStart(a: number): number {
    if (!this.starts) {
      const starts: number[] = [];
      const { article } = this.flat;
      for (let p = 0; p < article.length; p++) if (p === 0 || article[p] !== article[p - 1]) starts.push(p);
      this.starts = Int32Array.from(starts);
    }
    return this.starts[a];
  }

  /**
   * Per article, the stretches of text the table covers, each counted once (疫情防控 inside
   * 疫情防控阻击战 is one): at each position the longest occurrence, skipping what it covers, as the
   * draft side counts them (phrases/find.ts formulaicDensity).
   */
  tableUses(table: number[], enumerations: MinedEnumeration[], articles: number): Float64Array {
    const inTable = new Uint8Array(this.candidates.length);
    for (const c of table) inTable[c] = 1;
    // Every occurrence as (article, start, end) in token positions of the flat stream.
    const spans: number[] = [];
    for (let i = 0; i < this.pos.length; i++) {
      const c = this.cand.data[i];
      if (!inTable[c]) continue;
      const p = this.pos.data[i];
      spans.push(this.flat.article[p], p, p + this.ngrams.length[this.candidates[c]]);
    }
    for (const e of enumerations) {
      for (let i = 0; i < e.spans.length; i += 3) {
        const start = this.articleStart(e.spans[i]);
        spans.push(e.spans[i], start + e.spans[i + 1], start + e.spans[i + 2]);
      }
    }
    const order = Array.from({ length: spans.length / 3 }, (_, i) => i).sort((x, y) => spans[3 * x + 1] - spans[3 * y + 1] || spans[3 * y + 2] - spans[3 * x + 2]);
    const uses = new Float64Array(articles);
    let end = -1;
    for (const i of order) {
      if (spans[3 * i + 1] < end) continue;
      end = spans[3 * i + 2];
      uses[spans[3 * i]]++;
    }
    return uses;
  }

  /** “…” quotations in two or more articles, with the most any article repeated one: a draft may repeat it as often. */
  quotedSlogans(stream: PhraseStream): QuotedPhrase[] {
    return quotedSlogans(stream, this.vocab);
  }
}

/** Whole “…” quotations of 2–12 Han characters that two or more articles use. */
function quotedSlogans(stream: PhraseStream, vocab: Vocabulary): QuotedPhrase[] {
  const byText = new Map<string, { articles: number; max: number; last: number; current: number }>();
  stream.articles.forEach((a, i) => {
    const t = a.tokens;
    for (let p = 0; p < t.length; p++) {
      if (!vocab.openQuote[t[p]]) continue;
      let q = p + 1;
      let text = '';
      while (q < t.length && !vocab.punct[t[q]] && vocab.han[t[q]] && text.length <= 24) text += vocab.words[t[q++]];
      if (q >= t.length || !vocab.closeQuote[t[q]] || q === p + 1) continue;
      const chars = [...text].length;
      if (chars < 2 || chars > 12) continue;
      let e = byText.get(text);
      if (!e) byText.set(text, (e = { articles: 0, max: 0, last: -1, current: 0 }));
      if (e.last !== i) {
        e.last = i;
        e.current = 0;
        e.articles++;
      }
      e.max = Math.max(e.max, ++e.current);
    }
  });
  const out: QuotedPhrase[] = [];
  for (const [phrase, e] of byText) if (e.articles >= 2) out.push({ phrase, articles: e.articles, maxPerArticle: e.max });
  return out.sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
}

/**
 * keyness: log2 of (frequency here ÷ frequency in general Chinese), jieba's dictionary as the
 * reference: the phrase's own count where it lists the phrase, else the least of its words' (a
 * combination is never more common than its rarest word). One call to the dictionary for all.
 */
function addKeyness(features: CandidateFeatures[], corpus: CorpusFacts): void {
  const frequencies = phraseDictionaryFrequencies(features.map((f) => f.text));
  features.forEach((f, i) => (f.keyness = Math.log2(f.count / corpus.tokens / ((frequencies[i] + 1) / corpus.dictionaryTotal))));
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

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

