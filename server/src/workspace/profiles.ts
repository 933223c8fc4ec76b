// Profiles on disk: the shipped ones by name ('default', 'people-daily') or a file by path, read
// once (again when the file changes) and validated by the engine (engine/profile/load.ts). Never
// throws: a missing or malformed file yields a Chinese message naming the file and the bad key, and
// the default profile.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyConfigToProfile } from '../engine/config/load';
import type { LintConfig } from '../engine/config/types';
import { emptyProfile } from '../engine/profile/empty';
import { BUILTIN_PROFILES, parseProfileText } from '../engine/profile/load';
import type { Profile } from '../engine/profile/types';

export interface LoadedProfile {
  profile: Profile;
  /** Absolute path of the file the profile came from ('' for the empty fallback). */
  path: string;
  /** Chinese message when the requested profile could not be used (the default was used instead). */
  error?: string;
}

const cache = new Map<string, { mtimeMs: number; size: number; profile?: Profile; error?: string }>();
/** Shipped profiles are a few MB; a learned one for a large archive stays well under this. */
export const MAX_PROFILE_BYTES = 256 * 1024 * 1024;

let builtinDir: string | undefined;

/**
 * The folder holding the shipped profiles, from sources (vitest, tsx) or from the esbuild bundle.
 * Found once: every lint asks, and the search is a few file system calls.
 */
export function builtinProfileDir(): string {
  return (builtinDir ??= findBuiltinProfileDir());
}

function findBuiltinProfileDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'profiles'), path.join(dir, 'server', 'profiles')]) {
      if (existsSync(path.join(candidate, 'default.json'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '../../../profiles');
}

export function resolveProfilePath(spec: string, baseDir: string): string {
  if ((BUILTIN_PROFILES as readonly string[]).includes(spec)) return path.join(builtinProfileDir(), `${spec}.json`);
  return path.resolve(baseDir, spec);
}

/** A hash of the bytes of the profile file `spec` names (what cached results depend on), or undefined when unreadable. */
export function profileFileHash(spec: string, baseDir: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(resolveProfilePath(spec, baseDir))).digest('hex');
  } catch {
    return undefined;
  }
}

export function loadProfile(spec: string | undefined, baseDir: string = process.cwd()): LoadedProfile {
  const wanted = resolveProfilePath(spec || 'default', baseDir);
  const result = readCached(wanted);
  if (result.profile) return { profile: result.profile, path: wanted };
  const fallbackPath = resolveProfilePath('default', baseDir);
  const fallback = fallbackPath === wanted ? {} : readCached(fallbackPath);
  const message = `${result.error}已改用内置默认档案。`;
  if (fallback.profile) return { profile: fallback.profile, path: fallbackPath, error: message };
  return { profile: emptyProfile('empty'), path: '', error: `${result.error}内置默认档案也无法读取，已使用空档案。` };
}

function readCached(file: string): { profile?: Profile; error?: string } {
  let st;
  try {
    st = statSync(file);
  } catch {
    return { error: `找不到配置档案 ${file}。` };
  }
  // A directory or FIFO would throw or block the read; a huge file would exhaust memory.
  if (!st.isFile()) return { error: `配置档案 ${file} 不是普通文件。` };
  if (st.size > MAX_PROFILE_BYTES) return { error: `配置档案 ${file} 过大（${st.size} 字节，上限 ${MAX_PROFILE_BYTES} 字节）。` };
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { error: `无法读取配置档案 ${file}（${(err as NodeJS.ErrnoException).code ?? String(err)}）。` };
  }
  const entry = { mtimeMs: st.mtimeMs, size: st.size, ...parseProfileText(text, file) };
  cache.set(file, entry);
  return entry;
}

export function clearProfileCache(): void {
  cache.clear();
}

/** Profiles with a config's byline override applied, per loaded profile (a reloaded file is a new object). */
const configured = new WeakMap<Profile, Map<string, Profile>>();

/**
 * The profile a config names, with its byline override applied. A profile that cannot be loaded
 * falls back to the default and says why in `error`.
 */
export function loadConfiguredProfile(config: LintConfig): { profile: Profile; error?: string } {
  const loaded = loadProfile(config.profile);
  let byByline = configured.get(loaded.profile);
  if (!byByline) {
    byByline = new Map();
    configured.set(loaded.profile, byByline);
  }
  const key = JSON.stringify(config.byline ?? null);
  let profile = byByline.get(key);
  if (!profile) {
    profile = applyConfigToProfile(loaded.profile, config);
    byByline.set(key, profile);
  }
  return { profile, error: loaded.error };
}

export function profileForConfig(config: LintConfig): Profile {
  return loadConfiguredProfile(config).profile;
}
