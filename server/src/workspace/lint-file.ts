// Lints one file on disk with the config found above it: what a caller with a path and nothing
// else needs (the folder lint streams many files, see the CLI's lint command).

import type { ConfigError } from '../engine/config/load';
import type { LintConfig } from '../engine/config/types';
import { lintDecodedText, skippedOutcome, type FileLintOutcome, type LintTextOptions } from '../engine/run';
import { loadConfigForFile } from './config';
import { profileForConfig } from './profiles';
import { readText } from './read';

/** Reads, decodes and lints one file; `config` defaults to the one found above the file. */
export function lintFile(filePath: string, options: LintTextOptions & { config?: LintConfig; displayPath?: string } = {}): FileLintOutcome & { configErrors: ConfigError[] } {
  const loaded = options.config ? { config: options.config, errors: [] } : loadConfigForFile(filePath);
  const display = options.displayPath ?? filePath;
  const decoded = readText(filePath, loaded.config.maxFileSize);
  if (!decoded.ok) return { ...skippedOutcome(display, decoded.reason), configErrors: loaded.errors };
  return { ...lintDecodedText(decoded.text, display, loaded.config, profileForConfig(loaded.config), { ...options, encoding: decoded.encoding }), configErrors: loaded.errors };
}
