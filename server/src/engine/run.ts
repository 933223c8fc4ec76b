// Linting a file's contents end to end: bytes → decoded text → parse → rules (with a config and a
// profile the caller loaded) → FileLintResult. The folder lint (workspace/lint-files.ts) and its
// workers come through here.

import path from 'node:path';
import type { LintConfig } from './config/types';
import { fixUntilStable } from './fix';
import { lintDraft, type LintResult } from './lint';
import { parseDraft, type ParsedDraft } from './parse/draft';
import type { Profile } from './profile/types';
import type { FileLintResult } from './results';
import { summarizeDraft } from './summary';
import { decodeBuffer, type TextEncoding } from './text/decode';

export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown'];
export const DEFAULT_MAX_FIX_PASSES = 10;

export interface LintTextOptions {
  /** Apply safe fixes (re-linting up to `maxFixPasses` times). */
  fix?: boolean;
  maxFixPasses?: number;
  encoding?: TextEncoding;
  /** Leave out the draft summary (only the folder report reads it). */
  noSummary?: boolean;
}

export interface FileLintOutcome {
  result: FileLintResult;
  /** The fixed text, when `fix` changed something. */
  fixedText?: string;
  /** Fixes applied. */
  fixed: number;
}

/** Decodes bytes already read (the CLI reads them once to hash them for its cache) and lints them. */
export function lintBytes(bytes: Uint8Array, displayPath: string, config: LintConfig, profile: Profile, options: LintTextOptions = {}): FileLintOutcome {
  if (bytes.byteLength > config.maxFileSize) {
    return skippedOutcome(displayPath, `文件过大（${bytes.byteLength} 字节，上限 ${config.maxFileSize} 字节），已跳过。可在 .opinionlintrc.json 中调整 maxFileSize。`);
  }
  const decoded = decodeBuffer(bytes);
  if (!decoded.ok) return skippedOutcome(displayPath, decoded.reason);
  return lintDecodedText(decoded.text, displayPath, config, profile, { ...options, encoding: decoded.encoding });
}

export function lintDecodedText(text: string, displayPath: string, config: LintConfig, profile: Profile, options: LintTextOptions = {}): FileLintOutcome {
  const markdown = MARKDOWN_EXTENSIONS.includes(path.extname(displayPath).toLowerCase());
  const lint = (t: string): LintResult & { text: string; doc: ParsedDraft } => {
    const doc = parseDraft(t, { markdown });
    return { ...lintDraft(doc, profile, config), text: t, doc };
  };

  let outcome: LintResult & { text: string; doc: ParsedDraft };
  let fixed = 0;
  if (options.fix) {
    const loop = fixUntilStable(text, lint, options.maxFixPasses ?? DEFAULT_MAX_FIX_PASSES);
    outcome = loop.result;
    fixed = loop.fixed;
  } else {
    outcome = lint(text);
  }
  const result: FileLintResult = {
    file: displayPath,
    text: outcome.text,
    encoding: options.encoding,
    findings: outcome.findings,
    ruleFailures: outcome.ruleFailures,
    ...(outcome.skippedReason ? { skipped: outcome.skippedReason } : options.noSummary ? {} : { summary: summarizeDraft(outcome.doc, outcome.findings, profile) }),
  };
  return { result, fixed, ...(fixed > 0 && outcome.text !== text ? { fixedText: outcome.text } : {}) };
}

function skippedOutcome(file: string, reason: string): FileLintOutcome {
  return { result: { file, text: '', findings: [], ruleFailures: [], skipped: reason }, fixed: 0 };
}
