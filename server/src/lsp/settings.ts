// The `opinionLint.*` editor settings, as sent by workspace/configuration. Anything missing or
// mistyped falls back to its default: editor settings come from many clients, not all of them typed.

import { DEFAULT_MAX_FILE_SIZE } from '../engine/config/types';
import type { Severity } from '../engine/types';

export type RuleSeverity = Severity | 'off';

export interface EditorSettings {
  enable: boolean;
  /** Language ids the server lints. */
  languages: string[];
  /** Built-in profile name or a profile file path; '' = as `.opinionlintrc.json` (or the default) says. */
  profile: string;
  /** Rule id → severity, applied over `.opinionlintrc.json`. */
  rules: Record<string, RuleSeverity>;
  maxFileSize: number;
  /** Lint Folder follows symlinks out of the folder (off: they are listed as skipped). */
  followSymlinks: boolean;
}

/** `text` is the language id Neovim and Helix send for plain text files. */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'opinion-draft', 'text'];

export function defaultSettings(): EditorSettings {
  return { enable: true, languages: [...DEFAULT_LANGUAGES], profile: '', rules: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE, followSymlinks: false };
}

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

export function normalizeSettings(raw: unknown): EditorSettings {
  const out = defaultSettings();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  if (Array.isArray(r.languages)) out.languages = r.languages.filter((l): l is string => typeof l === 'string');
  if (typeof r.profile === 'string') out.profile = r.profile.trim();
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, severity] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) out.rules[id] = severity as RuleSeverity;
    }
  }
  if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) out.maxFileSize = r.maxFileSize;
  if (typeof r.followSymlinks === 'boolean') out.followSymlinks = r.followSymlinks;
  return out;
}
