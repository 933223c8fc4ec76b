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

export interface RegisterEvidence {
  sources: CorpusSource[];
  articles: number;
  chars: number;
  phrases: PhraseStats[];
  density: DensityStats;
  /** Attribution cue → times seen in the sentence with, or before, a figure. */
  attributionCues: Record<string, number>;
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
  /** Range mark between two figures → count ('—', '～', '-', '至', '到'). */
  rangeMarks: Record<string, number>;
}

export interface PublishedFigure {
  value: number;
  unit: string;
  /** Content words of the clause that carries the figure (nouns/verbs), used to match quantities. */
  subject: string[];
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
