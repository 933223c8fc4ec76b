// `.opinionlintrc.json` on disk: found from a file upwards (the nearest wins), read within a size
// limit and validated by the engine (engine/config/load.ts), with profile paths checked to exist.

import { existsSync, readFileSync, statSync } from 'node:fs';
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
} from '../engine/config/load';
import { defaultConfig } from '../engine/config/types';

export function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Validates config text; a relative profile path must name a file, relative to `file`'s folder. */
export function parseConfigText(text: string, file: string): { layer: ConfigLayer; errors: ConfigError[] } {
  return parseConfig(text, file, isFile);
}

/** A built-in profile name, or a path (relative to `baseDir`) that must name a profile file, made absolute. */
export function resolveProfileSpec(spec: string, baseDir: string): ReturnType<typeof resolveSpec> {
  return resolveSpec(spec, baseDir, isFile);
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
export function readConfigFile(file: string): { layer: ConfigLayer; errors: ConfigError[] } {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_CONFIG_BYTES) {
      return { layer: {}, errors: [{ file, message: `配置文件 ${file} 过大（${size} 字节，上限 ${MAX_CONFIG_BYTES} 字节），已忽略。请检查是否放错了文件。` }] };
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { layer: {}, errors: [{ file, message: `无法读取配置文件 ${file}：${(err as Error).message}` }] };
  }
  return parseConfigText(text, file);
}

/**
 * The effective config for a file: the nearest `.opinionlintrc.json` above it (or `explicitFile`),
 * over the defaults. Nearest wins: a folder's config replaces its parents', so a draft folder is
 * never affected by a config it cannot see.
 */
export function loadConfigForFile(filePath: string, explicitFile?: string): LoadedConfig {
  const file = explicitFile ? path.resolve(explicitFile) : findConfigFile(path.dirname(path.resolve(filePath)));
  if (!file) return { config: defaultConfig(), errors: [] };
  if (explicitFile && !isFile(file)) {
    return { config: defaultConfig(), file, errors: [{ file, message: `找不到配置文件 ${file}。请检查 --config 给出的路径。` }] };
  }
  const { layer, errors } = readConfigFile(file);
  return { config: mergeConfig(defaultConfig(), layer), file, errors };
}

/** Loads configs once per directory; the CLI creates one per run, the server clears it on change. */
export class ConfigCache {
  private readonly byDir = new Map<string, LoadedConfig>();

  constructor(private readonly explicitFile?: string) {}

  forFile(filePath: string): LoadedConfig {
    // A folder lint asks for every file, and paths from its walk are absolute already: resolving
    // each again was most of this lookup's time in a cached re-run.
    const dir = path.dirname(path.isAbsolute(filePath) ? filePath : path.resolve(filePath));
    let hit = this.byDir.get(dir);
    if (!hit) {
      hit = loadConfigForFile(filePath, this.explicitFile);
      this.byDir.set(dir, hit);
    }
    return hit;
  }

  clear(): void {
    this.byDir.clear();
  }
}
