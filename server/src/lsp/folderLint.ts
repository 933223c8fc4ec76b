// Lint Folder in the editor: every draft under a folder that is not open in the editor, through the
// workspace's folder-lint stream (the CLI's, with the same cache key), reporting `n / total`
// progress, stopping promptly when cancelled, and publishing each file's diagnostics so they reach
// the Problems panel. Open documents keep the diagnostics of their live text. The folder report
// (report.ts) reads the same cache, so it does not lint again what Lint Folder just linted.

import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { computeLineStarts, positionAt } from '../engine/text/positions';
import type { Finding } from '../engine/types';
import type { FolderLintSummary } from '../protocol';
import { ResultCache, sha256 } from '../workspace/cache';
import { CancelledError } from '../workspace/cancel';
import { lintFiles, resultFingerprint, type FileSettings, type LintedResult } from '../workspace/lint-files';
import { LintPool } from '../workspace/lint-pool';
import { profileFileHash } from '../workspace/profiles';
import { DEFAULT_EXTENSIONS, walk, type WalkEntry } from '../workspace/walk';
import { findingsToDiagnostics } from './diagnostics';
import type { LintEnvironment } from './environment';

export interface FolderLintHost {
  environmentForFile(filePath: string): LintEnvironment;
  isOpen(uri: string): boolean;
  /** The findings of an open document's live text (undefined when it is not linted). */
  openFindings(uri: string): Promise<readonly Finding[] | undefined>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** `done` of `total` files; called after each file. */
  progress(done: number, total: number): void;
  isCancelled(): boolean;
  log(message: string): void;
  ruleFailure(ruleId: string, error: string): void;
  /** Where folder caches live (the editor's storage for this extension); undefined = no cache. */
  cacheDirectory?: string;
  /** Follow symlinks out of the folder (the setting opinionLint.followSymlinks); off: they are listed as skipped. */
  followSymlinks?: boolean;
}

export async function lintFolder(folder: string, host: FolderLintHost): Promise<FolderLintSummary> {
  const summary: FolderLintSummary = {
    folder,
    files: 0,
    linted: 0,
    cached: 0,
    open: 0,
    skipped: [],
    filesWithFindings: 0,
    bySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
    byRule: {},
    cancelled: false,
  };
  // Listing first (paths only) gives the total the progress needs; the texts are read as they are linted.
  const entries: WalkEntry[] = [];
  for await (const entry of walk([folder], { cwd: folder, extensions: DEFAULT_EXTENSIONS, followSymlinks: host.followSymlinks, isCancelled: host.isCancelled })) {
    if (entry.kind === 'skip') summary.skipped.push({ file: entry.display, reason: entry.reason });
    else entries.push(entry);
  }
  summary.files = entries.length;
  host.progress(0, entries.length);

  const cache = host.cacheDirectory ? openFolderCache(host.cacheDirectory, folder) : undefined;
  const files = lintFiles(entries, {
    settingsFor: folderSettings(host.environmentForFile),
    pool: LintPool.create(0),
    cache,
    lean: true,
    exclude: (abs) => host.isOpen(pathToFileURL(abs).href),
    isCancelled: host.isCancelled,
  });
  let done = 0;
  try {
    for await (const file of files) {
      const uri = pathToFileURL(file.entry.abs).href;
      if (file.kind === 'excluded') {
        summary.open++;
        const findings = await host.openFindings(uri);
        if (findings) count(summary, findings);
      } else if (file.result.skipped !== undefined) {
        summary.skipped.push({ file: file.entry.display, reason: file.result.skipped });
        host.publish(uri, []);
      } else {
        for (const failure of file.result.ruleFailures) host.ruleFailure(failure.ruleId, failure.error);
        summary.linted++;
        if (file.fromCache) summary.cached++;
        count(summary, file.result.findings);
        host.publish(uri, diagnosticsOf(uri, file.result));
      }
      host.progress(++done, entries.length);
    }
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
  }
  // Files linted before a cancellation are valid entries too.
  cache?.save();
  summary.cancelled = host.isCancelled();
  if (summary.cancelled) host.log(`检查文件夹 ${folder} 已取消（已完成 ${summary.linted + summary.open} / ${summary.files} 个文件）。`);
  return summary;
}

/**
 * The diagnostics of a draft's saved text, as the folder lint reports them: what a file the folder
 * lint covered shows again once the editor closes it (the live text's diagnostics go with it).
 */
export async function lintSavedFile(filePath: string, environment: LintEnvironment, ruleFailure: FolderLintHost['ruleFailure']): Promise<Diagnostic[]> {
  const entry: WalkEntry = { kind: 'file', abs: filePath, display: filePath };
  const settings = { config: environment.config, fingerprint: '', profile: environment.profile };
  for await (const file of lintFiles([entry], { settingsFor: () => settings, pool: LintPool.create(0) })) {
    if (file.kind !== 'linted' || file.result.skipped !== undefined) return [];
    for (const failure of file.result.ruleFailures) ruleFailure(failure.ruleId, failure.error);
    return diagnosticsOf(pathToFileURL(filePath).href, file.result);
  }
  return [];
}

/** This server build, from the bundle's bytes: a rebuilt server never reuses an older build's results. */
const BUILD_ID = sha256(readFileSync(__filename)).slice(0, 16);

/** One cache file per folder, in the editor's storage rather than the user's workspace. */
export function openFolderCache(cacheDirectory: string, folder: string): ResultCache {
  mkdirSync(cacheDirectory, { recursive: true });
  return ResultCache.open(path.join(cacheDirectory, `folder-lint-${sha256(folder).slice(0, 16)}.json`), BUILD_ID);
}

/**
 * Each file's environment as the editor resolves it (settings over `.opinionlintrc.json`), keyed for
 * the cache as the CLI keys it: the effective config, the bytes of the profile file and the build.
 */
export function folderSettings(environmentForFile: (filePath: string) => LintEnvironment): (abs: string) => FileSettings {
  const profileHashes = new Map<string, string>();
  const fingerprints = new Map<string, string>();
  return (abs) => {
    const { config, profile } = environmentForFile(abs);
    const configKey = JSON.stringify(config);
    let fingerprint = fingerprints.get(configKey);
    if (!fingerprint) {
      let profileHash = profileHashes.get(config.profile);
      if (!profileHash) profileHashes.set(config.profile, (profileHash = profileFileHash(config.profile || 'default', path.dirname(abs)) ?? 'unreadable'));
      fingerprints.set(configKey, (fingerprint = resultFingerprint(BUILD_ID, config, profileHash)));
    }
    return { config, profile, fingerprint };
  };
}

function diagnosticsOf(uri: string, result: LintedResult): Diagnostic[] {
  const lineStarts = result.located?.lineStarts ?? computeLineStarts(result.text);
  return findingsToDiagnostics({ positionAt: (offset) => positionAt(lineStarts, offset) }, uri, result.findings);
}

function count(summary: FolderLintSummary, findings: readonly Finding[]): void {
  if (findings.length) summary.filesWithFindings++;
  for (const f of findings) {
    summary.bySeverity[f.severity]++;
    summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
  }
}
