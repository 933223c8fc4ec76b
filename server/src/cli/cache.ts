// The content-hash cache (`--cache`): a file's findings are reused when its bytes, its effective
// config, its profile and the tool build are all unchanged. Stored as one JSON file, replaced
// atomically at the end of a run; a missing, corrupt or foreign cache is simply ignored.
//
// A re-run over unchanged files is mostly the time to read this file back, so it is kept small:
// findings are packed into arrays, and their rule ids, severities, messages and evidence (the
// same slogan or missing byline is reported in many drafts) are stored once in shared tables.
//
// Each entry also keeps its text's line starts and the text of the spans its findings point at,
// so formats that only quote those (json, sarif, stylish) need not decode the file on a hit; and,
// like git's index, the file's stat at the time it was read, so that an unchanged file need not
// even be read (see `fileStamp` for when a stat can be trusted).
//
// The file holds two JSON documents, one a line: what every format needs, then the details only
// the folder report reads (draft summaries and finding evidence, half the size), parsed on demand.

import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import type { DraftSummary, FileLintResult } from '../engine/results';
import { computeLineStarts } from '../engine/text/positions';
import type { Evidence, Finding, Severity } from '../engine/types';
import type { LocatedText } from './formats/types';
import { writeFileAtomic } from './write';

export const DEFAULT_CACHE_FILE = '.opinionlintcache';
const CACHE_FORMAT = 'opinion-lint-cache/4';
/** Profile hashes remembered as loadable (see `knowsProfile`); a few are enough to switch between. */
const KNOWN_PROFILES_KEPT = 16;

/** What is kept per file: the result without its text (re-decoded from the bytes on a hit when needed). */
export type CachedResult = Omit<FileLintResult, 'file' | 'text'>;
export type CacheHit = CachedResult & { located?: LocatedText };

/**
 * A file's size, mtime, ctime and inode when its bytes were read. Equal stamps mean the bytes
 * are those that were hashed, provided neither time was within RACY_MS of the read: a write in
 * the same clock tick as the one before it leaves both times unchanged (git's "racily clean").
 */
export type FileStamp = [number, number, number, number];
/** Timestamp granularity plus clock skew to allow for (FAT keeps mtimes to 2 s). */
const RACY_MS = 3000;

/**
 * A finding as stored: [start, end, ruleId, severity, message, evidence, rest?] where ruleId,
 * severity and message index the string table, evidence indexes the details' evidence table
 * (-1: none) and `rest` holds any other fields (fix, related) as they are.
 */
type PackedFinding = [number, number, number, number, number, number, Record<string, unknown>?];
type PackedResult = Omit<CachedResult, 'findings' | 'summary'> & { findings: PackedFinding[] };
/**
 * Line starts, and the quoted spans as flat triples [start, end, string-table index, …]: plain
 * number arrays parse fast, and a file's findings are few enough to search in order.
 */
type PackedLocation = [number[], number[]];

interface CacheEntry {
  key: string;
  result: PackedResult;
  /** Of an entry set in this run; a loaded entry's is in the details. */
  summary?: DraftSummary;
  located?: PackedLocation;
  stamp?: FileStamp;
}

type StoredEntry = [string, PackedResult, PackedLocation | 0, FileStamp | 0];

interface CacheFile {
  format: string;
  build: string;
  profiles: string[];
  strings: string[];
  /** File path → [key, packed result, location or 0, stamp or 0]. */
  entries: Record<string, StoredEntry>;
}

interface CacheDetails {
  evidence: Evidence[];
  summaries: Record<string, DraftSummary>;
}

/** Values stored once and referred to by index. The lookup map is built only when a run adds entries. */
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
  /** Entries were replaced or dropped: the tables may hold values nothing refers to. */
  private stale = false;
  private loadedDetails?: { evidence: Table<Evidence>; summaries: Record<string, DraftSummary> };

  private constructor(
    readonly file: string,
    private readonly build: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly strings: Table<string>,
    private readonly profiles: string[],
    /** The details line as read, parsed on first use. */
    private storedDetails: Buffer | undefined,
  ) {}

  /** Opens the cache at `file` for tool build `build`; entries from another build are dropped. */
  static open(file: string, build: string): ResultCache {
    const entries = new Map<string, CacheEntry>();
    let strings: string[] = [];
    let profiles: string[] = [];
    let details: Buffer | undefined;
    try {
      const bytes = readFileSync(file);
      const lineEnd = bytes.indexOf(10);
      const data = JSON.parse(bytes.toString('utf8', 0, lineEnd < 0 ? bytes.length : lineEnd)) as Partial<CacheFile> | null;
      if (lineEnd >= 0 && data?.format === CACHE_FORMAT && data.build === build && Array.isArray(data.strings) && Array.isArray(data.profiles) && data.entries && typeof data.entries === 'object') {
        strings = data.strings;
        profiles = data.profiles.filter((p) => typeof p === 'string');
        details = bytes.subarray(lineEnd + 1);
        for (const [path, entry] of Object.entries(data.entries)) {
          if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]?.findings)) continue;
          const [key, result, located, stamp] = entry;
          entries.set(path, { key, result, located: isLocation(located) ? located : undefined, stamp: Array.isArray(stamp) ? stamp : undefined });
        }
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return new ResultCache(file, build, entries, new Table(strings, (s) => s), profiles, details);
  }

  /**
   * The result stored for `path` under `key`. `lean` leaves out what only the folder report reads
   * (summary, evidence), sparing their parse.
   */
  get(path: string, key: string, lean = false): CacheHit | undefined {
    const entry = this.entries.get(path);
    return entry && entry.key === key ? this.hit(path, entry, lean) : undefined;
  }

  /**
   * The result stored for `path` under `fingerprint` when the file's stat still equals the one
   * recorded when it was read and hashed: the file need not be read again.
   */
  getUnchanged(path: string, stamp: FileStamp, fingerprint: string, lean = false): CacheHit | undefined {
    const entry = this.entries.get(path);
    if (!entry?.stamp || !entry.key.endsWith(`:${fingerprint}`) || !sameStamp(entry.stamp, stamp)) return undefined;
    return this.hit(path, entry, lean);
  }

  /** Records the stat of the file whose bytes matched the entry for `path` (see `getUnchanged`). */
  restamp(path: string, stamp: FileStamp | undefined): void {
    const entry = this.entries.get(path);
    if (!entry || !stamp || (entry.stamp && sameStamp(entry.stamp, stamp))) return;
    entry.stamp = stamp;
    this.dirty = true;
  }

  /** Stores a result; `stamp` is the stat of the bytes it came from, when they were read from disk. */
  set(path: string, key: string, result: FileLintResult, stamp?: FileStamp): void {
    const { file: _file, text, findings, summary, ...rest } = result;
    const details = this.details();
    // The summary stored by an earlier run belongs to the replaced entry.
    delete details.summaries[path];
    if (this.entries.has(path)) this.stale = true;
    const evidence = details.evidence;
    this.entries.set(path, { key, result: { ...rest, findings: findings.map((f) => this.pack(f, evidence)) }, summary, located: this.locate(text, findings), stamp });
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

  /**
   * Writes the cache back when this run changed it. When entries were replaced or dropped, the
   * tables are rebuilt with only the values still referred to, so they do not grow run after run.
   */
  save(): void {
    if (!this.dirty) return;
    const old = this.details();
    const compact = this.stale;
    const strings = compact ? new Table<string>([], (s) => s) : this.strings;
    const evidence = compact ? new Table<Evidence>([], (e) => JSON.stringify(e)) : old.evidence;
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
      if (to === undefined) evidenceMap.set(i, (to = evidence.ref(old.evidence.values[i])));
      return to;
    };
    const entries: Record<string, StoredEntry> = {};
    const summaries: Record<string, DraftSummary> = {};
    for (const [path, { key, result, summary, located, stamp }] of this.entries) {
      if (compact) {
        const findings = result.findings.map(([start, end, rule, severity, message, evidenceAt, rest]): PackedFinding => {
          const packed: PackedFinding = [start, end, str(rule), str(severity), str(message), ev(evidenceAt)];
          if (rest) packed.push(rest);
          return packed;
        });
        const quotes = located ? located[1].map((v, i) => (i % 3 === 2 ? str(v) : v)) : [];
        entries[path] = [key, { ...result, findings }, located ? [located[0], quotes] : 0, stamp ?? 0];
      } else {
        entries[path] = [key, result, located ?? 0, stamp ?? 0];
      }
      const kept = summary ?? old.summaries[path];
      if (kept) summaries[path] = kept;
    }
    const data: CacheFile = { format: CACHE_FORMAT, build: this.build, profiles: this.profiles, strings: strings.values, entries };
    const details: CacheDetails = { evidence: evidence.values, summaries };
    // JSON.stringify escapes line breaks inside strings: the newline separates the two documents.
    writeFileAtomic(this.file, `${JSON.stringify(data)}\n${JSON.stringify(details)}`);
    this.dirty = false;
    this.stale = false;
  }

  /** The evidence table and the loaded entries' summaries, parsed on first use. */
  private details(): { evidence: Table<Evidence>; summaries: Record<string, DraftSummary> } {
    if (!this.loadedDetails) {
      let evidence: Evidence[] = [];
      let summaries: Record<string, DraftSummary> = {};
      try {
        const data = this.storedDetails ? (JSON.parse(this.storedDetails.toString('utf8')) as Partial<CacheDetails> | null) : undefined;
        if (Array.isArray(data?.evidence)) evidence = data.evidence;
        if (data?.summaries && typeof data.summaries === 'object') summaries = data.summaries;
      } catch {
        // A cut-off details line: entries that refer to evidence no longer unpack and are re-linted.
      }
      this.storedDetails = undefined;
      this.loadedDetails = { evidence: new Table(evidence, (e) => JSON.stringify(e)), summaries };
    }
    return this.loadedDetails;
  }

  private pack(finding: Finding, evidence: Table<Evidence>): PackedFinding {
    const { start, end, ruleId, severity, message, evidence: found, ...rest } = finding;
    const packed: PackedFinding = [start, end, this.strings.ref(ruleId), this.strings.ref(severity), this.strings.ref(message), found ? evidence.ref(found) : -1];
    // Fields set to undefined (fix: undefined) are not kept: they would be stored as {}.
    if (Object.values(rest).some((v) => v !== undefined)) packed.push(rest);
    return packed;
  }

  /** The texts that formatters quote: each finding's span, its related spans and its fix edits. */
  private locate(text: string, findings: readonly Finding[]): PackedLocation {
    const quotes: number[] = [];
    const add = (start: number, end: number) => {
      if (quoteAt(quotes, start, end) < 0) quotes.push(start, end, this.strings.ref(text.slice(start, end)));
    };
    for (const f of findings) {
      add(f.start, f.end);
      for (const r of f.related ?? []) add(r.start, r.end);
      for (const e of f.fix?.edits ?? []) add(e.start, e.end);
    }
    return [computeLineStarts(text), quotes];
  }

  private hit(path: string, entry: CacheEntry, lean: boolean): CacheHit | undefined {
    const details = lean ? undefined : this.details();
    const unpacked = this.unpack(entry.result, details?.evidence.values);
    // An entry that does not unpack (hand-edited, truncated tables) is a miss, re-linted and replaced.
    if (!unpacked) {
      this.entries.delete(path);
      this.stale = true;
      return undefined;
    }
    const summary = details && (entry.summary ?? details.summaries[path]);
    if (summary) unpacked.summary = summary;
    if (!entry.located) return unpacked;
    const [lineStarts, quotes] = entry.located;
    const strings = this.strings.values;
    const quote = (start: number, end: number) => {
      const at = quoteAt(quotes, start, end);
      return (at >= 0 && strings[quotes[at + 2]]) || '';
    };
    return { ...unpacked, located: { lineStarts, quote } };
  }

  /** Unpacks findings; `evidence` undefined leaves evidence out (a lean hit). */
  private unpack(result: PackedResult, evidence: readonly Evidence[] | undefined): CachedResult | undefined {
    const strings = this.strings.values;
    const findings: Finding[] = [];
    for (const packed of result.findings) {
      if (!Array.isArray(packed)) return undefined;
      const [start, end, rule, severity, message, evidenceAt, rest] = packed;
      const ruleId = strings[rule];
      const level = strings[severity];
      const text = strings[message];
      if (typeof start !== 'number' || typeof end !== 'number' || ruleId === undefined || level === undefined || text === undefined) return undefined;
      const finding = { start, end, ruleId, severity: level as Severity, message: text } as Finding;
      if (rest) Object.assign(finding, rest);
      if (evidence && evidenceAt >= 0) {
        if (evidence[evidenceAt] === undefined) return undefined;
        finding.evidence = evidence[evidenceAt];
      }
      findings.push(finding);
    }
    return { ...result, findings };
  }
}

function isLocation(value: unknown): value is PackedLocation {
  return Array.isArray(value) && Array.isArray(value[0]) && Array.isArray(value[1]);
}

/** Where the triple for [start, end) begins in a location's flat quote list, or -1. */
function quoteAt(quotes: readonly number[], start: number, end: number): number {
  for (let i = 0; i < quotes.length; i += 3) if (quotes[i] === start && quotes[i + 1] === end) return i;
  return -1;
}

/** The stamp to record for bytes read at `readAt` (ms) from a file with stat `st`; undefined while racy. */
export function fileStamp(st: Stats, readAt: number): FileStamp | undefined {
  if (Math.max(st.mtimeMs, st.ctimeMs) >= readAt - RACY_MS) return undefined;
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

/** The stamp a cached entry's must equal for the file to count as unchanged. */
export function currentStamp(st: Stats): FileStamp {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's cache key: the hash of its bytes under a given config/profile/build fingerprint. */
export function entryKey(bytesHash: string, fingerprint: string): string {
  return `${bytesHash}:${fingerprint}`;
}
