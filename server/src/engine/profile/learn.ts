// Learning a profile from a corpus: texts in, counts and a profile out. The engine never reads a
// file; the workspace layer walks a corpus, reads and decodes its files (workspace/corpus.ts) and
// runs learning in this thread or on a pool of workers (workspace/learn.ts).
//
//   const learner = new CorpusLearner(name);
//   learner.add({ ref, source, bytes, meta, text });     // each file of the corpus, in reference order
//   learner.add({ ref, source, bytes, meta, unreadable }); // a file that could not be read: skipped with the reason
//   learner.add(file, articlesOf(file))                   // the same, its articles split first (to segment several
//                                                         // files' articles in one call: parse/draft.ts segmentTogether)
//   learner.finish({ shard }) → { profile, stats }         // finalized; `shard: true` keeps the full counts
//   learner.counts() → { profile, stats }                  // raw counts, not finalized (structured-clonable)
//   combineCounts(parts, { name, shard }) / CountsSum      // adds raw counts of contiguous shares, finalizes once
//
// Each file is split into articles (parse/corpus.ts), each article parsed once and handed to every
// contributor (phrases, figures, byline). Files are referenced as `<folder name>/<path inside it>`,
// so shards of one folder line up: mergeProfiles([learn(A, shard), learn(B, shard)]) deep-equals
// learning A ∪ B, and so does adding the raw counts of A and B (a pool's shares).
//   mergeProfiles(profiles, { name?, shard? }) / composeProfile(name, house, registers)  (profile/merge.ts)
//   serializeProfile(profile): string — deterministic JSON                              (profile/serialize.ts)
//   parseProfileText(text, file) — validates a profile read by the caller               (profile/load.ts)

import { splitCorpusFile, type CorpusFileMeta } from '../parse/corpus';
import { emptyShard } from '../phrases/contributor';
import type { CorpusArticle } from './contributor';
import { emptyProfile } from './empty';
import { addProfileInto, addProfiles, CONTRIBUTORS, finalizeProfile, mergeSources } from './merge';
import type { CorpusSource, Profile } from './types';

/** A corpus file as learning knows it, without its text. */
export interface CorpusEntry {
  /** `<source>/<path inside it>`, posix separators: how the profile refers to the file. */
  ref: string;
  /** The corpus (folder name) the file belongs to: the profile's `sources`. */
  source: string;
  /** Its size in bytes. */
  bytes: number;
  meta: CorpusFileMeta;
}

/** A corpus file's text, or the Chinese reason it could not be read. */
export type CorpusText = CorpusEntry & ({ text: string; unreadable?: undefined } | { text?: undefined; unreadable: string });

export interface LearnStats {
  files: number;
  articles: number;
  bylines: number;
  /** Han characters of article bodies. */
  chars: number;
  bytes: number;
  skipped: { file: string; reason: string }[];
}

export interface LearnResult {
  profile: Profile;
  stats: LearnStats;
}

/** Learning's running counts over the files it is given. */
export class CorpusLearner {
  private readonly profile: Profile;
  private readonly sources = new Map<string, CorpusSource>();
  private readonly skipped: LearnStats['skipped'] = [];
  private files = 0;
  private bytes = 0;
  private articles = 0;
  private done = false;

  constructor(name: string) {
    this.profile = emptyProfile(name, 'shard');
    this.profile.register.shard = emptyShard();
    for (const c of CONTRIBUTORS) c.prepare?.();
  }

  /** Counts one file's articles (`articlesOf(file)`); one that could not be read is recorded as skipped. */
  add(file: CorpusText, articles = articlesOf(file)): void {
    const source = this.source(file.source);
    if (file.text === undefined) {
      this.skipped.push({ file: file.ref, reason: file.unreadable });
      return;
    }
    source.files++;
    this.files++;
    this.bytes += file.bytes;
    for (const article of articles) {
      source.articles++;
      source.chars += article.doc.hanChars;
      if (article.bylinePosition !== 'none') source.bylines++;
      this.articles++;
      for (const c of CONTRIBUTORS) c.observe(article, this.profile);
    }
  }

  /** Records a path that names no corpus file (not counted in any source). */
  skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  /** What was counted so far. */
  progress(): { files: number; bytes: number; articles: number } {
    return { files: this.files, bytes: this.bytes, articles: this.articles };
  }

  /**
   * The raw counts, not finalized: a plain object a worker thread can hand back, which
   * `combineCounts` or `CountsSum` adds to other shares' and finalizes once. Ends this learner.
   */
  counts(): LearnResult {
    if (this.done) throw new Error('CorpusLearner: counts were taken already');
    this.done = true;
    const { profile } = this;
    for (const c of CONTRIBUTORS) c.settle?.(profile);
    const list = mergeSources([], [...this.sources.values()]);
    const stats: LearnStats = { files: this.files, articles: 0, bylines: 0, chars: 0, bytes: this.bytes, skipped: this.skipped };
    for (const s of list) {
      stats.articles += s.articles;
      stats.bylines += s.bylines;
      stats.chars += s.chars;
    }
    profile.house.sources = list;
    profile.register.sources = list.map((s) => ({ ...s }));
    profile.register.articles = stats.articles;
    profile.register.chars = stats.chars;
    return { profile, stats };
  }

  /** The learned profile (`shard: true` keeps the full counts, for `merge`). Ends this learner. */
  finish(options: { shard?: boolean } = {}): LearnResult {
    const { profile, stats } = this.counts();
    return { profile: finalizeProfile(profile, options), stats };
  }

  private source(name: string): CorpusSource {
    let source = this.sources.get(name);
    if (!source) this.sources.set(name, (source = { name, files: 0, articles: 0, bylines: 0, chars: 0 }));
    return source;
  }
}

/** The articles of a corpus file, parsed (none when it could not be read). */
export function articlesOf(file: CorpusText): CorpusArticle[] {
  return file.text === undefined ? [] : splitCorpusFile(file.ref, file.text, file.meta);
}

/** Learns from the texts of a corpus's files, given in reference order. */
export function learnTexts(files: Iterable<CorpusText>, options: { name: string; shard?: boolean }): LearnResult {
  const learner = new CorpusLearner(options.name);
  for (const file of files) learner.add(file);
  return learner.finish(options);
}

/**
 * Adds the raw counts of several parts of one corpus (`CorpusLearner.counts` over disjoint shares
 * of its files, in any order) and finalizes once: equal to learning all the files in one go.
 */
export function combineCounts(parts: readonly LearnResult[], options: { name: string; shard?: boolean }): LearnResult {
  const sum = new CountsSum(options.name);
  for (const part of parts) sum.add(part);
  return sum.finish(options);
}

/** Raw counts added part by part (as a pool's workers hand them on), then finalized once. */
export class CountsSum {
  readonly profile: Profile;
  readonly stats: LearnStats = { files: 0, articles: 0, bylines: 0, chars: 0, bytes: 0, skipped: [] };

  constructor(name: string) {
    this.profile = addProfiles([], name);
    this.profile.register.shard = emptyShard();
  }

  add(part: LearnResult): void {
    for (const key of ['files', 'articles', 'bylines', 'chars', 'bytes'] as const) this.stats[key] += part.stats[key];
    this.stats.skipped.push(...part.stats.skipped);
    addProfileInto(this.profile, part.profile);
  }

  finish(options: { shard?: boolean } = {}): LearnResult {
    return { profile: finalizeProfile(this.profile, options), stats: this.stats };
  }
}
