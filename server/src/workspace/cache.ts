// The content-hash cache (`--cache`): a file's findings are reused when its bytes, its effective
// config, its profile and the tool build are all unchanged. Stored as one file, replaced
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
// The file holds three JSON documents, one a line, each parsed only when needed, then bytes:
//   1. the head: per file its key, stat and, for a format that prints each file on its own
//      (`Formatter.body`), the tally of its findings and the length of its printed body;
//   2. the findings, packed, with their locations (read unless every hit is printed from its body);
//   3. the details only the folder report reads: draft summaries and finding evidence;
//   then the bodies, in head order: a re-run of that format copies them out unparsed.

import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import type { DraftSummary, FileLintResult } from '../engine/results';
import { computeLineStarts } from '../engine/text/positions';
import type { Evidence, Finding, Severity } from '../engine/types';
import { writeFileAtomic } from './write';

/**
 * Where a result's findings sit, known without its text: a cache hit served to a format that does
 * not read the text carries these and an empty `text`.
 */
export interface LocatedText {
  /** UTF-16 offsets at which the text's lines start (as `computeLineStarts` gives them). */
  lineStarts: number[];
  /** The text between two offsets a finding, a related span or a fix edit points at. */
  quote(start: number, end: number): string;
}

export const DEFAULT_CACHE_FILE = '.opinionlintcache';
const CACHE_FORMAT = 'opinion-lint-cache/5';
/** Profile hashes remembered as loadable (see `knowsProfile`); a few are enough to switch between. */
const KNOWN_PROFILES_KEPT = 16;

/** What is kept per file: the result without its text (re-decoded from the bytes on a hit when needed). */
export type CachedResult = Omit<FileLintResult, 'file' | 'text'>;
export type CacheHit = CachedResult & { located?: LocatedText };

/** [errors, warnings, information, hints, findings with a fix]: what a run's totals take from a file. */
export type Tally = [number, number, number, number, number];

/** A file printed from its stored body (see `useBodies`): no findings are unpacked. */
export interface BodyHit {
  body: string | Uint8Array;
  tally: Tally;
}

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
  stamp?: FileStamp;
  /** Undefined for an entry read from the file until its findings document is parsed (see `strings`). */
  result?: PackedResult;
  located?: PackedLocation;
  /** Of an entry set in this run; a loaded entry's is in the details. */
  summary?: DraftSummary;
  /** The file's output in the format the bodies are kept for (a view into the file read, or text printed in this run). */
  body?: BodyHit;
}

/** A file in the head: [key, stamp or 0, [body byte length, ...tally] or 0]. */
type HeadEntry = [string, FileStamp | 0, [number, ...Tally] | 0];

interface CacheHead {
  format: string;
  build: string;
  profiles: string[];
  /** The format and options whose output bodies the file holds (see `useBodies`), or null. */
  bodies: string | null;
  entries: Record<string, HeadEntry>;
}

interface CacheFindings {
  strings: string[];
  /** By head entry, in the same order: [packed result, location or 0]. */
  results: [PackedResult, PackedLocation | 0][];
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
  /** This run prints from bodies (see `useBodies`). */
  private servesBodies = false;
  private loadedStrings?: Table<string>;
  private loadedDetails?: { evidence: Table<Evidence>; summaries: Record<string, DraftSummary> };

  private constructor(
    readonly file: string,
    private readonly build: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly profiles: string[],
    /** Whose bodies the entries hold (see `useBodies`). */
    private bodies: string | undefined,
    /** The head's paths in order (undefined where an entry was unusable): the findings document follows it. */
    private readonly order: (string | undefined)[],
    /** The findings and details documents as read, each parsed on first use. */
    private storedFindings: Buffer | undefined,
    private storedDetails: Buffer | undefined,
  ) {}

  /** Opens the cache at `file` for tool build `build`; entries from another build are dropped. */
  static open(file: string, build: string): ResultCache {
    const entries = new Map<string, CacheEntry>();
    const order: (string | undefined)[] = [];
    let profiles: string[] = [];
    let bodies: string | undefined;
    let findings: Buffer | undefined;
    let details: Buffer | undefined;
    try {
      const bytes = readFileSync(file);
      const headEnd = bytes.indexOf(10);
      const findingsEnd = headEnd < 0 ? -1 : bytes.indexOf(10, headEnd + 1);
      const detailsEnd = findingsEnd < 0 ? -1 : bytes.indexOf(10, findingsEnd + 1);
      const head = detailsEnd < 0 ? undefined : (JSON.parse(bytes.toString('utf8', 0, headEnd)) as Partial<CacheHead> | null);
      if (head?.format === CACHE_FORMAT && head.build === build && Array.isArray(head.profiles) && head.entries && typeof head.entries === 'object') {
        profiles = head.profiles.filter((p) => typeof p === 'string');
        findings = bytes.subarray(headEnd + 1, findingsEnd);
        details = bytes.subarray(findingsEnd + 1, detailsEnd);
        bodies = typeof head.bodies === 'string' ? head.bodies : undefined;
        let at = detailsEnd + 1;
        for (const [path, entry] of Object.entries(head.entries)) {
          const usable = Array.isArray(entry) && typeof entry[0] === 'string';
          order.push(usable ? path : undefined);
          if (!usable) continue;
          const [key, stamp, body] = entry;
          const loaded: CacheEntry = { key, stamp: Array.isArray(stamp) ? stamp : undefined };
          if (Array.isArray(body) && body.length === 6 && body.every((n) => Number.isInteger(n) && n >= 0)) {
            const [length, ...tally] = body;
            // A cut-off file loses the bodies past its end: those files are printed from their findings.
            if (at + length <= bytes.length) loaded.body = { body: bytes.subarray(at, at + length), tally: tally as Tally };
            at += length;
          }
          entries.set(path, loaded);
        }
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return new ResultCache(file, build, entries, profiles, bodies, order, findings, details);
  }

  /**
   * This run prints each file from a body in the format and options named `key` (a format with
   * `Formatter.body`): hits are served from bodies of that key, and bodies of any other are dropped.
   */
  useBodies(key: string): void {
    if (this.bodies !== key) {
      for (const entry of this.entries.values()) entry.body = undefined;
      this.bodies = key;
    }
    this.servesBodies = true;
  }

  /**
   * The result stored for `path` under `key`. `lean` leaves out what only the folder report reads
   * (summary, evidence), sparing their parse.
   */
  get(path: string, key: string, lean = false): CacheHit | undefined {
    const entry = this.entries.get(path);
    return entry?.key === key ? this.hit(path, entry, lean) : undefined;
  }

  /**
   * The result stored for `path` under `fingerprint` when the file's stat still equals the one
   * recorded when it was read and hashed: the file need not be read again.
   */
  getUnchanged(path: string, stamp: FileStamp, fingerprint: string, lean = false): CacheHit | undefined {
    const entry = this.unchanged(path, stamp, fingerprint);
    return entry && this.hit(path, entry, lean);
  }

  /** As `get`, the body printed for the result in this run's format (see `useBodies`), if kept. */
  getBody(path: string, key: string): BodyHit | undefined {
    const entry = this.entries.get(path);
    return this.servesBodies && entry?.key === key ? entry.body : undefined;
  }

  /** As `getUnchanged`, the body printed for the result in this run's format, if kept. */
  getUnchangedBody(path: string, stamp: FileStamp, fingerprint: string): BodyHit | undefined {
    return this.servesBodies ? this.unchanged(path, stamp, fingerprint)?.body : undefined;
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
    const strings = this.strings();
    const details = this.details();
    // The summary stored by an earlier run belongs to the replaced entry.
    delete details.summaries[path];
    if (this.entries.has(path)) this.stale = true;
    const evidence = details.evidence;
    const packed = findings.map((f) => this.pack(f, strings, evidence));
    this.entries.set(path, { key, result: { ...rest, findings: packed }, summary, located: this.locate(text, findings, strings), stamp });
    this.dirty = true;
  }

  /** Keeps the body printed for the result stored for `path` in this run's format (see `useBodies`). */
  setBody(path: string, body: string, tally: Tally): void {
    const entry = this.entries.get(path);
    if (!entry || !this.servesBodies) return;
    entry.body = { body, tally };
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
    const oldStrings = this.strings();
    const old = this.details();
    const compact = this.stale;
    const strings = compact ? new Table<string>([], (s) => s) : oldStrings;
    const evidence = compact ? new Table<Evidence>([], (e) => JSON.stringify(e)) : old.evidence;
    const stringMap = new Map<number, number>();
    const evidenceMap = new Map<number, number>();
    const str = (i: number) => {
      let to = stringMap.get(i);
      if (to === undefined) stringMap.set(i, (to = strings.ref(oldStrings.values[i])));
      return to;
    };
    const ev = (i: number) => {
      if (i < 0) return -1;
      let to = evidenceMap.get(i);
      if (to === undefined) evidenceMap.set(i, (to = evidence.ref(old.evidence.values[i])));
      return to;
    };
    const head: CacheHead = { format: CACHE_FORMAT, build: this.build, profiles: this.profiles, bodies: this.bodies ?? null, entries: {} };
    const results: CacheFindings['results'] = [];
    const summaries: Record<string, DraftSummary> = {};
    const bodies: Uint8Array[] = [];
    for (const [path, { key, result, summary, located, stamp, body }] of this.entries) {
      // An entry whose findings did not load (a cut-off file) is dropped.
      if (!result) continue;
      if (compact) {
        const findings = result.findings.map(([start, end, rule, severity, message, evidenceAt, rest]): PackedFinding => {
          const packed: PackedFinding = [start, end, str(rule), str(severity), str(message), ev(evidenceAt)];
          if (rest) packed.push(rest);
          return packed;
        });
        const quotes = located ? located[1].map((v, i) => (i % 3 === 2 ? str(v) : v)) : [];
        results.push([{ ...result, findings }, located ? [located[0], quotes] : 0]);
      } else {
        results.push([result, located ?? 0]);
      }
      let storedBody: HeadEntry[2] = 0;
      if (body) {
        const bytes = typeof body.body === 'string' ? Buffer.from(body.body, 'utf8') : body.body;
        bodies.push(bytes);
        storedBody = [bytes.byteLength, ...body.tally];
      }
      // Paths are absolute, never array-index keys (which JSON objects list first): the head keeps
      // this order, the order of `results`.
      head.entries[path] = [key, stamp ?? 0, storedBody];
      const kept = summary ?? old.summaries[path];
      if (kept) summaries[path] = kept;
    }
    const findings: CacheFindings = { strings: strings.values, results };
    const details: CacheDetails = { evidence: evidence.values, summaries };
    // JSON.stringify escapes line breaks inside strings: a newline ends each document.
    const documents = `${JSON.stringify(head)}\n${JSON.stringify(findings)}\n${JSON.stringify(details)}\n`;
    writeFileAtomic(this.file, Buffer.concat([Buffer.from(documents, 'utf8'), ...bodies]));
    this.dirty = false;
    this.stale = false;
  }

  /** The string table, with every loaded entry's packed findings, parsed on first use. */
  private strings(): Table<string> {
    if (!this.loadedStrings) {
      let strings: string[] = [];
      try {
        const data = this.storedFindings ? (JSON.parse(this.storedFindings.toString('utf8')) as Partial<CacheFindings> | null) : undefined;
        if (data && Array.isArray(data.strings) && Array.isArray(data.results) && data.results.length === this.order.length) {
          strings = data.strings;
          data.results.forEach((stored, i) => {
            const path = this.order[i];
            const entry = path === undefined ? undefined : this.entries.get(path);
            // An entry set in this run (result already there) replaced the one read.
            if (!entry || entry.result || !Array.isArray(stored) || !Array.isArray(stored[0]?.findings)) return;
            entry.result = stored[0];
            if (isLocation(stored[1])) entry.located = stored[1];
          });
        }
      } catch {
        // A broken findings document: entries without their findings are misses, re-linted and replaced.
      }
      this.storedFindings = undefined;
      this.loadedStrings = new Table(strings, (s) => s);
    }
    return this.loadedStrings;
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

  private pack(finding: Finding, strings: Table<string>, evidence: Table<Evidence>): PackedFinding {
    const { start, end, ruleId, severity, message, evidence: found, ...rest } = finding;
    const packed: PackedFinding = [start, end, strings.ref(ruleId), strings.ref(severity), strings.ref(message), found ? evidence.ref(found) : -1];
    // Fields set to undefined (fix: undefined) are not kept: they would be stored as {}.
    if (Object.values(rest).some((v) => v !== undefined)) packed.push(rest);
    return packed;
  }

  /** The texts that formatters quote: each finding's span, its related spans and its fix edits. */
  private locate(text: string, findings: readonly Finding[], strings: Table<string>): PackedLocation {
    const quotes: number[] = [];
    const add = (start: number, end: number) => {
      if (quoteAt(quotes, start, end) < 0) quotes.push(start, end, strings.ref(text.slice(start, end)));
    };
    for (const f of findings) {
      add(f.start, f.end);
      for (const r of f.related ?? []) add(r.start, r.end);
      for (const e of f.fix?.edits ?? []) add(e.start, e.end);
    }
    return [computeLineStarts(text), quotes];
  }

  private unchanged(path: string, stamp: FileStamp, fingerprint: string): CacheEntry | undefined {
    const entry = this.entries.get(path);
    return entry?.stamp && entry.key.endsWith(`:${fingerprint}`) && sameStamp(entry.stamp, stamp) ? entry : undefined;
  }

  private hit(path: string, entry: CacheEntry, lean: boolean): CacheHit | undefined {
    const strings = this.strings().values;
    const details = lean ? undefined : this.details();
    const unpacked = entry.result && this.unpack(entry.result, strings, details?.evidence.values);
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
    const quote = (start: number, end: number) => {
      const at = quoteAt(quotes, start, end);
      return (at >= 0 && strings[quotes[at + 2]]) || '';
    };
    return { ...unpacked, located: { lineStarts, quote } };
  }

  /** Unpacks findings; `evidence` undefined leaves evidence out (a lean hit). */
  private unpack(result: PackedResult, strings: readonly string[], evidence: readonly Evidence[] | undefined): CachedResult | undefined {
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
