// `opinion-lint lint <paths…>`: walks the paths, lints files on worker threads (or reuses cached
// results), streams results in order to the formatter, applies --fix atomically, and decides
// the exit code. Memory stays bounded: at most a window of files is in flight.

import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { mergeConfig, parseRuleFlag, type ConfigError, type ConfigLayer } from '../engine/config/load';
import { ConfigCache, isFile, resolveProfileSpec } from '../workspace/config';
import type { LintConfig } from '../engine/config/types';
import type { FileLintResult } from '../engine/results';
import type { Finding } from '../engine/types';
import { RULES } from '../engine/rules';
import type { FileLintOutcome } from '../engine/run';
import { loadConfiguredProfile, profileForConfig, resolveProfilePath } from '../workspace/profiles';
import { decodeBuffer } from '../engine/text/decode';
import { currentStamp, DEFAULT_CACHE_FILE, entryKey, fileStamp, ResultCache, sha256, type BodyHit, type FileStamp, type Tally } from '../workspace/cache';
import { FORMATS, getFormat, type FormatContext, type FormatResult, type LintTotals } from './formats';
import { fileOutput, stdoutOutput, type RunOutput } from './output';
import { CancelledError, LintPool } from '../workspace/lint-pool';
import { Progress } from './progress';
import { readBytes } from '../workspace/read';
import { DEFAULT_EXTENSIONS, walk, type WalkEntry } from '../workspace/walk';
import { encodeText, writeFileAtomic } from '../workspace/write';
import { UsageError } from './args';

export interface LintCommandOptions {
  paths: string[];
  profile?: string;
  config?: string;
  format: string;
  output?: string;
  maxWarnings?: number;
  fix: boolean;
  quiet: boolean;
  cache: boolean;
  cacheLocation?: string;
  rules: string[];
  extensions?: string[];
  jobs?: number;
}

export interface CliIO {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Set by Ctrl-C: the run stops at the next file. */
  cancelled: () => boolean;
  /** Registers what to do on Ctrl-C (stop the workers). */
  onCancel(handler: () => void): void;
  toolVersion: string;
  /** Identifies this build of the tool (cache invalidation). */
  buildId: string;
}

export class ConfigFailure extends Error {
  constructor(readonly errors: ConfigError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

interface Processed {
  entry: WalkEntry;
  outcome: { result: FormatResult; fixedText?: string; fixed: number };
  /** Hash of the bytes as read (to refuse writing a fix over a file changed since). */
  bytesHash?: string;
  /** Fingerprint of the config, profile and build used (the cache key's second half). */
  fingerprint?: string;
  /** The file's stat when read, if old enough to be trusted on the next run. */
  stamp?: FileStamp;
  fromCache?: boolean;
  /** A cache hit printed from its stored body (then `outcome.result` holds no findings). */
  body?: BodyHit;
  error?: string;
}

/** Runs the lint command; returns the exit code. Throws UsageError / ConfigFailure for exit 2. */
export async function runLint(opts: LintCommandOptions, io: CliIO): Promise<number> {
  const started = Date.now();
  const format = getFormat(opts.format);
  if (!format) throw new UsageError(`未知的输出格式 “${opts.format}”。可用：${FORMATS.map((f) => f.name).join('、')}。`);
  if (opts.paths.length === 0) throw new UsageError('请给出要检查的文件或文件夹，例如：opinion-lint lint examples');
  for (const p of opts.paths) {
    if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`找不到路径 “${p}”。`);
  }
  if (opts.output && !existsSync(path.dirname(path.resolve(io.cwd, opts.output)))) {
    throw new UsageError(`输出文件 ${opts.output} 所在的文件夹不存在。`);
  }

  const overrides: ConfigLayer = { rules: {} };
  for (const flag of opts.rules) {
    const parsed = parseRuleFlag(flag);
    if ('error' in parsed) throw new UsageError(parsed.error);
    overrides.rules![parsed.id] = { severity: parsed.severity };
  }
  if (opts.profile) {
    const resolved = resolveProfileSpec(opts.profile, io.cwd);
    if (resolved.error !== undefined) throw new UsageError(`--profile：${resolved.error}`);
    overrides.profile = resolved.profile;
  }
  if (opts.config && !isFile(path.resolve(io.cwd, opts.config))) throw new UsageError(`找不到配置文件 ${opts.config}（--config）。`);

  const cache = opts.cache ? ResultCache.open(path.resolve(io.cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE), io.buildId) : undefined;
  const profileHashes = new Map<string, string>();
  /**
   * Checks that the profile a config names loads (once per run, so a broken profile is a config
   * error before any file is linted) and, for the cache, returns a hash of its file. A profile
   * file this build already loaded without error is not parsed again: a re-run served from the
   * cache never needs it (the workers load it when they lint).
   */
  const profileFingerprint = (config: LintConfig, configFile: string | undefined): string => {
    const file = resolveProfilePath(config.profile || 'default', io.cwd);
    let hit = profileHashes.get(file);
    if (!hit) {
      const before = cache ? hashFile(file) : undefined;
      if (!before || !cache!.knowsProfile(before)) {
        const { error } = loadConfiguredProfile(config);
        if (error) {
          const where = configFile ? `（配置文件 ${configFile} 的 “profile”）` : '';
          throw new ConfigFailure([{ file: configFile ?? config.profile, key: 'profile', message: `无法使用文风档案 ${config.profile}${where}：${error.replace(/已改用内置默认档案。$/, '')}` }]);
        }
        // Remembered only when the file did not change while it was being loaded.
        if (before && hashFile(file) === before) cache!.rememberProfile(before);
      }
      hit = before ?? 'no-cache';
      profileHashes.set(file, hit);
    }
    return hit;
  };
  const configs = new ConfigCache(opts.config ? path.resolve(io.cwd, opts.config) : undefined);
  const effective = new Map<string, { config: LintConfig; fingerprint: string }>();
  const configFor = (abs: string) => {
    const loaded = configs.forFile(abs);
    if (loaded.errors.length) throw new ConfigFailure(loaded.errors);
    const key = loaded.file ?? '';
    let hit = effective.get(key);
    if (!hit) {
      const config = mergeConfig(loaded.config, overrides);
      hit = { config, fingerprint: sha256(`${io.buildId}\n${JSON.stringify(config)}\n${profileFingerprint(config, loaded.file)}`) };
      effective.set(key, hit);
    }
    return hit;
  };
  // Catch a broken config at the top before any output is written.
  for (const p of opts.paths) {
    const abs = path.resolve(io.cwd, p);
    configFor(isDirectory(abs) ? path.join(abs, '_') : abs);
  }

  const jobs = opts.jobs ?? Math.max(1, availableParallelism());
  const pool = LintPool.create(jobs);
  const output: RunOutput = opts.output ? fileOutput(path.resolve(io.cwd, opts.output)) : stdoutOutput(io.stdout);
  const context: FormatContext = {
    cwd: io.cwd,
    rules: RULES,
    toolName: 'opinion-lint',
    toolVersion: io.toolVersion,
    quiet: opts.quiet,
    color: !opts.output && Boolean(io.stdout.isTTY) && !process.env.NO_COLOR,
    profile: () => profileForConfig(configFor(path.join(io.cwd, '_')).config),
  };
  const formatter = format.create(output, context);
  // A format that prints each file on its own gets the cache to keep what it printed, for this
  // format and these options (--fix reads the findings themselves).
  if (formatter.body && formatter.fileFromBody && !opts.fix) cache?.useBodies(`${format.name}${opts.quiet ? ' --quiet' : ''}${context.color ? ' color' : ''}`);
  const totals: LintTotals = { files: 0, linted: 0, skipped: 0, cached: 0, errors: 0, warnings: 0, information: 0, hints: 0, fixable: 0, fixed: 0, filesFixed: 0, ruleFailures: 0, elapsedMs: 0 };
  const progress = new Progress(io.stderr);
  const failedRules = new Set<string>();
  io.onCancel(() => void pool.close());

  // A format that reads only what findings point at gets cache hits lean: without the file
  // decoded, and without the summaries and evidence only the folder report reads. Without --fix
  // (which reads and checks the bytes it may rewrite), a file whose stat is unchanged is not read.
  const lean = !format.readsText;
  /** An unchanged file's result from the cache, for the fingerprint of its config (see prepare). */
  const unchangedHit = (entry: WalkEntry, fingerprint: string): Processed | undefined => {
    if (!cache || !lean || opts.fix || entry.kind === 'skip') return undefined;
    const stats = statIfExists(entry.abs);
    if (!stats) return undefined;
    const stamp = currentStamp(stats);
    const body = cache.getUnchangedBody(entry.abs, stamp, fingerprint);
    if (body) return { entry, fingerprint, fromCache: true, body, outcome: bodyOutcome(entry.display) };
    const hit = cache.getUnchanged(entry.abs, stamp, fingerprint, true);
    return hit?.located ? { entry, fingerprint, fromCache: true, outcome: { result: { ...hit, file: entry.display, text: '' }, fixed: 0 } } : undefined;
  };
  /** `checked`: unchangedHit(entry) was tried already. */
  const prepare = async (entry: WalkEntry, checked: boolean): Promise<Processed> => {
    if (entry.kind === 'skip') return { entry, outcome: skipped(entry.display, entry.reason) };
    const { config, fingerprint } = configFor(entry.abs);
    const unchanged = checked ? undefined : unchangedHit(entry, fingerprint);
    if (unchanged) return unchanged;
    const read = readBytes(entry.abs, config.maxFileSize);
    if (!read.ok) return { entry, outcome: skipped(entry.display, read.reason) };
    // The hash keys the cache and guards --fix against a file changed meanwhile; else unused.
    const bytesHash = cache || opts.fix ? sha256(read.bytes) : undefined;
    const stamp = fileStamp(read.stats, read.readAt);
    const base = { entry, bytesHash, fingerprint, stamp };
    const key = bytesHash && entryKey(bytesHash, fingerprint);
    const body = key ? cache?.getBody(entry.abs, key) : undefined;
    if (body) {
      cache!.restamp(entry.abs, stamp);
      return { ...base, fromCache: true, body, outcome: bodyOutcome(entry.display) };
    }
    const hit = key ? cache?.get(entry.abs, key, lean) : undefined;
    if (hit && !(opts.fix && hit.findings.some((f) => f.fix))) {
      cache!.restamp(entry.abs, stamp);
      const { located, ...result } = hit;
      if (lean && located) return { ...base, fromCache: true, outcome: { result: { ...result, located, file: entry.display, text: '' }, fixed: 0 } };
      const text = hit.skipped === undefined ? decodeCached(read.bytes, hit.encoding) : '';
      return { ...base, fromCache: true, outcome: { result: { ...result, file: entry.display, text }, fixed: 0 } };
    }
    try {
      return { ...base, outcome: await pool.run({ display: entry.display, bytes: read.bytes, config, fix: opts.fix, lean: lean && !cache }) };
    } catch (err) {
      if (err instanceof CancelledError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { entry, error: message, outcome: skipped(entry.display, `检查时出错（${message}），已跳过。`) };
    }
  };

  const record = (p: Processed) => {
    if (p.body) {
      const { body, tally } = p.body;
      finish(p.outcome.result, tally, true, () => formatter.fileFromBody!(p.entry.display, body));
      return;
    }
    let { result } = p.outcome;
    /** The cache's entry for this file now holds `result`. */
    let stored = p.fromCache === true;
    if (p.outcome.fixedText !== undefined && p.entry.kind === 'file') {
      const bytes = encodeText(p.outcome.fixedText, result.encoding);
      const refusal = writeFixedFile(p.entry.abs, bytes, p.bytesHash!);
      if (refusal === undefined) {
        totals.fixed += p.outcome.fixed;
        totals.filesFixed++;
        if (cache && p.fingerprint) {
          cache.set(p.entry.abs, entryKey(sha256(bytes), p.fingerprint), result);
          stored = true;
        }
      } else {
        // The findings describe a fixed text that is not on disk: report the refusal instead.
        result = skipped(p.entry.display, refusal).result;
      }
    } else if (cache && p.fingerprint && p.bytesHash && !p.fromCache && !p.error) {
      cache.set(p.entry.abs, entryKey(p.bytesHash, p.fingerprint), result, p.stamp);
      stored = true;
    }
    for (const failure of result.ruleFailures) {
      totals.ruleFailures++;
      if (failedRules.has(failure.ruleId)) continue;
      failedRules.add(failure.ruleId);
      progress.print(`规则 ${failure.ruleId} 在 ${result.file} 上运行出错，已跳过该规则（其他规则照常检查）：${failure.error}`);
    }
    const tally = tallyOf(result.findings);
    if (opts.quiet) result = { ...result, findings: result.findings.filter((f) => f.severity === 'error') };
    if (result.skipped !== undefined && opts.format !== 'stylish') progress.print(`${result.file}：${result.skipped}`);
    const printed = result;
    if (!formatter.body || printed.skipped !== undefined) {
      finish(printed, tally, p.fromCache === true, () => formatter.file(printed));
      return;
    }
    const body = formatter.body(printed);
    // A result with a failed rule is printed with a note on stderr the body would not bring back.
    if (cache && stored && !printed.ruleFailures.length) cache.setBody(p.entry.abs, body, tally);
    finish(printed, tally, p.fromCache === true, () => formatter.fileFromBody!(printed.file, body));
  };
  /** Counts a file into the totals and prints it. */
  const finish = (result: FormatResult, tally: Tally, fromCache: boolean, print: () => void) => {
    totals.files++;
    if (fromCache) totals.cached++;
    if (result.skipped !== undefined) totals.skipped++;
    else totals.linted++;
    totals.errors += tally[0];
    totals.warnings += tally[1];
    totals.information += tally[2];
    totals.hints += tally[3];
    totals.fixable += tally[4];
    // Results and progress may share one terminal: clear the progress line before results print.
    if (io.stdout.isTTY && !opts.output) progress.done();
    print();
    progress.update(totals.files, result.file);
  };
  const emit = async (p: Processed) => {
    record(p);
    await output.drained();
  };

  // Files read ahead of the one being emitted: enough to keep every worker's queue full while
  // one slow draft holds up the in-order output.
  const windowSize = Math.max(4, pool.capacity * 4);
  const inFlight: Promise<Processed>[] = [];
  try {
    formatter.begin();
    for await (const entry of walk(opts.paths, { cwd: io.cwd, extensions: opts.extensions ?? DEFAULT_EXTENSIONS, isCancelled: io.cancelled })) {
      if (io.cancelled()) throw new CancelledError();
      // An unchanged file the cache serves, with nothing ahead of it, is output at once: a cached
      // re-run spent a tenth of its time passing such files through promises.
      const checked = inFlight.length === 0 && entry.kind === 'file';
      const unchanged = checked ? unchangedHit(entry, configFor(entry.abs).fingerprint) : undefined;
      if (unchanged) {
        await emit(unchanged);
        continue;
      }
      const task = prepare(entry, checked);
      task.catch(() => {}); // observed when its turn comes
      inFlight.push(task);
      if (inFlight.length >= windowSize) await emit(await inFlight.shift()!);
    }
    while (inFlight.length) {
      if (io.cancelled()) throw new CancelledError();
      await emit(await inFlight.shift()!);
    }
    if (io.cancelled()) throw new CancelledError();
    totals.elapsedMs = Date.now() - started;
    progress.done();
    formatter.end(totals);
    await output.finish();
    cache?.save();
  } catch (err) {
    progress.done();
    output.abort();
    // On Ctrl-C do not wait for a worker stuck in native code (the dictionary load): the process exits.
    if (err instanceof CancelledError) void pool.close();
    else await pool.close();
    throw err;
  }
  await pool.close();

  if (totals.files === 0) {
    const exts = (opts.extensions ?? DEFAULT_EXTENSIONS).join('、');
    io.stderr.write(`没有找到要检查的文件（文件夹中只检查 ${exts} 文件，且不含 .opinionlintignore 忽略的文件；可用 --ext 调整扩展名）。\n`);
  }
  if (totals.errors > 0) return 1;
  if (opts.maxWarnings !== undefined && totals.warnings > opts.maxWarnings) {
    io.stderr.write(`警告有 ${totals.warnings} 个，超过了 --max-warnings 允许的 ${opts.maxWarnings} 个。\n`);
    return 1;
  }
  return 0;
}

/** The outcome of a file printed from its cached body: its findings are in the body. */
function bodyOutcome(file: string): Processed['outcome'] {
  return { result: { file, text: '', findings: [], ruleFailures: [] }, fixed: 0 };
}

function tallyOf(findings: readonly Finding[]): Tally {
  const tally: Tally = [0, 0, 0, 0, 0];
  for (const f of findings) {
    if (f.severity === 'error') tally[0]++;
    else if (f.severity === 'warning') tally[1]++;
    else if (f.severity === 'information') tally[2]++;
    else tally[3]++;
    if (f.fix) tally[4]++;
  }
  return tally;
}

function skipped(file: string, reason: string): FileLintOutcome {
  const result: FileLintResult = { file, text: '', findings: [], ruleFailures: [], skipped: reason };
  return { result, fixed: 0 };
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

function hashFile(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function statIfExists(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
