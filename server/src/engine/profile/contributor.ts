// How learning is split by family: each family (phrases, figures, byline) contributes its own
// part of the profile. `profile/learn.ts` walks the corpus once and hands every article to every
// contributor; `merge` and `finalize` do the same, so each family owns its counts end to end.

import type { ParsedDraft } from '../parse/draft';
import type { FilePiece } from '../parse/corpus';
import type { BylinePosition, Profile } from './types';

export interface CorpusArticle {
  /** Source file, relative to the corpus root (posix separators). */
  file: string;
  headline: string;
  /**
   * The article rebuilt as a draft: headline line, byline line (if it has one), then body
   * paragraphs, even when the page printed them in another order.
   */
  doc: ParsedDraft;
  /** Maps an offset in `doc.text` back to the offset in the source file (for example references). */
  fileOffset(docOffset: number): number;
  /** What fileOffset maps, as data (parse/corpus.ts fileOffsetIn); absent when offsets are the file's own. */
  filePieces?: readonly FilePiece[];
  /** The article's date as its corpus's manifest gives it (`YYYY-MM-DD`), when it does. */
  date?: string;
  /** Where the byline stood in the published article. */
  bylinePosition: BylinePosition;
}

export interface ProfileContributor {
  /** Loads what counting will need from outside the corpus (learning does it while jieba's dictionary loads). */
  prepare?(): void;
  /** Adds one article's counts to the profile. */
  observe(article: CorpusArticle, profile: Profile): void;
  /** Writes counts kept aside while observing into the profile (after the last article). */
  settle?(profile: Profile): void;
  /** Adds `from`'s counts of this family into `into`. */
  merge(into: Profile, from: Profile): void;
  /** Recomputes this family's derived fields from its counts (after learn or merge). */
  finalize(profile: Profile): void;
}
