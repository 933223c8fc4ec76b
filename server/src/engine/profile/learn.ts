// Learning a profile from a corpus.
//
//   collectCorpusFiles(paths) → { files: CorpusFile[], missing }; learnCorpusFiles(files, options)
//     learns a pre-collected subset (a worker's share) with the whole corpus's file references.
//   learnCorpus(paths: string[], options: { name: string; shard?: boolean; maxFileSize?: number;
//               onProgress?: (p: LearnProgress) => void }): LearnResult
//     Walks files and folders (recursive; .txt/.md; skips hidden folders and node_modules), decodes
//     each file (UTF-8/UTF-16/GB18030), splits it into articles, parses each article once and hands it
//     to every contributor (phrases, figures, byline). `shard: true` keeps the full counts so that
//     mergeProfiles([learn(A,{shard}), learn(B,{shard})]) deep-equals learnCorpus(A ∪ B).
//     Files are referenced as `<folder name>/<path inside it>`, so shards of one folder line up.
//   countCorpusFilesPipelined / learnCorpusFilesPipelined: the same counts, async, with each next file
//     segmented on a thread of libuv's pool while this thread counts (what the CLI and server use);
//     the CLI also reads files and counts phrases on threads of their own (options.readBatch,
//     options.countPhrases: cli/read-thread.ts, cli/phrase-thread.ts).
//   countCorpusFiles(files, options) → raw counts (not finalized, structured-clonable: what a worker
//     thread hands on); combineCounts(parts, options) or CountsSum (part by part, as they arrive) add
//     parts once and finalize once — equal to learning all their files in one go (the CLI's parallel
//     learn, cli/learn-parallel.ts).
//   mergeProfiles(profiles: Profile[], { name?, shard? }): Profile         (profile/merge.ts)
//   composeProfile(name, house: Profile, registers: Profile[]): Profile    (profile/merge.ts)
//   serializeProfile(profile): string  — deterministic JSON               (profile/serialize.ts)
//   loadProfile(spec, baseDir): LoadedProfile — never throws               (profile/load.ts)

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { splitCorpusFile, type CorpusFileMeta } from '../parse/corpus';
import { prefetchTokens } from '../parse/draft';
import type { CorpusArticle, ProfileContributor } from './contributor';
import { readTextFile, type DecodeResult } from '../text/decode';
import { loadSegmenterInBackground } from '../text/segmenter';
import { addCountedPhrases, appendShard, emptyShard, phraseContributor, unpackShard } from '../phrases/contributor';
import { emptyProfile } from './empty';
import { addProfileInto, addProfiles, CONTRIBUTORS, finalizeProfile, mergeSources } from './merge';
import type { CorpusSource, PackedShard, Profile } from './types';

export interface LearnOptions {
  name: string;
  /** Keep full counts (for `opinion-lint merge`). */
  shard?: boolean;
  /** Files larger than this are skipped with a message. Default 20 MB. */
  maxFileSize?: number;
  onProgress?: (progress: LearnProgress) => void;
  /**
   * Reads a batch of files for the pipelined learn (default: readTextFile in this thread). The CLI
   * reads on a thread of its own: opening, reading and decoding took this thread a tenth of its time.
   */
  readBatch?: CorpusBatchReader;
  /**
   * Counts phrases elsewhere (the CLI: on a thread of its own) instead of in this thread: phrase
   * counting was over a third of what this thread did. Articles arrive in file order.
   */
  countPhrases?: PhraseCounting;
}

export interface PhraseCounting {
  observe(article: CorpusArticle): void;
  /** A batch of files was counted: a good time to hand over what was observed. */
  endBatch(): void;
  /** The phrase counts of every article observed (phrases/contributor.ts PhraseCounter). */
  result(): Promise<{ shard: PackedShard; tokens: number }>;
}

/** Reads and decodes `files` (readTextFile's results, in order), refusing files over `maxBytes`. */
export type CorpusBatchReader = (files: readonly CorpusFile[], maxBytes: number) => Promise<DecodeResult[]>;

export interface LearnProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  articles: number;
  file: string;
}

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

const CORPUS_EXTENSIONS = new Set(['.txt', '.md']);
const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
/**
 * Learning segments files in batches of about this much text: each segmentation costs this thread a
 * string conversion and a thread wake-up, which per article added up to a tenth of its time.
 */
const BATCH_BYTES = 64 * 1024;
/**
 * Batches being segmented while this thread counts: two, so that a second pool thread takes the time
 * this one leaves free (counting is a little faster than segmenting).
 */
const BATCHES_AHEAD = 2;
/** Text read and parsed ahead while jieba's dictionary builds (about what this thread parses meanwhile). */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

export interface CorpusFile {
  absolute: string;
  /** `<source>/<path inside it>`, posix separators. */
  ref: string;
  source: string;
  size: number;
  meta: CorpusFileMeta;
}

export function learnCorpus(paths: readonly string[], options: LearnOptions): LearnResult {
  const { files, missing } = collectCorpusFiles(paths);
  return learnCorpusFiles(files, options, missing);
}

/**
 * Learns from files already collected (`collectCorpusFiles`), e.g. one worker's share of a corpus:
 * references stay those of the whole corpus, so shards of nested folders merge exactly too.
 */
export function learnCorpusFiles(files: readonly CorpusFile[], options: LearnOptions, missing: LearnStats['skipped'] = []): LearnResult {
  const { profile, stats } = countCorpusFiles(files, options, missing);
  return { profile: finalizeProfile(profile, { shard: options.shard }), stats };
}

/** learnCorpusFiles with segmentation pipelined (countCorpusFilesPipelined). */
export async function learnCorpusFilesPipelined(files: readonly CorpusFile[], options: LearnOptions, missing: LearnStats['skipped'] = []): Promise<LearnResult> {
  const { profile, stats } = await countCorpusFilesPipelined(files, options, missing);
  return { profile: finalizeProfile(profile, { shard: options.shard }), stats };
}

/**
 * The counting part of learning, without finalize: a profile of raw counts (a plain, structured-
 * clonable object a worker thread can hand back). `combineCounts` adds such parts and finalizes once.
 */
export function countCorpusFiles(files: readonly CorpusFile[], options: LearnOptions, missing: LearnStats['skipped'] = []): LearnResult {
  const counter = new CorpusCounter(files, options, missing);
  counter.ordered.forEach((f, i) => counter.count(f, i, counter.read(f)));
  return counter.result();
}

/**
 * countCorpusFiles, pipelined: while one batch of files is counted, the next batches are segmented
 * on threads of libuv's pool (nodejieba's tagPackedAsync), so counting and segmentation share the
 * cores. The counts are the same.
 */
export async function countCorpusFilesPipelined(files: readonly CorpusFile[], options: LearnOptions, missing: LearnStats['skipped'] = []): Promise<LearnResult> {
  const counter = new CorpusCounter(files, options, missing);
  const batches = batchesOf(counter.ordered);
  // jieba's dictionary builds on a thread of libuv's pool while this one prepares, reads and parses.
  let dictionaryReady = false;
  const dictionary = loadSegmenterInBackground().finally(() => (dictionaryReady = true));
  for (const c of counter.contributors) c.prepare?.();
  const ahead: Promise<(CorpusArticle[] | undefined)[]>[] = [];
  let next = 0;
  let bytesAhead = 0;
  const readAhead = () => {
    const batch = batches[next++];
    for (const f of batch) bytesAhead += f.size;
    const parse = (decoded: DecodeResult[]) => {
      const read = batch.map((f, k) => counter.parse(f, decoded[k]));
      return prefetchTokens(read.flatMap((articles) => (articles ?? []).map((a) => a.doc))).then(() => read);
    };
    ahead.push(options.readBatch ? options.readBatch(batch, counter.maxFileSize).then(parse) : parse(batch.map((f) => counter.decode(f))));
  };
  // Files are read and parsed ahead until the dictionary is ready (a bounded amount), then BATCHES_AHEAD.
  while (next < batches.length && (next === 0 || (!dictionaryReady && bytesAhead < READ_AHEAD_BYTES))) {
    readAhead();
    await new Promise((resolve) => setImmediate(resolve));
  }
  let index = 0;
  for (const batch of batches) {
    const current = ahead.shift()!;
    while (next < batches.length && ahead.length < BATCHES_AHEAD) readAhead();
    const read = await current;
    batch.forEach((f, k) => counter.count(f, index++, read[k]));
    options.countPhrases?.endBatch();
  }
  await dictionary;
  if (options.countPhrases) {
    const { shard, tokens } = await options.countPhrases.result();
    addCountedPhrases(counter.profile, shard, tokens);
  }
  return counter.result();
}

/** Runs of consecutive files of about BATCH_BYTES (a large file alone). */
function batchesOf(files: readonly CorpusFile[]): CorpusFile[][] {
  const batches: CorpusFile[][] = [];
  let bytes = BATCH_BYTES;
  for (const f of files) {
    if (bytes >= BATCH_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1].push(f);
    bytes += f.size;
  }
  return batches;
}

/** Learning's running counts: files are read (and split into articles), then counted, in reference order. */
class CorpusCounter {
  readonly ordered: CorpusFile[];
  /** The families counted in this thread: all but phrases when options.countPhrases counts them. */
  readonly contributors: readonly ProfileContributor[];
  private readonly stats: LearnStats;
  readonly profile: Profile;
  private readonly sources = new Map<string, CorpusSource>();
  private readonly bytesTotal: number;

  constructor(
    files: readonly CorpusFile[],
    private readonly options: LearnOptions,
    missing: LearnStats['skipped'],
  ) {
    this.stats = { files: 0, articles: 0, bylines: 0, chars: 0, bytes: 0, skipped: [...missing] };
    this.profile = emptyProfile(options.name, 'shard');
    this.profile.register.shard = emptyShard();
    this.bytesTotal = files.reduce((s, f) => s + f.size, 0);
    this.ordered = [...files].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    this.contributors = options.countPhrases ? CONTRIBUTORS.filter((c) => c !== phraseContributor) : CONTRIBUTORS;
  }

  get maxFileSize(): number {
    return this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** The file's articles, or undefined when it cannot be read (recorded as skipped). */
  read(f: CorpusFile): CorpusArticle[] | undefined {
    return this.parse(f, this.decode(f));
  }

  decode(f: CorpusFile): DecodeResult {
    return readTextFile(f.absolute, this.maxFileSize);
  }

  /** The articles of a file read as `decoded`, or undefined when it could not be read (recorded as skipped). */
  parse(f: CorpusFile, decoded: DecodeResult): CorpusArticle[] | undefined {
    if (!decoded.ok) {
      this.stats.skipped.push({ file: f.ref, reason: decoded.reason });
      return undefined;
    }
    return splitCorpusFile(f.ref, decoded.text, f.meta);
  }

  count(f: CorpusFile, index: number, articles: CorpusArticle[] | undefined): void {
    const { sources, stats, profile } = this;
    const source = sources.get(f.source) ?? { name: f.source, files: 0, articles: 0, bylines: 0, chars: 0 };
    sources.set(f.source, source);
    if (articles) {
      source.files++;
      stats.files++;
      stats.bytes += f.size;
      for (const article of articles) {
        source.articles++;
        source.chars += article.doc.hanChars;
        if (article.bylinePosition !== 'none') source.bylines++;
        for (const c of this.contributors) c.observe(article, profile);
        this.options.countPhrases?.observe(article);
      }
    }
    this.options.onProgress?.({ filesDone: index + 1, filesTotal: this.ordered.length, bytesDone: stats.bytes, bytesTotal: this.bytesTotal, articles: sumArticles(sources), file: f.ref });
  }

  result(): LearnResult {
    const { stats, profile } = this;
    for (const c of this.contributors) c.settle?.(profile);
    const list = mergeSources([], [...this.sources.values()]);
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
}

/**
 * Adds the raw counts of several parts of one corpus (`countCorpusFiles` over disjoint shares of its
 * files, in any order) and finalizes once: equal to learning all the files in one go.
 */
export function combineCounts(parts: readonly LearnResult[], options: Pick<LearnOptions, 'name' | 'shard'>): LearnResult {
  const sum = new CountsSum(options.name);
  for (const part of parts) sum.add(part);
  return { profile: finalizeProfile(sum.profile, { shard: options.shard }), stats: sum.stats };
}

/** Raw counts added part by part (as workers finish), not yet finalized. */
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

  /**
   * Adds the first part and takes over its phrase shard instead of copying it (`part` is consumed):
   * for a worker adding later shares to its own counts.
   */
  addFirst(part: LearnResult): void {
    if (this.stats.files || this.profile.register.shard?.articles.length) throw new Error('CountsSum.addFirst: counts were added already');
    const shard = part.profile.register.shard;
    part.profile.register.shard = emptyShard();
    this.add(part);
    if (shard) this.profile.register.shard = unpackShard(shard);
  }

  /** Adds a part whose phrase shard travelled separately, packed (`packShard`). */
  addPacked(part: LearnResult, shard: PackedShard): void {
    part.profile.register.shard = emptyShard();
    this.add(part);
    this.profile.register.shard = unpackShard(this.profile.register.shard!);
    appendShard(this.profile.register.shard, shard);
  }
}

function sumArticles(sources: Map<string, CorpusSource>): number {
  let n = 0;
  for (const s of sources.values()) n += s.articles;
  return n;
}

/** Every corpus file under the given paths, sorted by reference, each once. */
export function collectCorpusFiles(paths: readonly string[]): { files: CorpusFile[]; missing: { file: string; reason: string }[] } {
  const byAbsolute = new Map<string, CorpusFile>();
  const missing: { file: string; reason: string }[] = [];
  for (const p of paths) {
    const absolute = path.resolve(p);
    let st;
    try {
      st = statSync(absolute);
    } catch {
      missing.push({ file: p, reason: '路径不存在，已跳过。' });
      continue;
    }
    if (st.isDirectory()) {
      const source = path.basename(absolute);
      walk(absolute, (file, size, meta) => {
        const ref = `${source}/${path.relative(absolute, file).split(path.sep).join('/')}`;
        byAbsolute.set(file, { absolute: file, ref, source, size, meta });
      });
    } else {
      const dir = path.dirname(absolute);
      const source = path.basename(dir);
      const meta = { ...(readManifest(dir).get(path.basename(absolute)) ?? {}), markdown: absolute.endsWith('.md') };
      byAbsolute.set(absolute, { absolute, ref: `${source}/${path.basename(absolute)}`, source, size: st.size, meta });
    }
  }
  const files = [...byAbsolute.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { files, missing };
}

function walk(dir: string, visit: (file: string, size: number, meta: CorpusFileMeta) => void): void {
  const manifest = readManifest(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile() && CORPUS_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      visit(full, statSync(full).size, { ...(manifest.get(entry.name) ?? {}), markdown: entry.name.toLowerCase().endsWith('.md') });
    }
  }
}

/** `MANIFEST.tsv` beside corpus files: `file` and `byline_pos` columns say where bylines were printed. */
function readManifest(dir: string): Map<string, CorpusFileMeta> {
  const out = new Map<string, CorpusFileMeta>();
  const file = path.join(dir, 'MANIFEST.tsv');
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  const fileCol = header.indexOf('file');
  const posCol = header.indexOf('byline_pos');
  if (fileCol < 0 || posCol < 0) return out;
  for (const line of lines.slice(1)) {
    const cols = line.split('\t');
    if (cols[fileCol]) out.set(cols[fileCol], { bylinePos: cols[posCol] ?? '' });
  }
  return out;
}
