// What linting one file produced, as the CLI formatters, the folder report and the server's
// folder lint consume it.

import type { RuleFailure } from './lint';
import type { Finding } from './types';

export interface DraftSummary {
  headline: string;
  /** Author names from the byline; empty when the draft has none. */
  authors: string[];
  /** Han characters in the body. */
  chars: number;
  /** Formulaic-phrase occurrences in the body (as the slogan rules count them). */
  formulaicPhrases: number;
  /** Formulaic phrases per 1,000 Han characters. */
  sloganDensity: number;
  /** Figures stated without an attribution. */
  unsourcedFigures: number;
  bylineStatus: 'ok' | 'missing' | 'malformed' | 'misplaced' | 'not-expected';
  /** Formulaic phrases the draft uses, with their counts (the folder report's repeated phrases). */
  phrases?: { phrase: string; count: number }[];
}

export interface FileLintResult {
  /** Path as shown to the user (relative to the working directory when possible). */
  file: string;
  /** Decoded text; formatters that quote flagged text read it. */
  text: string;
  encoding?: string;
  findings: Finding[];
  ruleFailures: RuleFailure[];
  /** Chinese reason when the file was not linted (binary, too large, undecodable, not Chinese…). */
  skipped?: string;
  summary?: DraftSummary;
}
