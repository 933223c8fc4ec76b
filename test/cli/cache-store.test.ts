import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentStamp, entryKey, fileStamp, ResultCache, type FileStamp } from '../../server/src/workspace/cache';
import type { FileLintResult } from '../../server/src/engine/results';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir('cache-store');
afterAll(cleanup);

const TEXT = '老街改造要留住烟火气\n●李明\n\n改造之初,有人主张推倒重建。\n\n要坚持以人民为中心，要坚持以人民为中心。\n';
const comma = TEXT.indexOf(',');
const slogan = TEXT.indexOf('以人民为中心');
const second = TEXT.lastIndexOf('以人民为中心');

const RESULT: FileLintResult = {
  file: 'old-street.txt',
  text: TEXT,
  encoding: 'utf-8',
  findings: [
    {
      start: comma,
      end: comma + 1,
      ruleId: 'punctuation-width',
      severity: 'warning',
      message: '中文句子里用了半角逗号，请改为全角“，”。',
      fix: { title: '改为全角逗号', edits: [{ start: comma, end: comma + 1, newText: '，' }] },
    },
    {
      start: slogan,
      end: slogan + 6,
      ruleId: 'slogan-repeat',
      severity: 'information',
      message: '“以人民为中心”在本文出现 2 次，请保留一处。',
      related: [{ start: second, end: second + 6, message: '又一次出现在这里' }],
      evidence: { kind: 'phrase', phrase: '以人民为中心', corpusCount: 40, articleCount: 31, maxPerArticle: 2, draftCount: 2, examples: [] },
    },
    {
      start: second,
      end: second + 6,
      ruleId: 'slogan-repeat',
      severity: 'information',
      message: '“以人民为中心”在本文出现 2 次，请保留一处。',
      evidence: { kind: 'phrase', phrase: '以人民为中心', corpusCount: 40, articleCount: 31, maxPerArticle: 2, draftCount: 2, examples: [] },
    },
  ],
  ruleFailures: [],
  summary: { headline: '老街改造要留住烟火气', authors: ['李明'], chars: 40, formulaicPhrases: 2, sloganDensity: 50, unsourcedFigures: 0, bylineStatus: 'ok' },
};
const KEY = entryKey('bytes-hash', 'fingerprint');
const { file: _file, text: _text, ...STORED } = RESULT;

/** The cache file's three documents: the head, the findings and the details. */
function stored(file: string): [{ entries: Record<string, unknown[]> }, { strings: string[]; results: unknown[][] }, { evidence: unknown[] }] {
  const [head, findings, details] = readFileSync(file, 'utf8').split('\n');
  return [JSON.parse(head), JSON.parse(findings), JSON.parse(details)];
}

/** A cache file of these documents and no bodies. */
function writeStored(file: string, documents: unknown[]): void {
  writeFileSync(file, `${documents.map((d) => JSON.stringify(d)).join('\n')}\n`);
}

/** The path of a cache file `fill` wrote to and saved. */
function saved(name: string, fill: (cache: ResultCache) => void): string {
  const file = path.join(dir, name);
  const cache = ResultCache.open(file, 'build-1');
  fill(cache);
  cache.save();
  return file;
}

function reopened(name: string, fill: (cache: ResultCache) => void): ResultCache {
  return ResultCache.open(saved(name, fill), 'build-1');
}

describe('ResultCache storage', () => {
  it('gives back every field of a stored result after a save and a reopen', () => {
    const cache = reopened('round-trip.cache', (c) => c.set('/drafts/old-street.txt', KEY, RESULT));
    const { located, ...hit } = cache.get('/drafts/old-street.txt', KEY)!;
    // Lean: without what only the folder report reads.
    const lean = cache.get('/drafts/old-street.txt', KEY, true)!;
    expect(lean.findings).toEqual(STORED.findings.map(({ evidence: _evidence, ...f }) => f));
    expect(lean.summary).toBeUndefined();
    expect(hit).toEqual(STORED);
    expect(cache.get('/drafts/old-street.txt', entryKey('other-bytes', 'fingerprint'))).toBeUndefined();
    expect(cache.get('/drafts/other.txt', KEY)).toBeUndefined();
    // Without the text: its line starts and what findings, related spans and fix edits point at.
    expect(located!.lineStarts).toEqual([0, 11, 15, 16, 31, 32, 53]);
    expect(located!.quote(comma, comma + 1)).toBe(',');
    expect(located!.quote(second, second + 6)).toBe('以人民为中心');
    expect(located!.quote(second, second + 5)).toBe('');
  });

  it('serves a hit whose stored location has another shape without it, so that the file is read', () => {
    const file = saved('location.cache', (c) => c.set('/drafts/a.txt', KEY, RESULT));
    const [head, findings, details] = stored(file);
    // The quotes as an earlier cache format kept them: a record keyed "start:end".
    findings.results[0][1] = [[0, 11], { [`${comma}:${comma + 1}`]: 0 }];
    writeStored(file, [head, findings, details]);
    const hit = ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY, true)!;
    expect(hit.findings).toHaveLength(3);
    expect(hit.located).toBeUndefined();
  });

  it('keeps a result apart from another build’s cache file', () => {
    const file = saved('build.cache', (c) => c.set('/drafts/old-street.txt', KEY, RESULT));
    expect(ResultCache.open(file, 'build-2').get('/drafts/old-street.txt', KEY)).toBeUndefined();
  });

  it('drops table values no entry refers to any more when it saves', () => {
    const file = path.join(dir, 'compact.cache');
    const cache = ResultCache.open(file, 'build-1');
    cache.set('/drafts/a.txt', KEY, RESULT);
    cache.set('/drafts/a.txt', KEY, { ...RESULT, findings: [RESULT.findings[0]] });
    cache.save();
    const [, findings, details] = stored(file);
    expect(details.evidence).toEqual([]);
    expect(findings.strings.some((s) => s.includes('以人民为中心'))).toBe(false);
  });

  it('treats an entry whose tables were cut short as a miss, not as a broken result', () => {
    const file = saved('cut.cache', (c) => c.set('/drafts/a.txt', KEY, RESULT));
    const [head, findings, details] = stored(file);
    writeStored(file, [head, { ...findings, strings: [] }, details]);
    expect(ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY)).toBeUndefined();
  });

  it('treats an entry whose evidence was cut off as a miss for the folder report', () => {
    const file = saved('cut-details.cache', (c) => c.set('/drafts/a.txt', KEY, RESULT));
    const [head, findings] = stored(file);
    writeFileSync(file, `${JSON.stringify(head)}\n${JSON.stringify(findings)}\n{"evidence":\n`);
    expect(ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY, true)?.findings).toHaveLength(3);
    expect(ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY)).toBeUndefined();
  });

  it('keeps the output printed for a result, for the format and options it was printed in', () => {
    const file = path.join(dir, 'bodies.cache');
    const body = '"diagnostics":[{"rule":"punctuation-width","text":","}]';
    const cache = ResultCache.open(file, 'build-1');
    cache.useBodies('json');
    cache.set('/drafts/a.txt', KEY, RESULT);
    cache.setBody('/drafts/a.txt', body, [0, 1, 2, 0, 1]);
    cache.set('/drafts/b.txt', KEY, RESULT);
    cache.save();
    const printed = (format: string | undefined, name = '/drafts/a.txt') => {
      const reopened = ResultCache.open(file, 'build-1');
      if (format) reopened.useBodies(format);
      const hit = reopened.getBody(name, KEY);
      return hit && { body: Buffer.from(hit.body).toString('utf8'), tally: hit.tally };
    };
    expect(printed('json')).toEqual({ body, tally: [0, 1, 2, 0, 1] });
    expect(printed('json', '/drafts/b.txt')).toBeUndefined();
    expect(printed('json --quiet')).toBeUndefined();
    // Only a run that prints bodies is served them.
    expect(printed(undefined)).toBeUndefined();
    // A run that prints none (another format) keeps them when it saves.
    const other = ResultCache.open(file, 'build-1');
    other.set('/drafts/c.txt', KEY, RESULT);
    other.save();
    expect(printed('json')).toEqual({ body, tally: [0, 1, 2, 0, 1] });
    expect(ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY)?.findings).toHaveLength(3);
    // Cut off inside the bodies: the file is printed from its findings.
    writeFileSync(file, readFileSync(file).subarray(0, -5));
    expect(printed('json')).toBeUndefined();
    expect(ResultCache.open(file, 'build-1').get('/drafts/a.txt', KEY)?.findings).toHaveLength(3);
  });

  it('remembers which profile contents loaded cleanly', () => {
    const cache = reopened('profiles.cache', (c) => c.rememberProfile('profile-hash'));
    expect(cache.knowsProfile('profile-hash')).toBe(true);
    expect(cache.knowsProfile('another-profile')).toBe(false);
  });
});

describe('file stamps (reusing a result without reading the file)', () => {
  const draft = path.join(dir, 'stamped.txt');
  writeFileSync(draft, TEXT);
  const st = statSync(draft);
  const longAfter = Math.max(st.mtimeMs, st.ctimeMs) + 60_000;

  it('are recorded only when the file was last changed well before it was read', () => {
    expect(fileStamp(st, longAfter)).toEqual(currentStamp(st));
    // Changed in the same second as the read: a later write in that clock tick could keep the
    // same mtime, so the stat cannot vouch for the bytes.
    expect(fileStamp(st, Math.max(st.mtimeMs, st.ctimeMs) + 500)).toBeUndefined();
  });

  it('serve the stored result only while size, mtime, ctime and inode are all unchanged', () => {
    const stamp = fileStamp(st, longAfter)!;
    const cache = reopened('stamps.cache', (c) => c.set(draft, entryKey('bytes-hash', 'fingerprint'), RESULT, stamp));
    expect(cache.getUnchanged(draft, stamp, 'fingerprint')?.findings).toHaveLength(3);
    expect(cache.getUnchanged(draft, stamp, 'other-config')).toBeUndefined();
    for (let field = 0; field < 4; field++) {
      const changed = [...stamp] as FileStamp;
      changed[field] += 1;
      expect(cache.getUnchanged(draft, changed, 'fingerprint')).toBeUndefined();
    }
  });

  it('are not used for an entry stored without one until a later read records it', () => {
    const stamp = fileStamp(st, longAfter)!;
    const file = path.join(dir, 'restamp.cache');
    const cache = ResultCache.open(file, 'build-1');
    cache.set(draft, KEY, RESULT);
    expect(cache.getUnchanged(draft, stamp, 'fingerprint')).toBeUndefined();
    cache.restamp(draft, stamp);
    cache.save();
    expect(ResultCache.open(file, 'build-1').getUnchanged(draft, stamp, 'fingerprint')?.findings).toHaveLength(3);
  });
});
