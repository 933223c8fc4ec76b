// Lints every draft under a folder that is not open in the editor, reporting `n / total` progress,
// stopping promptly when cancelled, and publishing each file's diagnostics so they reach the
// Problems panel. Open documents keep the diagnostics of their live text.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { entryKey, sha256, type ResultCache } from '../workspace/cache';
import { DEFAULT_EXTENSIONS, walk } from '../workspace/walk';
import { lintDraft } from '../engine/lint';
import { parseDraft } from '../engine/parse/draft';
import { MARKDOWN_EXTENSIONS } from '../engine/run';
import type { Profile } from '../engine/profile/types';
import { computeLineStarts, positionAt } from '../engine/text/positions';
import type { Finding, Severity } from '../engine/types';
import { findingsToDiagnostics } from './diagnostics';
import type { LintEnvironment } from './environment';
import { readText } from '../workspace/read';

export interface FolderLintSummary {
  folder: string;
  /** Drafts found under the folder. */
  files: number;
  /** Drafts linted from disk (not open in the editor). */
  linted: number;
  /** Of those, drafts whose unchanged text reused the cached result. */
  cached: number;
  /** Drafts open in the editor: their live text is counted and their own diagnostics stand. */
  open: number;
  skipped: { file: string; reason: string }[];
  /** Files with at least one finding (open ones included, as are the counts below). */
  filesWithFindings: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  cancelled: boolean;
}

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
  /** Results keyed by text, configuration, profile and build; absent = no cache. */
  cache?: ResultCache;
  /** Identifies this build of the server in cache keys. */
  buildId: string;
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
  // Listing first (paths only) gives the total the progress needs; the texts are read one at a time.
  const files: { abs: string; display: string }[] = [];
  for await (const entry of walk([folder], { cwd: folder, extensions: DEFAULT_EXTENSIONS, isCancelled: host.isCancelled })) {
    if (entry.kind === 'skip') summary.skipped.push({ file: entry.display, reason: entry.reason });
    else files.push(entry);
  }
  summary.files = files.length;
  host.progress(0, files.length);

  for (const [index, file] of files.entries()) {
    if (host.isCancelled()) break;
    // Let cancellation and editor requests through between files.
    await new Promise((resolve) => setImmediate(resolve));
    const uri = pathToFileURL(file.abs).href;
    if (host.isOpen(uri)) {
      summary.open++;
      const findings = await host.openFindings(uri);
      if (findings) count(summary, findings);
    } else {
      const outcome = lintOne(file.abs, host.environmentForFile(file.abs), host);
      if ('skipped' in outcome) {
        summary.skipped.push({ file: file.display, reason: outcome.skipped });
        host.publish(uri, []);
      } else {
        summary.linted++;
        if (outcome.fromCache) summary.cached++;
        count(summary, outcome.findings);
        host.publish(uri, outcome.diagnostics);
      }
    }
    host.progress(index + 1, files.length);
  }
  // Files linted before a cancellation are valid entries too.
  host.cache?.save();
  summary.cancelled = host.isCancelled();
  if (summary.cancelled) host.log(`检查文件夹 ${folder} 已取消（已完成 ${summary.linted + summary.open} / ${summary.files} 个文件）。`);
  return summary;
}

type LintOutcome = { skipped: string } | { findings: readonly Finding[]; diagnostics: Diagnostic[]; fromCache: boolean };

/**
 * The diagnostics of a draft's saved text, as the folder lint reports them: what a file the folder
 * lint covered shows again once the editor closes it (the live text's diagnostics go with it).
 */
export function lintSavedFile(filePath: string, environment: LintEnvironment, ruleFailure: FolderLintHost['ruleFailure']): Diagnostic[] {
  const outcome = lintOne(filePath, environment, { buildId: '', ruleFailure });
  return 'skipped' in outcome ? [] : outcome.diagnostics;
}

function lintOne(filePath: string, environment: LintEnvironment, host: Pick<FolderLintHost, 'cache' | 'buildId' | 'ruleFailure'>): LintOutcome {
  const decoded = readText(filePath, environment.config.maxFileSize);
  if (!decoded.ok) return { skipped: decoded.reason };
  const uri = pathToFileURL(filePath).href;
  const key = host.cache ? entryKey(sha256(decoded.text), fingerprint(environment, host.buildId)) : '';
  const hit = host.cache?.get(filePath, key);
  if (hit) {
    if (hit.skipped) return { skipped: hit.skipped };
    const lineStarts = computeLineStarts(decoded.text);
    return { findings: hit.findings, diagnostics: findingsToDiagnostics({ positionAt: (offset) => positionAt(lineStarts, offset) }, uri, hit.findings), fromCache: true };
  }
  const draft = parseDraft(decoded.text, { markdown: MARKDOWN_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) });
  const result = lintDraft(draft, environment.profile, environment.config);
  for (const failure of result.ruleFailures) host.ruleFailure(failure.ruleId, failure.error);
  // A result with a failed rule is incomplete: it is not cached.
  if (!result.ruleFailures.length) {
    host.cache?.set(filePath, key, { file: filePath, text: decoded.text, findings: result.findings, ruleFailures: [], ...(result.skippedReason ? { skipped: result.skippedReason } : {}) });
  }
  if (result.skippedReason) return { skipped: result.skippedReason };
  return { findings: result.findings, diagnostics: findingsToDiagnostics(draft, uri, result.findings), fromCache: false };
}

const profileHashes = new WeakMap<Profile, string>();

/** What a cached result depends on besides the text: the effective config, the profile and the build. */
function fingerprint(environment: LintEnvironment, buildId: string): string {
  let profileHash = profileHashes.get(environment.profile);
  if (!profileHash) {
    profileHash = sha256(JSON.stringify(environment.profile));
    profileHashes.set(environment.profile, profileHash);
  }
  return sha256(`${buildId}\n${JSON.stringify(environment.config)}\n${profileHash}`);
}

function count(summary: FolderLintSummary, findings: readonly Finding[]): void {
  if (findings.length) summary.filesWithFindings++;
  for (const f of findings) {
    summary.bySeverity[f.severity]++;
    summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
  }
}
