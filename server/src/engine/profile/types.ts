// The learned house-style profile. Everything stored is a count (or a list of references), so two
// profiles' raw parts add up; derived fields (percentiles, keyness, cliché flags, limits) are
// recomputed by `finalizeProfile` from those counts.
//
// House evidence (byline form, layout, number style, published figures) describes one publication
// and comes from its own archive; register evidence (formulaic phrases, density) describes the genre
// and may be drawn from a larger body of the same register (the default profile draws it from both
// corpora). See docs in profile/README.md.

import type { ExampleRef } from '../types';

export const PROFILE_FORMAT = 'opinion-lint-profile';
export const PROFILE_VERSION = 1;

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
  /** Seen inside “…” as a quoted slogan in the corpus. */
  quoted: number;
  /** Total occurrences in the corpus. */
  count: number;
  /** Number of articles that use it. */
  articles: number;
  /** The most times a single article used it. */
  maxPerArticle: number;
  /** Log-ratio of corpus frequency to nodejieba's dictionary (general Chinese) frequency. Derived. */
  keyness: number;
  /** Derived: frequent across many articles and far more frequent than in general Chinese. */
  cliche: boolean;
  /**
   * Not formulaic by the table's criteria, kept because the corpus quoted it as a slogan (“限塑令”):
   * it sets how often a draft may repeat that quoted slogan but does not count towards density.
   * Absent means formulaic.
   */
  quotedOnly?: boolean;
  /** Up to 3 references, deterministic (first by file order then offset). */
  examples: ExampleRef[];
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

/**
 * Full per-article candidate counts, kept only while learning and in shards (`kind: 'shard'`), so
 * that merging shards and then finalizing gives exactly the profile of the whole corpus.
 */
export interface PhraseShard {
  /** Every article seen, sorted by key (`file#index`). */
  articles: ShardArticle[];
  /** Candidate phrase → its counts. Article numbers index `articles`. */
  phrases: Record<string, ShardPhrase>;
}

/**
 * A PhraseShard as a few flat arrays: what a learner builds (phrases/tally.ts) and what threads hand
 * each other (structured-cloning 100,000 small entry objects costs far more than copying typed
 * arrays). Entry i is phrases[i]; its runs of pairs are postings[postingEnds[i - 1], postingEnds[i])
 * and examples[exampleEnds[i - 1], exampleEnds[i]) (from 0 for i = 0).
 */
export interface PackedShard {
  articles: ShardArticle[];
  phrases: string[];
  quoted: Int32Array;
  postingEnds: Int32Array;
  postings: Int32Array;
  exampleEnds: Int32Array;
  examples: Int32Array;
}

export interface ShardArticle {
  key: string;
  file: string;
  headline: string;
  /** Han characters of the body (density denominator). */
  hanChars: number;
}

export interface ShardPhrase {
  /** Occurrences that were a whole “…” quotation. */
  quoted: number;
  /** Flat pairs [article, count, article, count, …], by article. */
  postings: number[];
  /** Flat pairs [article, file offset, …], the first 3 by (file, offset). */
  examples: number[];
}

export interface RegisterEvidence {
  sources: CorpusSource[];
  articles: number;
  chars: number;
  /** Body tokens (punctuation excluded): the corpus size that keyness divides by. */
  tokens: number;
  /** The slogan table: formulaic phrases, sorted by phrase. Derived (finalize) from counts. */
  phrases: PhraseStats[];
  density: DensityStats;
  /** Attribution cue → times seen in the sentence with, or before, a figure. */
  attributionCues: Record<string, number>;
  /** Present in shards only (see PhraseShard); packed while a learner hands it on. */
  shard?: PhraseShard | PackedShard;
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
