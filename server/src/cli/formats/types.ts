// The formatter interface: a formatter receives the run's results one file at a time, in order,
// and writes as it goes, so neither the folder nor the report is ever held whole in memory.

import type { Profile } from '../../engine/profile/types';
import type { FileLintResult } from '../../engine/results';
import type { Rule } from '../../engine/rules/rule';
import type { LocatedText } from '../../workspace/cache';

export interface OutputSink {
  /** Text, or bytes already encoded as UTF-8 (a file's output taken back from the cache). */
  write(chunk: string | Uint8Array): void;
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

export type FormatResult = FileLintResult & { located?: LocatedText };

export interface Formatter {
  begin(): void;
  /** One file, in the order the files were given/found. Skipped files carry `skipped`. */
  file(result: FormatResult): void;
  end(totals: LintTotals): void;
  /**
   * Formats that print each file on its own: the part of a file's output that depends on its
   * findings alone (not on its path or its place in the run). The cache keeps it, so that an
   * unchanged file is printed with `fileFromBody` and no findings are unpacked or formatted.
   */
  body?(result: FormatResult): string;
  /** Prints a file (not a skipped one) from its path and its body, as `file` would. */
  fileFromBody?(file: string, body: string | Uint8Array): void;
}

export interface FormatDefinition {
  name: string;
  /** Chinese one-liner for --help. */
  description: string;
  /**
   * Reads `text` beyond the spans findings point at (the folder report shows whole drafts).
   * Formats that do not get cached results without their text decoded, or even read.
   */
  readsText?: boolean;
  create(out: OutputSink, context: FormatContext): Formatter;
}
