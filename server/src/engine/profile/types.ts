// The learned house-style profile. Everything stored is a count (or a list of references), so two
// profiles' raw parts add up; derived fields (percentiles, keyness, cliché flags, limits) are
// recomputed by `finalizeProfile` from those counts.
//
// House evidence (byline form, layout, number style, published figures) describes one publication
// and comes from its own archive; register evidence (formulaic phrases, density) describes the genre
// and may be drawn from a larger body of the same register (the default profile draws it from both
// corpora). See docs in profile/README.md.

import type { ExampleRef } from '../types';
import type { PackedPhraseStream, PhraseStream } from '../phrases/stream';

export const PROFILE_FORMAT = 'opinion-lint-profile';
export const PROFILE_VERSION = 2;

export interface CorpusSource {
  /** Folder name or label given to `learn`. */
  name: string;
  files: number;
  articles: number;
  bylines: number;
  chars: number;
}

export interface PhraseStats {
  phrase: string;
  /**
   * What put it in the table: 'formula', an n-gram the miner scored formulaic (phrases/features.ts);
   * 'enumeration', a list joined by 、 that articles repeat word for word.
   */
  kind: 'formula' | 'enumeration';
  /** Total occurrences in the corpus. */
  count: number;
  /** Number of articles that use it. */
  articles: number;
  /** The most times a single article used it. */
  maxPerArticle: number;
  /** How many times a draft may use it: one more than the most any article used it where it was not that article's subject (named in its headline), at least 3. */
  limit: number;
  /** Months it appears in (0 when the corpus's articles carry no dates). */
  months: number;
  /** Distinct subjects of the articles using it (each article's most distinctive word). */
  subjects: number;
  /** log2 of its frequency here over its frequency in general Chinese (jieba's dictionary). */
  keyness: number;
  /** How fixed its wording is: the least, over its splits, of how often one part comes with the other (0–1). */
  cohesion: number;
  /** The miner's probability that it is formulaic (enumerations: 1). */
  score: number;
  /** Frequent across many articles and scored high: a cliché (slogan-cliche). */
  cliche: boolean;
  /** Up to 3 references, deterministic (first by file order then offset). */
  examples: ExampleRef[];
}

/** A “…” quotation two or more articles use: a draft may repeat it as often as an article did. */
export interface QuotedPhrase {
  phrase: string;
  articles: number;
  maxPerArticle: number;
}

/**
 * How a near-variant differs from its canonical formulation: one character substituted, inserted,
 * deleted, or swapped with its neighbour; the halves of a four-character word swapped; an
 * enumeration's members reordered, one left out, or one added.
 */
export type FormulationEdit = 'substitution' | 'insertion' | 'deletion' | 'transposition' | 'swap' | 'order' | 'missing-member' | 'added-member' | 'replaced-member' | 'replaced-word';

/** A near-variant of a formulation that the archive itself wrote. */
export interface FormulationVariant {
  text: string;
  edit: FormulationEdit;
  articles: number;
  count: number;
  /** Up to 2 references. */
  examples: ExampleRef[];
}

/**
 * A canonical formulation (提法): a table phrase the archive writes the same way nearly every time
 * (phrases/formulations.ts).
 */
export interface Formulation {
  /** The canonical text. */
  phrase: string;
  kind: 'formula' | 'enumeration';
  /** A formula's words (as jieba cut them) or an enumeration's members, in order. */
  units: string[];
  /** Articles and uses of the canonical text. */
  articles: number;
  count: number;
  /** Up to 3 references. */
  examples: ExampleRef[];
  /** The variants the archive wrote, most used first (at most 16). */
  variants: FormulationVariant[];
  /**
   * Slots the archive fills in several ways, as flat [start, end) character ranges of the canonical
   * text (start = end: a gap between words; -1, -1: the list's order and members).
   */
  open: number[];
  /**
   * Slots free in the frames of the formula's core but not in its own (增强人民群众: 人民, 群众): another
   * ordinary word there is another phrase, a typo still a slip. Same layout as `open`; absent when none.
   */
  loose?: number[];
  /**
   * Words of a long, well-used formula the archive keeps between their neighbours nearly always
   * (习近平新时代中国特色社会主义思想: 特色): dropping one is a slip. Same layout as `open`; absent when none.
   */
  kept?: number[];
  /**
   * Words of a long, well-used formula whose place the archive fills with no other word (配置中的|决定|
   * 性作用): another word there is a slip or an older wording. Same layout as `open`; absent when none.
   */
  fixed?: number[];
  /**
   * A name the archive quotes (“两个维护”, “五位一体”): fixed as a whole, its numbers included
   * (“三个意识” is no formulation of its own).
   */
  named?: boolean;
}

export interface DensityStats {
  /** Formulaic phrases per 1,000 characters: histogram of articles, bin i = [i*binWidth, (i+1)*binWidth). */
  binWidth: number;
  histogram: number[];
  /** Derived percentiles. */
  p50: number;
  p75: number;
  p90: number;
}

export interface RegisterEvidence {
  sources: CorpusSource[];
  articles: number;
  chars: number;
  /** Body tokens (punctuation excluded): the corpus size that keyness divides by. */
  tokens: number;
  /** The phrase table: formulaic phrases, sorted by phrase. Derived (finalize) from the streams. */
  phrases: PhraseStats[];
  /** Quotations two or more articles use, sorted by phrase (not formulaic by themselves). Derived. */
  quoted: QuotedPhrase[];
  /**
   * Four-character expressions outside the table that articles use at most twice each (保驾护航,
   * 真金白银): not all formulaic, but a draft repeating one four times is. Sorted by phrase. Derived.
   */
  stock: QuotedPhrase[];
  /** Canonical formulations and the variants the archive wrote, sorted by phrase. Derived. */
  formulations: Formulation[];
  density: DensityStats;
  /** Attribution cue → times seen in the sentence with, or before, a figure. */
  attributionCues: Record<string, number>;
  /**
   * Abbreviations written in brackets after a full name, 'GDP=生产总值' → times (figures/aliases.ts):
   * two names of one counted thing. Absent in profiles learned before they were kept.
   */
  thingAliases?: Record<string, number>;
  /** Present in shards only: the corpus's token streams (phrases/stream.ts), packed in a file. */
  shard?: PhraseStream | PackedPhraseStream;
}

export type BylinePosition = 'after-headline' | 'end' | 'none';

export interface BylineModel {
  /** Articles with a byline / articles. Derived flag `expected` = most articles carry one. */
  articlesWithByline: number;
  articles: number;
  expected: boolean;
  /** Dominant position (derived from positionCounts). */
  position: BylinePosition;
  positionCounts: Record<string, number>;
  /** Marker or wrapper as printed: '●' for `●王英`, '（作者为' for `（作者为……）`. */
  markers: Record<string, number>;
  /** Dominant marker (derived). */
  marker: string;
  /** Name length in characters → count. */
  nameLengths: Record<string, number>;
  /** Separator between several authors → count (' ', '、', '　'). */
  separators: Record<string, number>;
  examples: ExampleRef[];
}

export interface NumberStyle {
  /** Counts of how the corpus writes numbers. */
  arabicCounts: number;
  chineseCounts: number;
  fullWidthDigits: number;
  thousandsSeparators: number;
  twoDigitYears: number;
  /** Years written with four digits (absent in profiles learned before it was counted). */
  fullYears?: number;
  /** Range mark between two figures → count ('—', '～', '-', '至', '到'). */
  rangeMarks: Record<string, number>;
}

export interface PublishedFigure {
  value: number;
  unit: string;
  /** Content words of the clause that carries the figure (nouns/verbs), used to match quantities. */
  subject: string[];
  /** Set when the article gave a bound, not an exact value: 超30万 'min', 近30万 'max', 约30万 'approx'. */
  qualifier?: 'min' | 'max' | 'approx';
  /**
   * The quantity's identity (figures/quantity.ts), absent in profiles learned before it was kept:
   * the counted thing (head last), its contrastive modifiers (absent: the words of `thing` before
   * its head), the action counted, the measure (absent: 'level'), the scope (a place, '全国';
   * absent: the article's own), the time anchor as written (time.ts keys; 今年 is resolved with
   * the date in `file`), a part of a whole, a plan, an average (人均), what a change is measured
   * against (同比, 环比). Empty parts are left out.
   */
  thing?: string[];
  modifiers?: string[];
  verb?: string;
  measure?: 'new' | 'up' | 'down' | 'share';
  scope?: string;
  time?: string;
  part?: true;
  plan?: true;
  per?: true;
  basis?: string;
  /** The clause with its figures masked, hashed: a draft restating it is recognised (quantity.ts clauseKey). */
  clause?: string;
  headline: string;
  file: string;
  offset: number;
}

export interface HouseEvidence {
  sources: CorpusSource[];
  byline: BylineModel;
  numberStyle: NumberStyle;
  /** Figures this publication already printed, for match/conflict checks. */
  figures: PublishedFigure[];
}

export interface Profile {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  name: string;
  description?: string;
  /** 'shard' keeps every candidate phrase count so shards merge exactly; 'profile' is pruned for use. */
  kind: 'profile' | 'shard';
  house: HouseEvidence;
  register: RegisterEvidence;
}
