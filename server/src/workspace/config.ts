// `.opinionlintrc.json` on disk: found from a file upwards (the nearest wins), read within a size
// limit and validated by the engine (engine/config/load.ts), with profile paths checked to exist.
//
// A config found in a workspace is untrusted input, as the drafts beside it are: its `profile`
// path must lead (after links are resolved) into the folder holding the config, or into a folder
// being linted or a workspace folder; the config itself must not be a link out of its folder.
// Anything else is refused before the file is opened. A config the user names (--config) is theirs,
// and its paths are free, as are --profile and the editor's user settings.

import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_FILE_NAME,
  MAX_CONFIG_BYTES,
  mergeConfig,
  parseConfigText as parseConfig,
  resolveProfileSpec as resolveSpec,
  type ConfigError,
  type ConfigLayer,
  type LoadedConfig,
  type ProfilePathCheck,
} from '../engine/config/load';
import { defaultConfig } from '../engine/config/types';
import { readSettingsFile } from './read';
import { isWithin } from './walk';

/** Who wrote a config, and so where its `profile` path may lead. */
export interface ConfigScope {
  /** Named by the user (--config): its profile path may lead anywhere. */
  byUser?: boolean;
  /** Folders besides the config's own that a workspace config's profile may lie in: the folders being linted, the workspace folders. */
  roots?: readonly string[];
  /** Restricted Mode: profile paths are taken as written and never looked at (the server drops them). */
  ignoreProfilePaths?: boolean;
}

export function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A profile path the user gave: it must name a file. */
const existingFile: ProfilePathCheck = (abs) =>
  isFile(abs) ? undefined : `文风档案文件 ${abs} 不存在。请检查路径（相对于配置文件所在目录），或用 opinion-lint learn 生成档案。`;

/**
 * A workspace config's profile path: judged by its text first (a path out of the allowed folders
 * is refused without touching the disk), then by its real path (a link out is refused unread).
 */
function containedProfile(configFile: string, roots: readonly string[]): ProfilePathCheck {
  const configDir = path.dirname(path.resolve(configFile));
  const folders = [configDir, ...roots.map((r) => path.resolve(r))];
  const refused = (abs: string, how: string) =>
    `档案文件 ${abs} ${how}配置文件所在的文件夹${roots.length ? '（及所检查的文件夹）' : ''}之外，出于安全考虑没有读取。` +
    '工作区中的配置只能使用其所在文件夹内的档案；别处的档案请用命令行的 --profile 或用户设置 opinionLint.profile 指定。';
  return (abs) => {
    // By the path as written: inside a folder as named or as it really is (macOS's /tmp is a link).
    if (!folders.some((f) => isWithin(abs, f) || isWithin(abs, realPath(f)))) return refused(abs, '在');
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return existingFile(abs);
    }
    if (!folders.some((f) => isWithin(real, realPath(f)))) return refused(abs, '是符号链接，指向');
    return isFile(real) ? undefined : `文风档案 ${abs} 不是普通文件。`;
  };
}

function profileCheck(file: string, scope: ConfigScope): ProfilePathCheck {
  if (scope.byUser) return existingFile;
  if (scope.ignoreProfilePaths) return () => undefined;
  return containedProfile(file, scope.roots ?? []);
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Validates config text found in a workspace (`scope` says otherwise); a relative profile path is relative to `file`'s folder. */
export function parseConfigText(text: string, file: string, scope: ConfigScope = {}): { layer: ConfigLayer; errors: ConfigError[] } {
  return parseConfig(text, file, profileCheck(file, scope));
}

/** A built-in profile name, or a path the user gave (relative to `baseDir`) that must name a profile file, made absolute. */
export function resolveProfileSpec(spec: string, baseDir: string): ReturnType<typeof resolveSpec> {
  return resolveSpec(spec, baseDir, existingFile);
}

/** The nearest `.opinionlintrc.json` at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and validates one config file. `profile` in the result is a built-in name or an absolute path. */
export function readConfigFile(file: string, scope: ConfigScope = {}): { layer: ConfigLayer; errors: ConfigError[] } {
  if (!scope.byUser && configLinksOut(file, scope.roots ?? [])) {
    return { layer: {}, errors: [{ file, message: `配置文件 ${file} 是指向其所在文件夹之外的符号链接，出于安全考虑没有读取。` }] };
  }
  const read = readSettingsFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) return { layer: {}, errors: [{ file, message: `无法读取配置文件 ${file}（${read.reason}），已忽略。` }] };
  return parseConfigText(read.text, file, scope);
}

/** A config in a workspace that is a symlink to a file outside its folder (and the allowed roots): never read, never written. */
export function configLinksOut(file: string, roots: readonly string[]): boolean {
  try {
    if (!lstatSync(file).isSymbolicLink()) return false;
    const real = realpathSync(file);
    return ![path.dirname(path.resolve(file)), ...roots].some((f) => isWithin(real, realPath(path.resolve(f))));
  } catch {
    return false;
  }
}

/**
 * The effective config for a file: the nearest `.opinionlintrc.json` above it (or `explicitFile`),
 * over the defaults. Nearest wins: a folder's config replaces its parents', so a draft folder is
 * never affected by a config it cannot see. `roots`: the folders being linted (see ConfigScope).
 */
export function loadConfigForFile(filePath: string, explicitFile?: string, roots: readonly string[] = []): LoadedConfig {
  const file = explicitFile ? path.resolve(explicitFile) : findConfigFile(path.dirname(path.resolve(filePath)));
  if (!file) return { config: defaultConfig(), errors: [] };
  if (explicitFile && !isFile(file)) {
    return { config: defaultConfig(), file, errors: [{ file, message: `找不到配置文件 ${file}。请检查 --config 给出的路径。` }] };
  }
  const { layer, errors } = readConfigFile(file, explicitFile ? { byUser: true } : { roots });
  return { config: mergeConfig(defaultConfig(), layer), file, errors };
}

/** Loads configs once per directory; the CLI creates one per run, the server clears it on change. */
export class ConfigCache {
  private readonly byDir = new Map<string, LoadedConfig>();

  constructor(
    private readonly explicitFile?: string,
    private readonly roots: readonly string[] = [],
  ) {}

  forFile(filePath: string): LoadedConfig {
    // A folder lint asks for every file, and paths from its walk are absolute already: resolving
    // each again was most of this lookup's time in a cached re-run.
    const dir = path.dirname(path.isAbsolute(filePath) ? filePath : path.resolve(filePath));
    let hit = this.byDir.get(dir);
    if (!hit) {
      hit = loadConfigForFile(filePath, this.explicitFile, this.roots);
      this.byDir.set(dir, hit);
    }
    return hit;
  }

  clear(): void {
    this.byDir.clear();
  }
}
