// What decides whether a recurring n-gram is a formulaic phrase: its shape (where it starts and
// ends), then a score over the corpus statistics the miner collects (mine.ts).

import type { NgramCounts } from './ngrams';
import { PARAGRAPH_BREAK } from './stream';

/** jieba tags of names: places, organisations, people (nr alone is unreliable: it tags 保驾护航). */
const NAME_TAGS = new Set(['ns', 'nt', 'nrfg', 'nrt']);
/** Tags of one-character function words: particles, conjunctions, prepositions, adverbs, pronouns, numerals… */
const FUNCTION_TAGS = new Set(['u', 'uj', 'ul', 'uz', 'ug', 'uv', 'ud', 'c', 'p', 'd', 'r', 'y', 'e', 'o', 'm', 'q', 'f', 'zg', 'k', 'h', 'dg', 'rr', 'rz', 't', 'ad', 'vd']);
const SENTENCE_ENDS = new Set(['。', '！', '？', '；', PARAGRAPH_BREAK]);
/** Prepositions that open a frame a later word closes (以…为…, 为…服务, 对…的向往); 在 and 从 only locate. */
const FRAME_OPENERS = new Set(['以', '为', '把', '对', '向', '与', '同', '让', '使', '给', '替']);
const DIRECTION_COMPLEMENTS = new Set(['起来', '下去', '出来', '进来', '过来', '上来', '下来', '出去', '起', '来', '去']);
/** Verbs that report speech: a phrase ending in one is an attribution (会议强调, 总书记深刻指出), what follows is the wording. */
const REPORTING_VERBS = new Set(['指出', '强调', '表示', '认为', '说', '称']);

/** Per-word facts the miner reads at every step, as flags in typed arrays. */
export class Vocabulary {
  readonly size: number;
  readonly units: Int32Array;
  /** Every character Han: may be part of a phrase. */
  readonly han: Uint8Array;
  /** Punctuation or space: a clause edge. */
  readonly punct: Uint8Array;
  readonly sentenceEnd: Uint8Array;
  readonly openQuote: Uint8Array;
  readonly closeQuote: Uint8Array;
  readonly enumComma: Uint8Array;
  /** A function word (see isFunctionWord). */
  readonly functionWord: Uint8Array;
  /** After a verb, a word like this continues its clause (its object or the object's modifiers), unlike a particle or conjunction. */
  readonly objectLike: Uint8Array;
  /** After a noun phrase, a word like this continues it. */
  readonly nounLike: Uint8Array;
  /** A word that can be an article's subject (a content word of two or more characters, not a stop word). */
  readonly subjectWord: Uint8Array;
  /** A pronoun or particle (jieba's r…, u…, or 的, 了, 之): no phrase starts or ends with one. */
  readonly particle: Uint8Array;
  /** 了, 着, 过 or a time word: part of a sentence's predicate (see wellFormed.byWords). */
  readonly predicate: Uint8Array;
  /** The code of the first letter of the word's tag (its part of speech: n, v, a…). */
  readonly tagClass: Uint16Array;
  private idsByWord?: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly tags: readonly string[],
    stopWords: ReadonlySet<string>,
  ) {
    const n = (this.size = words.length);
    this.units = new Int32Array(n);
    this.han = new Uint8Array(n);
    this.punct = new Uint8Array(n);
    this.sentenceEnd = new Uint8Array(n);
    this.openQuote = new Uint8Array(n);
    this.closeQuote = new Uint8Array(n);
    this.enumComma = new Uint8Array(n);
    this.functionWord = new Uint8Array(n);
    this.objectLike = new Uint8Array(n);
    this.nounLike = new Uint8Array(n);
    this.subjectWord = new Uint8Array(n);
    this.particle = new Uint8Array(n);
    this.predicate = new Uint8Array(n);
    this.tagClass = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const t = tags[i];
      this.units[i] = w.length;
      this.han[i] = allHan(w) ? 1 : 0;
      this.punct[i] = t === 'x' && !/[\p{L}\p{N}]/u.test(w) ? 1 : 0;
      this.sentenceEnd[i] = SENTENCE_ENDS.has(w) ? 1 : 0;
      this.openQuote[i] = w === '“' ? 1 : 0;
      this.closeQuote[i] = w === '”' ? 1 : 0;
      this.enumComma[i] = w === '、' ? 1 : 0;
      this.functionWord[i] = isFunctionWord(w, t, stopWords) ? 1 : 0;
      this.objectLike[i] = /^(n|v|a|r|m|q|d|b|i|l|j|ul|uz|ug)/.test(t) ? 1 : 0;
      this.nounLike[i] = /^(n|vn|an|j|l|i)/.test(t) ? 1 : 0;
      this.subjectWord[i] = this.han[i] && w.length >= 2 && /^(n|vn|an|j|l|i|v|a)/.test(t) && !NAME_TAGS.has(t) && !stopWords.has(w) ? 1 : 0;
      this.particle[i] = t === 'r' || t === 'rr' || t === 'rz' || t.startsWith('u') || w === '的' || w === '了' || w === '之' ? 1 : 0;
      this.predicate[i] = t === 'ul' || t === 'uz' || t === 'ug' || t === 't' ? 1 : 0;
      this.tagClass[i] = t.charCodeAt(0) || 0;
    }
  }

  /** Word ids by text. */
  ids(): ReadonlyMap<string, number> {
    if (!this.idsByWord) {
      this.idsByWord = new Map();
      this.words.forEach((w, i) => this.idsByWord!.set(w, i));
    }
    return this.idsByWord;
  }
}

function allHan(word: string): boolean {
  if (!word) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

/** A word that glues a phrase to its sentence rather than belonging to it: 的, 在, 是, 我们… */
function isFunctionWord(word: string, tag: string, stopWords: ReadonlySet<string>): boolean {
  if (word.length === 1) return FUNCTION_TAGS.has(tag) || stopWords.has(word);
  return stopWords.has(word) && !/^[nvail]/.test(tag);
}

export interface CandidateFeatures {
  node: number;
  text: string;
  words: number[];
  /** Words. */
  length: number;
  count: number;
  articles: number;
  maxPerArticle: number;
  /** UTF-16 units. */
  units: number;
  /** Gries' DP over months (0: spread like the corpus). */
  monthDispersion: number;
  /** Over every split into two parts: the least of max(P(whole | left part), P(whole | right part)). */
  cohesion: number;
  /** Over every split: the least pointwise mutual information (bits). */
  pmi: number;
  /** Branching entropy (bits) of the words before and after it. */
  leftEntropy: number;
  rightEntropy: number;
  /** Share of occurrences next to its most frequent neighbour (either side). */
  topNeighbour: number;
  /** Shares of occurrences followed by an object-like word, and by a noun-like word. */
  objectAfter: number;
  nounAfter: number;
  /** log2 of its frequency here over its frequency in general Chinese. */
  keyness: number;
  /** Shares of occurrences that are a whole “…” quotation, and next to an enumeration's 、. */
  quoted: number;
  enumerated: number;
  /** Mean share of the rest of its sentences covered by formulaic phrases. */
  company: number;
  /** A four-character word: how often its rarer half is a word of its own in the corpus (0 otherwise). */
  freeHalves: number;
}

export const FEATURE_DEFAULTS = { company: 0.25 };

/** Why a candidate is not a phrase of its own, or undefined when its shape is fine. */
export const wellFormed = {
  /** Checks on its words and tags (and the counts of its parts). */
  byWords(ngrams: NgramCounts, node: number, vocab: Vocabulary): string | undefined {
    // Every recurring n-gram comes here: the checks that reject most of them read the node's edge
    // words before its words are listed.
    const last = ngrams.word[node];
    if (ngrams.length[node] === 1) {
      const tag = vocab.tags[last];
      if (ngrams.units[node] < 3 && tag !== 'i' && tag !== 'l') return 'short-word';
      if (NAME_TAGS.has(tag)) return 'name';
      return undefined;
    }
    if (ngrams.units[node] < 3) return 'short';
    const first = ngrams.word[ngrams.prefix(node, 1)];
    if (vocab.particle[first] || vocab.particle[last]) return 'particle-edge';
    const words = ngrams.words(node);
    // 了, 着, 过 and time words belong to a sentence's predicate, not to a fixed phrase.
    if (words.some((w) => vocab.predicate[w])) return 'predicate';
    const tags = words.map((w) => vocab.tags[w]);
    const t0 = tags[0];
    const tn = tags[tags.length - 1];
    // A preposition inside opens a phrase only a verb (or the frame's second preposition) closes: 加大对…
    // (the last verb or preposition after the first word is a preposition).
    let closing = tags.length - 1;
    while (closing > 0 && !(tags[closing].startsWith('v') || tags[closing] === 'p')) closing--;
    if (closing > 0 && tags[closing] === 'p') return 'open-preposition';
    // A one-character function word at an edge belongs there only when glued to the word beside it
    // (不|忘, 可|持续): nearly every occurrence of that word has it.
    const glue = (pair: number, word: number) => pair >= 0 && (vocab.units[word] === 1 ? ngrams.count[pair] >= 0.5 * ngrams.count[word] : ngrams.count[pair] >= 0.9 * ngrams.count[word]);
    if (vocab.functionWord[first]) {
      const frame = FRAME_OPENERS.has(vocab.words[first]) && words.length >= 3 && (tags.slice(2).includes('p') || tn === 'v' || tn === 'vn');
      const glued = vocab.units[first] === 1 && ['d', 'v', 'a', 'ad', 'vd'].includes(t0) && glue(ngrams.prefix(node, 2), words[1]);
      if (!frame && !glued) return 'loose-start';
    }
    if (vocab.functionWord[last]) {
      const glued = vocab.units[last] === 1 && ['v', 'a', 'n', 'vn'].includes(tn) && glue(ngrams.find(words, words.length - 2), words[words.length - 2]);
      if (!glued) return 'loose-end';
    }
    if (NAME_TAGS.has(tn)) return 'name';
    // A verb's direction complement ends a predicate, not a phrase (统一起来, 坚持下去).
    if (DIRECTION_COMPLEMENTS.has(vocab.words[last])) return 'predicate';
    // A person named is a reference, not wording (习近平总书记强调); a long formulation may carry a name.
    if (ngrams.units[node] < 10 && tags.some((t) => t === 'nrfg' || t === 'nrt')) return 'name';
    if (REPORTING_VERBS.has(vocab.words[last])) return 'attribution';
    return undefined;
  },

  /** Checks on its neighbours. */
  byContext(f: CandidateFeatures, vocab: Vocabulary): string | undefined {
    const tn = vocab.tags[f.words[f.length - 1]];
    if (f.topNeighbour >= 0.92) return 'fragment';
    if ((tn === 'v' || tn === 'vd') && f.objectAfter >= 0.6) return 'verb-without-object';
    // An adverb at the end that a verb or adjective always follows modifies what was cut off (制度更加|完善); 人民至上 ends a clause.
    if (tn === 'd' && f.length > 1 && f.objectAfter >= 0.6) return 'adverb-without-verb';
    if (f.nounAfter >= 0.6) return 'modifier-without-noun';
    if (f.words.some((w) => vocab.words[w] === '的' || vocab.words[w] === '之') && !/^(n|vn|an|i|l)/.test(tn)) return 'no-head';
    return undefined;
  },
};

/**
 * Logistic weights, fitted on 550 candidates of a commentary archive labelled formulaic or not
 * (topic term, fragment, ordinary combination) plus lists of well-known formulae and topical terms
 * written by the team; see docs/phrase-table.md. Order: see featureVector.
 */
const WEIGHTS = [-4.0196, 0.6616, 0.1618, -0.7043, 0.9847, 0.1845, -0.472, 0.8908, 0.5202, 0.3241, 0.4492, -0.1231, 0.8495, 1.4274, 0.9655, -0.6742, 0.2188, 0.6804, -0.2603, 0.3262, 0.8807];

export function featureVector(f: CandidateFeatures, tags: readonly string[]): number[] {
  const ts = f.words.map((w) => tags[w]);
  const single = f.length === 1;
  const t0 = ts[0];
  const norm = Math.log2(f.count + 1);
  return [
    1,
    Math.log(f.articles),
    Math.log(f.count / f.articles),
    f.monthDispersion,
    single ? 0 : f.cohesion,
    single ? 0 : Math.min(f.pmi, 20) / 10,
    f.leftEntropy / norm,
    f.rightEntropy / norm,
    Math.max(-5, Math.min(f.keyness, 15)) / 5,
    single ? 1 : 0,
    ts.some((t) => t === 'i' || t === 'l') ? 1 : 0,
    f.units / 8,
    f.length / 4,
    f.quoted,
    f.enumerated,
    t0 === 'd' || t0 === 'ad' || t0 === 'vd' ? 1 : 0,
    t0.startsWith('v') ? 1 : 0,
    ts[ts.length - 1] === 'v' ? 1 : 0,
    single && f.units === 4 ? 1 : 0,
    ts.filter((t) => t === 'x').length / f.length,
    f.company * 4,
  ];
}

/** The probability that the candidate is formulaic. */
export function formulaicScore(f: CandidateFeatures, tags: readonly string[]): number {
  const x = featureVector(f, tags);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += WEIGHTS[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

/** Entries surely formulaic count towards a text's density of formulas (slogan-density); the rest only set repeat limits. */
export const DENSITY_SCORE = 0.7;

/** The score a candidate needs: higher as its evidence thins (fewer articles). */
export function tableThreshold(articles: number): number {
  return articles >= 20 ? 0.4 : articles >= 10 ? 0.45 : articles >= 5 ? 0.5 : 0.55;
}
