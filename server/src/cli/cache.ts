// The content-hash cache (`--cache`): a file's findings are reused when its bytes, its effective
// config, its profile and the tool build are all unchanged. Stored as one JSON file, replaced
// atomically at the end of a run; a missing, corrupt or foreign cache is simply ignored.
//
// A re-run over unchanged files is mostly the time to read this file back, so it is kept small:
// findings are packed into arrays, and their rule ids, severities, messages and evidence (the
// same slogan or missing byline is reported in many drafts) are stored once in shared tables.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FileLintResult } from '../engine/results';
import type { Evidence, Finding } from '../engine/types';
import { writeFileAtomic } from './write';

export const DEFAULT_CACHE_FILE = '.opinionlintcache';
const CACHE_FORMAT = 'opinion-lint-cache/2';
/** Profile hashes remembered as loadable (see `knowsProfile`); a few are enough to switch between. */
const KNOWN_PROFILES_KEPT = 16;

/** What is kept per file: the result without its text (re-decoded from the bytes on a hit). */
export type CachedResult = Omit<FileLintResult, 'file' | 'text'>;

/**
 * A finding as stored: [start, end, ruleId, severity, message, evidence, rest?] where ruleId,
 * severity and message index the string table, evidence indexes the evidence table (-1: none) and
 * `rest` holds any other fields (fix, related) as they are.
 */
type PackedFinding = [number, number, number, number, number, number, Record<string, unknown>?];
type PackedResult = Omit<CachedResult, 'findings'> & { findings: PackedFinding[] };

interface CacheEntry {
  key: string;
  result: PackedResult;
}

interface CacheFile {
  format: string;
  build: string;
  profiles: string[];
  strings: string[];
  evidence: Evidence[];
  /** File path → [key, packed result]. */
  entries: Record<string, [string, PackedResult]>;
}

/** Values stored once and referred to by index. The lookup maps are built only when a run adds entries. */
class Table<T> {
  private index?: Map<string, number>;

  constructor(
    readonly values: T[],
    private readonly keyOf: (value: T) => string,
  ) {}

  ref(value: T): number {
    if (!this.index) {
      this.index = new Map();
      this.values.forEach((v, i) => this.index!.set(this.keyOf(v), i));
    }
    const key = this.keyOf(value);
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.values.push(value) - 1;
      this.index.set(key, at);
    }
    return at;
  }
}

export class ResultCache {
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly strings: Table<string>,
    private readonly evidence: Table<Evidence>,
    private readonly profiles: string[],
  ) {}

  /** Opens the cache at `file` for tool build `build`; entries from another build are dropped. */
  static open(file: string, build: string): ResultCache {
    const entries = new Map<string, CacheEntry>();
    let strings: string[] = [];
    let evidence: Evidence[] = [];
    let profiles: string[] = [];
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
      if (data?.format === CACHE_FORMAT && data.build === build && Array.isArray(data.strings) && Array.isArray(data.evidence) && Array.isArray(data.profiles) && data.entries && typeof data.entries === 'object') {
        strings = data.strings;
        evidence = data.evidence;
        profiles = data.profiles.filter((p) => typeof p === 'string');
        for (const [path, entry] of Object.entries(data.entries)) {
          if (Array.isArray(entry) && typeof entry[0] === 'string' && entry[1] && Array.isArray(entry[1].findings)) entries.set(path, { key: entry[0], result: entry[1] });
        }
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return new ResultCache(file, build, entries, new Table(strings, (s) => s), new Table(evidence, (e) => JSON.stringify(e)), profiles);
  }

  get(path: string, key: string): CachedResult | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key) return undefined;
    const unpacked = this.unpack(entry.result);
    // An entry that does not unpack (hand-edited, truncated tables) is a miss, re-linted and replaced.
    if (!unpacked) this.entries.delete(path);
    return unpacked;
  }

  set(path: string, key: string, result: FileLintResult): void {
    const { file: _file, text: _text, findings, ...rest } = result;
    this.entries.set(path, { key, result: { ...rest, findings: findings.map((f) => this.pack(f)) } });
    this.dirty = true;
  }

  /**
   * Whether a profile with this content hash was loaded without error by this build before: its
   * content and the code reading it are the same, so it would load again (no need to parse it).
   */
  knowsProfile(hash: string): boolean {
    return this.profiles.includes(hash);
  }

  rememberProfile(hash: string): void {
    if (this.knowsProfile(hash)) return;
    this.profiles.push(hash);
    this.profiles.splice(0, Math.max(0, this.profiles.length - KNOWN_PROFILES_KEPT));
    this.dirty = true;
  }

  /** Writes the cache back when this run changed it, with only the table values still referred to. */
  save(): void {
    if (!this.dirty) return;
    const strings = new Table<string>([], (s) => s);
    const evidence = new Table<Evidence>([], (e) => JSON.stringify(e));
    const stringMap = new Map<number, number>();
    const evidenceMap = new Map<number, number>();
    const str = (i: number) => {
      let to = stringMap.get(i);
      if (to === undefined) stringMap.set(i, (to = strings.ref(this.strings.values[i])));
      return to;
    };
    const ev = (i: number) => {
      if (i < 0) return -1;
      let to = evidenceMap.get(i);
      if (to === undefined) evidenceMap.set(i, (to = evidence.ref(this.evidence.values[i])));
      return to;
    };
    const entries: Record<string, [string, PackedResult]> = {};
    for (const [path, { key, result }] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const findings = result.findings.map(([start, end, rule, severity, message, evidenceAt, rest]): PackedFinding => {
        const packed: PackedFinding = [start, end, str(rule), str(severity), str(message), ev(evidenceAt)];
        if (rest) packed.push(rest);
        return packed;
      });
      entries[path] = [key, { ...result, findings }];
    }
    const data: CacheFile = { format: CACHE_FORMAT, build: this.build, profiles: this.profiles, strings: strings.values, evidence: evidence.values, entries };
    writeFileAtomic(this.file, JSON.stringify(data));
    this.dirty = false;
  }

  private pack(finding: Finding): PackedFinding {
    const { start, end, ruleId, severity, message, evidence, ...rest } = finding;
    const packed: PackedFinding = [start, end, this.strings.ref(ruleId), this.strings.ref(severity), this.strings.ref(message), evidence ? this.evidence.ref(evidence) : -1];
    if (Object.keys(rest).length) packed.push(rest);
    return packed;
  }

  private unpack(result: PackedResult): CachedResult | undefined {
    const strings = this.strings.values;
    const evidence = this.evidence.values;
    const findings: Finding[] = [];
    for (const packed of result.findings) {
      if (!Array.isArray(packed)) return undefined;
      const [start, end, rule, severity, message, evidenceAt, rest] = packed;
      const ruleId = strings[rule];
      const level = strings[severity];
      const text = strings[message];
      if (typeof start !== 'number' || typeof end !== 'number' || ruleId === undefined || level === undefined || text === undefined) return undefined;
      const finding = { ...rest, start, end, ruleId, severity: level, message: text } as Finding;
      if (evidenceAt >= 0) {
        if (evidence[evidenceAt] === undefined) return undefined;
        finding.evidence = evidence[evidenceAt];
      }
      findings.push(finding);
    }
    return { ...result, findings };
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's cache key: the hash of its bytes under a given config/profile/build fingerprint. */
export function entryKey(bytesHash: string, fingerprint: string): string {
  return `${bytesHash}:${fingerprint}`;
}
