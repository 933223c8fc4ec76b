// The effective configuration for one file, after `.opinionlintrc.json` files and editor settings
// were merged. Loading and validation live in config/load.ts.

import type { Severity } from '../types';

export type RuleSetting = { severity: Severity | 'off'; options: Record<string, unknown> };

export interface BylineOverride {
  marker?: string;
  position?: 'after-headline' | 'end' | 'none';
  separator?: string;
}

export interface LintConfig {
  /** Built-in profile name ('default', 'people-daily') or an absolute path to a profile JSON. */
  profile: string;
  /** Only rules named here differ from their defaults. */
  rules: Record<string, Partial<RuleSetting>>;
  allowPhrases: string[];
  byline?: BylineOverride;
  /** Files larger than this are skipped with a message (bytes). */
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export function defaultConfig(): LintConfig {
  return { profile: 'default', rules: {}, allowPhrases: [], maxFileSize: DEFAULT_MAX_FILE_SIZE };
}
