// The formatter interface: a formatter receives the run's results one file at a time, in order,
// and writes as it goes, so neither the folder nor the report is ever held whole in memory.

import type { Profile } from '../../engine/profile/types';
import type { FileLintResult } from '../../engine/results';
import type { Rule } from '../../engine/rules/rule';

export interface OutputSink {
  write(chunk: string): void;
}

export interface LintTotals {
  /** Files seen (linted + skipped). */
  files: number;
  linted: number;
  skipped: number;
  /** Files whose results came from the --cache. */
  cached: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Findings that carry a fix (after --fix: those that remain). */
  fixable: number;
  /** Fixes applied by --fix. */
  fixed: number;
  /** Files rewritten by --fix. */
  filesFixed: number;
  ruleFailures: number;
  elapsedMs: number;
}

export interface FormatContext {
  cwd: string;
  rules: readonly Rule<any>[];
  toolName: string;
  toolVersion: string;
  /** Only errors are passed to `file` (--quiet). */
  quiet: boolean;
  /** ANSI colours allowed (the output is a terminal). */
  color: boolean;
  /** The run's profile (the one --profile or the working directory's config names); loaded on first call. */
  profile(): Profile;
}

export interface Formatter {
  begin(): void;
  /** One file, in the order the files were given/found. Skipped files carry `skipped`. */
  file(result: FileLintResult): void;
  end(totals: LintTotals): void;
}

export interface FormatDefinition {
  name: string;
  /** Chinese one-liner for --help. */
  description: string;
  create(out: OutputSink, context: FormatContext): Formatter;
}
