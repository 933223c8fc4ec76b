// `opinion-lint lint <paths…>`: checks the options and the configs, then prints the folder-lint
// stream's results (workspace/lint-files.ts) in order through the chosen format, and decides the
// exit code.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { mergeConfig, parseRuleFlag, type ConfigError, type ConfigLayer } from '../engine/config/load';
import type { LintConfig } from '../engine/config/types';
import { RULES } from '../engine/rules';
import { loadSegmenterInBackground } from '../engine/text/segmenter';
import type { Finding } from '../engine/types';
import { DEFAULT_CACHE_FILE, ResultCache, type Tally } from '../workspace/cache';
import { CancelledError } from '../workspace/cancel';
import { ConfigCache, isFile, resolveProfileSpec } from '../workspace/config';
import { lintFiles, resultFingerprint, type FileSettings, type LintedFile, type LintedResult } from '../workspace/lint-files';
import { LintPool } from '../workspace/lint-pool';
import { defaultWorkers } from '../workspace/pool-size';
import { loadConfiguredProfile, profileFileHash, profileForConfig } from '../workspace/profiles';
import { DEFAULT_EXTENSIONS, walk } from '../workspace/walk';
import { UsageError } from './args';
import { FORMATS, getFormat, type FormatContext, type FormatDefinition, type Formatter, type LintTotals } from './formats';
import { fileOutput, stdoutOutput, type RunOutput } from './output';
import { Progress } from './progress';

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
  /** Follow symlinks out of the folders being linted (--follow-symlinks). */
  followSymlinks?: boolean;
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

/** Runs the lint command; returns the exit code. Throws UsageError / ConfigFailure for exit 2. */
export async function runLint(opts: LintCommandOptions, io: CliIO): Promise<number> {
  const started = Date.now();
  const format = checkOptions(opts, io);
  // Without a cache every file is linted: jieba's dictionary builds off this thread while the configs
  // and the profile load (with one, the first file the cache misses starts it: see lint-pool.ts).
  if (!opts.cache) loadSegmenterInBackground().catch(() => {}); // a failure is thrown again where segmenting needs it
  const cache = opts.cache ? ResultCache.open(path.resolve(io.cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE), io.buildId) : undefined;
  const settingsFor = fileSettings(opts, io, cache);
  // A broken config is reported before any output is written.
  for (const p of opts.paths) {
    const abs = path.resolve(io.cwd, p);
    settingsFor(isFile(abs) ? abs : path.join(abs, '_'));
  }

  const pool = LintPool.create(opts.jobs ?? defaultWorkers());
  io.onCancel(() => void pool.close());
  const output: RunOutput = opts.output ? fileOutput(path.resolve(io.cwd, opts.output)) : stdoutOutput(io.stdout);
  const printer = new Printer(opts, io, format, output, () => profileForConfig(settingsFor(path.join(io.cwd, '_')).config));
  // A format that prints each file on its own gets the cache to keep what it printed, for this
  // format and these options (--fix reads the findings themselves).
  if (printer.keepsBodies && !opts.fix) cache?.useBodies(`${format.name}${opts.quiet ? ' --quiet' : ''}${printer.color ? ' color' : ''}`);

  const extensions = opts.extensions ?? DEFAULT_EXTENSIONS;
  try {
    printer.begin();
    const files = lintFiles(walk(opts.paths, { cwd: io.cwd, extensions, followSymlinks: opts.followSymlinks, isCancelled: io.cancelled }), {
      settingsFor,
      pool,
      cache,
      fix: opts.fix,
      lean: !format.readsText,
      isCancelled: io.cancelled,
    });
    for await (const file of files) {
      printer.file(file, cache);
      await output.drained();
    }
    if (io.cancelled()) throw new CancelledError();
    printer.end(Date.now() - started);
    await output.finish();
    cache?.save();
  } catch (err) {
    printer.abort();
    output.abort();
    // On Ctrl-C do not wait for a worker stuck in native code (the dictionary load): the process exits.
    if (err instanceof CancelledError) void pool.close();
    else await pool.close();
    throw err;
  }
  await pool.close();
  return exitCode(printer.totals, opts, io, extensions);
}

/** The format to print with, once the options and paths are checked (UsageError otherwise). */
function checkOptions(opts: LintCommandOptions, io: CliIO): FormatDefinition {
  const format = getFormat(opts.format);
  if (!format) throw new UsageError(`未知的输出格式 “${opts.format}”。可用：${FORMATS.map((f) => f.name).join('、')}。`);
  if (opts.paths.length === 0) throw new UsageError('请给出要检查的文件或文件夹，例如：opinion-lint lint examples');
  for (const p of opts.paths) {
    if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`找不到路径 “${p}”。`);
  }
  if (opts.output && !existsSync(path.dirname(path.resolve(io.cwd, opts.output)))) {
    throw new UsageError(`输出文件 ${opts.output} 所在的文件夹不存在。`);
  }
  if (opts.config && !isFile(path.resolve(io.cwd, opts.config))) throw new UsageError(`找不到配置文件 ${opts.config}（--config）。`);
  return format;
}

/**
 * Each file's effective config (the nearest `.opinionlintrc.json` or --config, then --rule and
 * --profile) and its cache fingerprint, worked out once per config file. The profile a config names
 * must load (checked once per run: a broken profile is a config error before any file is linted),
 * unless the cache knows this build loaded that very file before: a re-run served from the cache
 * never needs to parse it (the workers load it when they lint).
 */
function fileSettings(opts: LintCommandOptions, io: CliIO, cache: ResultCache | undefined): (abs: string) => FileSettings {
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
  const profileHashes = new Map<string, string>();
  const profileHash = (config: LintConfig, configFile: string | undefined): string => {
    const key = config.profile || 'default';
    let hit = profileHashes.get(key);
    if (!hit) {
      const before = cache ? profileFileHash(key, io.cwd) : undefined;
      if (!before || !cache!.knowsProfile(before)) {
        const { error } = loadConfiguredProfile(config);
        if (error) {
          const where = configFile ? `（配置文件 ${configFile} 的 “profile”）` : '';
          throw new ConfigFailure([{ file: configFile ?? config.profile, key: 'profile', message: `无法使用文风档案 ${config.profile}${where}：${error.replace(/已改用内置默认档案。$/, '')}` }]);
        }
        // Remembered only when the file did not change while it was being loaded.
        if (before && profileFileHash(key, io.cwd) === before) cache!.rememberProfile(before);
      }
      hit = before ?? 'no-cache';
      profileHashes.set(key, hit);
    }
    return hit;
  };
  // A config found in a folder being linted may name a profile anywhere inside that folder.
  const roots = opts.paths.map((p) => path.resolve(io.cwd, p)).filter((p) => !isFile(p));
  const configs = new ConfigCache(opts.config ? path.resolve(io.cwd, opts.config) : undefined, roots);
  const byConfigFile = new Map<string, FileSettings>();
  return (abs) => {
    const loaded = configs.forFile(abs);
    if (loaded.errors.length) throw new ConfigFailure(loaded.errors);
    const key = loaded.file ?? '';
    let hit = byConfigFile.get(key);
    if (!hit) {
      const config = mergeConfig(loaded.config, overrides);
      hit = { config, fingerprint: resultFingerprint(io.buildId, config, profileHash(config, loaded.file)) };
      byConfigFile.set(key, hit);
    }
    return hit;
  };
}

/** Prints each file's result through the format, counts it into the totals, shows progress. */
class Printer {
  readonly totals: LintTotals = { files: 0, linted: 0, skipped: 0, cached: 0, errors: 0, warnings: 0, information: 0, hints: 0, fixable: 0, fixed: 0, filesFixed: 0, ruleFailures: 0, elapsedMs: 0 };
  readonly color: boolean;
  private readonly formatter: Formatter;
  private readonly progress: Progress;
  private readonly failedRules = new Set<string>();

  constructor(
    private readonly opts: LintCommandOptions,
    private readonly io: CliIO,
    format: FormatDefinition,
    output: RunOutput,
    profile: () => ReturnType<FormatContext['profile']>,
  ) {
    this.color = !opts.output && Boolean(io.stdout.isTTY) && !process.env.NO_COLOR;
    const context: FormatContext = { cwd: io.cwd, rules: RULES, toolName: 'opinion-lint', toolVersion: io.toolVersion, quiet: opts.quiet, color: this.color, profile };
    this.formatter = format.create(output, context);
    this.progress = new Progress(io.stderr);
  }

  /** The format prints each file on its own: the cache may keep what it printed. */
  get keepsBodies(): boolean {
    return !!this.formatter.body && !!this.formatter.fileFromBody;
  }

  begin(): void {
    this.formatter.begin();
  }

  file(file: LintedFile, cache: ResultCache | undefined): void {
    if (file.kind !== 'linted') return;
    const { formatter } = this;
    if (file.body) {
      const { body, tally } = file.body;
      this.count(file.result, tally, true, () => formatter.fileFromBody!(file.entry.display, body));
      return;
    }
    let { result } = file;
    if (file.fixed) {
      this.totals.fixed += file.fixed;
      this.totals.filesFixed++;
    }
    for (const failure of result.ruleFailures) {
      this.totals.ruleFailures++;
      if (this.failedRules.has(failure.ruleId)) continue;
      this.failedRules.add(failure.ruleId);
      this.progress.print(`规则 ${failure.ruleId} 在 ${result.file} 上运行出错，已跳过该规则（其他规则照常检查）：${failure.error}`);
    }
    const tally = tallyOf(result.findings);
    if (this.opts.quiet) result = { ...result, findings: result.findings.filter((f) => f.severity === 'error') };
    if (result.skipped !== undefined && this.opts.format !== 'stylish') this.progress.print(`${result.file}：${result.skipped}`);
    const printed = result;
    if (!formatter.body || printed.skipped !== undefined) {
      this.count(printed, tally, file.fromCache, () => formatter.file(printed));
      return;
    }
    const body = formatter.body(printed);
    // A result with a failed rule is printed with a note on stderr the body would not bring back.
    if (cache && file.stored && !printed.ruleFailures.length) cache.setBody(file.entry.abs, body, tally);
    this.count(printed, tally, file.fromCache, () => formatter.fileFromBody!(printed.file, body));
  }

  end(elapsedMs: number): void {
    this.totals.elapsedMs = elapsedMs;
    this.progress.done();
    this.formatter.end(this.totals);
  }

  abort(): void {
    this.progress.done();
  }

  /** Counts a file into the totals and prints it. */
  private count(result: LintedResult, tally: Tally, fromCache: boolean, print: () => void): void {
    const { totals } = this;
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
    if (this.io.stdout.isTTY && !this.opts.output) this.progress.done();
    print();
    this.progress.update(totals.files, result.file);
  }
}

function exitCode(totals: LintTotals, opts: LintCommandOptions, io: CliIO, extensions: readonly string[]): number {
  if (totals.files === 0) {
    io.stderr.write(`没有找到要检查的文件（文件夹中只检查 ${extensions.join('、')} 文件，且不含 .opinionlintignore 忽略的文件；可用 --ext 调整扩展名）。\n`);
  }
  if (totals.errors > 0) return 1;
  if (opts.maxWarnings !== undefined && totals.warnings > opts.maxWarnings) {
    io.stderr.write(`警告有 ${totals.warnings} 个，超过了 --max-warnings 允许的 ${opts.maxWarnings} 个。\n`);
    return 1;
  }
  return 0;
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
