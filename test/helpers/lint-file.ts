// Lints one file on disk with the config found above it, from the workspace's and the engine's
// parts (read, decode, config, profile, lint): what the tests of single files need. The product
// lints files through the folder-lint stream (workspace/lint-files.ts).

import type { ConfigError } from '../../server/src/engine/config/load';
import type { LintConfig } from '../../server/src/engine/config/types';
import { lintDecodedText, type FileLintOutcome, type LintTextOptions } from '../../server/src/engine/run';
import { loadConfigForFile } from '../../server/src/workspace/config';
import { profileForConfig } from '../../server/src/workspace/profiles';
import { readText } from '../../server/src/workspace/read';

/** Reads, decodes and lints one file; `config` defaults to the one found above the file. */
export function lintFile(filePath: string, options: LintTextOptions & { config?: LintConfig; displayPath?: string } = {}): FileLintOutcome & { configErrors: ConfigError[] } {
  const loaded = options.config ? { config: options.config, errors: [] } : loadConfigForFile(filePath);
  const display = options.displayPath ?? filePath;
  const decoded = readText(filePath, loaded.config.maxFileSize);
  if (!decoded.ok) return { result: { file: display, text: '', findings: [], ruleFailures: [], skipped: decoded.reason }, fixed: 0, configErrors: loaded.errors };
  return { ...lintDecodedText(decoded.text, display, loaded.config, profileForConfig(loaded.config), { ...options, encoding: decoded.encoding }), configErrors: loaded.errors };
}
