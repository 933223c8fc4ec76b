// The one folder-lint stream, shared by the CLI's `lint`, the editor's Lint Folder and its folder
// report: for each file the walk finds, in order, the result of linting its bytes with its config —
// served from the cache when the bytes (or, for a lean run, the file's stat) and everything else
// the result depends on are unchanged, else linted on the pool — with `fix` applied atomically.
// Memory stays bounded: at most a window of files is read ahead of the one handed out.

import { readFileSync, statSync, type Stats } from 'node:fs';
import type { LintConfig } from '../engine/config/types';
import type { Profile } from '../engine/profile/types';
import type { FileLintResult } from '../engine/results';
import { decodeBuffer } from '../engine/text/decode';
import { currentStamp, entryKey, fileStamp, sha256, type BodyHit, type FileStamp, type LocatedText, type ResultCache } from './cache';
import { CancelledError } from './cancel';
import type { LintPool } from './lint-pool';
import { readBytes } from './read';
import type { WalkEntry } from './walk';
import { encodeText, writeFileAtomic } from './write';

/** What a file's result depends on besides its bytes. */
export interface FileSettings {
  config: LintConfig;
  /** resultFingerprint(…) of the config, the profile and the build: the second half of the cache key. */
  fingerprint: string;
  /** The profile to lint with in this thread (the editor's, with its last-good fallback); workers load `config.profile`. */
  profile?: Profile;
}

/** The fingerprint of everything a file's result depends on besides its bytes: one cache key for every caller. */
export function resultFingerprint(buildId: string, config: LintConfig, profileHash: string): string {
  return sha256(`${buildId}\n${JSON.stringify(config)}\n${profileHash}`);
}

export interface LintFilesOptions {
  /** The config and fingerprint of a file (may throw to stop the run, as for a broken config). */
  settingsFor(abs: string): FileSettings;
  pool: LintPool;
  cache?: ResultCache;
  /** Apply safe fixes and write them back atomically (never over a file changed meanwhile). */
  fix?: boolean;
  /**
   * The caller reads only what findings point at (line starts and the spans they quote): cache
   * hits come without the text decoded, and without the summaries and evidence only the folder
   * report reads; an unchanged file (same stat) is not even read.
   */
  lean?: boolean;
  /** Files the caller lints itself (open in the editor): handed back in their place, untouched. */
  exclude?(abs: string): boolean;
  isCancelled?(): boolean;
}

/** A cached result may come without its text: `located` then answers for it. */
export type LintedResult = FileLintResult & { located?: LocatedText };

export type LintedFile =
  | { kind: 'excluded'; entry: WalkEntry }
  | {
      kind: 'linted';
      entry: WalkEntry;
      result: LintedResult;
      /** Served from the cache. */
      fromCache: boolean;
      /** Printed from the body the cache keeps for this run's format (then `result` holds no findings). */
      body?: BodyHit;
      /** The cache now holds `result` for this file (a body may be kept beside it). */
      stored: boolean;
      /** Fixes written to the file. */
      fixed: number;
    };

type Linted = Extract<LintedFile, { kind: 'linted' }>;

/** Files read ahead per file the pool can hold: enough to keep every worker busy while one slow draft holds up the in-order output. */
const WINDOW_PER_SLOT = 4;

/** Lints `entries` (a walk), yielding each file's result in their order. */
export async function* lintFiles(entries: AsyncIterable<WalkEntry> | Iterable<WalkEntry>, options: LintFilesOptions): AsyncGenerator<LintedFile> {
  const run = new LintRun(options);
  const windowSize = Math.max(4, options.pool.capacity * WINDOW_PER_SLOT);
  const inFlight: Promise<LintedFile>[] = [];
  const cancelled = () => options.isCancelled?.() === true;
  for await (const entry of entries) {
    if (cancelled()) throw new CancelledError();
    // An unchanged file the cache serves, with nothing ahead of it, goes out at once: a cached
    // re-run spent a tenth of its time passing such files through promises.
    const checked = inFlight.length === 0;
    const quick = checked ? run.quick(entry) : undefined;
    if (quick) {
      yield quick;
      continue;
    }
    const task = run.lint(entry, checked);
    task.catch(() => {}); // observed when its turn comes
    inFlight.push(task);
    if (inFlight.length >= windowSize) yield await inFlight.shift()!;
  }
  while (inFlight.length) {
    if (cancelled()) throw new CancelledError();
    yield await inFlight.shift()!;
  }
}

class LintRun {
  constructor(private readonly options: LintFilesOptions) {}

  /** An excluded or unchanged file, answered without reading it; undefined when it must be linted. */
  quick(entry: WalkEntry): LintedFile | undefined {
    if (entry.kind !== 'file') return undefined;
    if (this.options.exclude?.(entry.abs)) return { kind: 'excluded', entry };
    return this.unchanged(entry, this.options.settingsFor(entry.abs).fingerprint);
  }

  /** `checked`: quick(entry) was tried already. */
  async lint(entry: WalkEntry, checked: boolean): Promise<LintedFile> {
    if (entry.kind === 'skip') return skipped(entry, entry.reason);
    if (!checked && this.options.exclude?.(entry.abs)) return { kind: 'excluded', entry };
    const settings = this.options.settingsFor(entry.abs);
    const unchanged = checked ? undefined : this.unchanged(entry, settings.fingerprint);
    if (unchanged) return unchanged;
    const { cache, fix, lean } = this.options;
    const read = readBytes(entry.abs, settings.config.maxFileSize);
    if (!read.ok) return skipped(entry, read.reason);
    // The hash keys the cache and guards `fix` against a file changed meanwhile; else unused.
    const bytesHash = cache || fix ? sha256(read.bytes) : undefined;
    const stamp = fileStamp(read.stats, read.readAt);
    const key = bytesHash && entryKey(bytesHash, settings.fingerprint);
    const hit = key && cache ? this.hit(entry, key, read.bytes, stamp) : undefined;
    if (hit) return hit;
    let outcome;
    try {
      outcome = await this.options.pool.run({ display: entry.display, bytes: read.bytes, config: settings.config, fix: fix === true, lean: lean && !cache, profile: settings.profile });
    } catch (err) {
      if (err instanceof CancelledError) throw err;
      return skipped(entry, `检查时出错（${err instanceof Error ? err.message : String(err)}），已跳过。`);
    }
    if (outcome.fixedText !== undefined) return this.writeFix(entry, outcome.result, outcome.fixedText, outcome.fixed, bytesHash!, settings.fingerprint);
    // A failed rule is stored with the result: a re-run served from the cache reports it again.
    if (cache) cache.set(entry.abs, key!, outcome.result, stamp);
    return { kind: 'linted', entry, result: outcome.result, fromCache: false, stored: cache !== undefined, fixed: 0 };
  }

  /** The result of a file whose stat is unchanged since its bytes were hashed: not read again (lean runs without fix). */
  private unchanged(entry: Extract<WalkEntry, { kind: 'file' }>, fingerprint: string): Linted | undefined {
    const { cache, lean, fix } = this.options;
    if (!cache || !lean || fix) return undefined;
    const stats = statIfExists(entry.abs);
    if (!stats) return undefined;
    const stamp = currentStamp(stats);
    const body = cache.getUnchangedBody(entry.abs, stamp, fingerprint);
    if (body) return fromBody(entry, body);
    const hit = cache.getUnchanged(entry.abs, stamp, fingerprint, true);
    if (!hit?.located) return undefined;
    return { kind: 'linted', entry, result: { ...hit, file: entry.display, text: '' }, fromCache: true, stored: true, fixed: 0 };
  }

  /** The result stored for these bytes, unless `fix` has fixes to apply to them. */
  private hit(entry: Extract<WalkEntry, { kind: 'file' }>, key: string, bytes: Buffer, stamp: FileStamp | undefined): Linted | undefined {
    const cache = this.options.cache!;
    const body = cache.getBody(entry.abs, key);
    if (body) {
      cache.restamp(entry.abs, stamp);
      return fromBody(entry, body);
    }
    const lean = this.options.lean === true;
    const hit = cache.get(entry.abs, key, lean);
    if (!hit || (this.options.fix && hit.findings.some((f) => f.fix))) return undefined;
    cache.restamp(entry.abs, stamp);
    const { located, ...result } = hit;
    if (lean && located) return { kind: 'linted', entry, result: { ...result, located, file: entry.display, text: '' }, fromCache: true, stored: true, fixed: 0 };
    const text = hit.skipped === undefined ? decodeCached(bytes, hit.encoding) : '';
    return { kind: 'linted', entry, result: { ...result, file: entry.display, text }, fromCache: true, stored: true, fixed: 0 };
  }

  /** Writes fixed text back in the file's encoding, unless the file changed since it was read. */
  private writeFix(entry: Extract<WalkEntry, { kind: 'file' }>, result: FileLintResult, fixedText: string, fixed: number, readHash: string, fingerprint: string): Linted {
    const bytes = encodeText(fixedText, result.encoding);
    const refusal = writeFixedFile(entry.abs, bytes, readHash);
    // The findings describe a fixed text that is not on disk: report the refusal instead.
    if (refusal !== undefined) return skipped(entry, refusal);
    const { cache } = this.options;
    if (cache) cache.set(entry.abs, entryKey(sha256(bytes), fingerprint), result);
    return { kind: 'linted', entry, result, fromCache: false, stored: cache !== undefined, fixed };
  }
}

function skipped(entry: WalkEntry, reason: string): Linted {
  return { kind: 'linted', entry, result: { file: entry.display, text: '', findings: [], ruleFailures: [], skipped: reason }, fromCache: false, stored: false, fixed: 0 };
}

/** A file printed from its cached body: its findings are in the body. */
function fromBody(entry: WalkEntry, body: BodyHit): Linted {
  return { kind: 'linted', entry, result: { file: entry.display, text: '', findings: [], ruleFailures: [] }, fromCache: true, body, stored: true, fixed: 0 };
}

/**
 * Writes fixed bytes over `abs` atomically, unless the file changed on disk since it was read.
 * Returns undefined when written, else the Chinese reason it was not.
 */
export function writeFixedFile(abs: string, bytes: Uint8Array, readHash: string): string | undefined {
  let now: Buffer;
  try {
    now = readFileSync(abs);
  } catch {
    return '文件在检查期间被删除或无法读取，修复未写入。';
  }
  if (sha256(now) !== readHash) return '文件在检查期间被修改，为免覆盖新内容，修复未写入。请重新运行 --fix。';
  try {
    writeFileAtomic(abs, bytes);
    return undefined;
  } catch (err) {
    return `写入修复失败（${(err as NodeJS.ErrnoException).code ?? String(err)}），原文件未改动。`;
  }
}

/**
 * Decodes the bytes of a cache hit: they are the bytes that were decoded as `encoding` when the
 * result was stored, so the encoding sniffing and validity checks need not run again.
 */
function decodeCached(bytes: Buffer, encoding: string | undefined): string {
  if (encoding === 'utf-8') return bytes.toString('utf8');
  if (encoding === 'utf-8-bom') return bytes.subarray(3).toString('utf8');
  if (encoding === 'utf-16le') return bytes.subarray(2).toString('utf16le');
  const decoded = decodeBuffer(bytes);
  return decoded.ok ? decoded.text : '';
}

function statIfExists(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
