// The content-hash cache (`--cache`): a file's findings are reused when its bytes, its effective
// config, its profile and the tool build are all unchanged. Stored as one JSON file, replaced
// atomically at the end of a run; a missing, corrupt or foreign cache is simply ignored.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FileLintResult } from '../engine/results';
import { writeFileAtomic } from './write';

export const DEFAULT_CACHE_FILE = '.opinionlintcache';
const CACHE_FORMAT = 'opinion-lint-cache/1';

/** What is kept per file: the result without its text (re-decoded from the bytes on a hit). */
export type CachedResult = Omit<FileLintResult, 'file' | 'text'>;

interface CacheEntry {
  key: string;
  result: CachedResult;
}

export class ResultCache {
  private readonly entries: Map<string, CacheEntry>;
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
    entries: Map<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** Opens the cache at `file` for tool build `build`; entries from another build are dropped. */
  static open(file: string, build: string): ResultCache {
    const entries = new Map<string, CacheEntry>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      if (data?.format === CACHE_FORMAT && data.build === build && data.entries && typeof data.entries === 'object') {
        for (const [path, entry] of Object.entries(data.entries as Record<string, CacheEntry>)) {
          if (typeof entry?.key === 'string' && entry.result && Array.isArray(entry.result.findings)) entries.set(path, entry);
        }
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return new ResultCache(file, build, entries);
  }

  get(path: string, key: string): CachedResult | undefined {
    const entry = this.entries.get(path);
    return entry && entry.key === key ? entry.result : undefined;
  }

  set(path: string, key: string, result: FileLintResult): void {
    const { file: _file, text: _text, ...rest } = result;
    this.entries.set(path, { key, result: rest });
    this.dirty = true;
  }

  /** Writes the cache back when this run changed it. */
  save(): void {
    if (!this.dirty) return;
    const data = { format: CACHE_FORMAT, build: this.build, entries: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
    writeFileAtomic(this.file, JSON.stringify(data));
    this.dirty = false;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's cache key: the hash of its bytes under a given config/profile/build fingerprint. */
export function entryKey(bytesHash: string, fingerprint: string): string {
  return `${bytesHash}:${fingerprint}`;
}
