// Bad and extreme inputs through the engine and the file reader: each ends in a clear Chinese
// reason or a correct result, never a crash, and every range stays on code-point boundaries.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyFixes } from '../../server/src/engine/fix';
import { lintFile } from '../helpers/lint-file';
import { decodeBuffer } from '../../server/src/engine/text/decode';
import { DRAFT, expectSoundRanges, lint, SLOGAN } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'opinion-lint-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const abs = path.join(dir, name);
  writeFileSync(abs, bytes);
  return abs;
}

const summary = (findings: { ruleId: string; start: number; end: number }[]) => findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);

describe('degenerate drafts', () => {
  it('an empty file is reported as empty, with no findings', () => {
    expect(lint('')).toEqual({ findings: [], ruleFailures: [], skippedReason: '文档为空。' });
  });

  it('whitespace only (spaces, tabs, ideographic spaces, line endings) counts as empty', () => {
    expect(lint(' \t\r\n\u3000\n\r\n  ')).toEqual({ findings: [], ruleFailures: [], skippedReason: '文档为空。' });
  });

  it('a text without Chinese is skipped for the Chinese rules, with one reason', () => {
    const result = lint('Budget hearing moved to Friday, 3 p.m.\nBring the draft, please!\n');
    expect(result.findings).toEqual([]);
    expect(result.skippedReason).toContain('不是中文稿件');
  });

  it('a file without Chinese is one skipped entry with that reason (said once, not per rule)', () => {
    const { result } = lintFile(file('english.txt', 'Notes for the night desk: check the photo captions twice.\n'));
    expect(result.findings).toEqual([]);
    expect(result.skipped).toContain('不是中文稿件');
    expect(result.skipped!.match(/不是中文稿件/g)).toHaveLength(1);
  });
});

describe('large drafts', () => {
  const sentence = '老旧小区加装电梯，既要算经济账，也要算民生账,让楼上楼下都满意。';

  it('a 5 MB draft on one line is refused under the default size limit, naming the limit', () => {
    const body = sentence.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(sentence)));
    const abs = file('huge.txt', `加装电梯的民生账\n${body}\n`);
    const { result } = lintFile(abs);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toMatch(/文件过大（5\.\d MB，上限 2\.0 MB）/);
  });

  it('a 5 MB one-line draft is linted whole when the limit allows it', () => {
    const copies = Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(sentence));
    const text = `加装电梯的民生账\n●许宁\n\n${sentence.repeat(copies)}\n`;
    const result = lint(text, { ...defaultConfig(), maxFileSize: 64 * 1024 * 1024 });
    expect(result.ruleFailures).toEqual([]);
    // One half-width comma per copy, each found at its own place.
    const commas = result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(commas).toHaveLength(copies);
    expect(commas.every((f) => text.slice(f.start, f.end) === ',')).toBe(true);
    expectSoundRanges(text, result.findings);
  }, 180_000);

  it('50,000 short lines: every line is checked, ranges exact', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? '菜价稳了,居民笑了。' : '早市开张了。'));
    const text = `早市里的烟火气\n●林晓\n\n${lines.join('\n')}\n`;
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    const commas = result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(commas).toHaveLength(25_000);
    expectSoundRanges(text, result.findings);
  }, 120_000);

  it('10,000 copies of one slogan: no crash, at most one repeat finding, on a copy, and the density flagged', () => {
    const text = `窗口办事的一分钟\n●周明\n\n${Array(10_000).fill(`要${SLOGAN}。`).join('\n')}\n`;
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    const repeats = result.findings.filter((f) => f.ruleId === 'slogan-repeat');
    // A phrase this frequent is the draft's subject; a repeat, when flagged, is one finding per phrase.
    expect(repeats.length).toBeLessThanOrEqual(1);
    expect(repeats.every((f) => text.slice(f.start, f.end) === SLOGAN)).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'slogan-density')).toHaveLength(1);
  }, 120_000);
  it('one sentence with 20,000 figures finishes, each figure flagged once', () => {
    const text = `口袋公园\n●林晓\n\n${'今年新增口袋公园12座，'.repeat(20_000)}居民出门就能遛弯。\n`;
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    const unsourced = result.findings.filter((f) => f.ruleId === 'figure-unsourced');
    expect(unsourced).toHaveLength(20_000);
    expect(unsourced.every((f) => text.slice(f.start, f.end) === '12座')).toBe(true);
    expectSoundRanges(text, result.findings);
  }, 120_000);

  it('20,000 lines repeating one figure (a pasted table) finish: each flagged as unsourced, none as a conflict', () => {
    const text = `口袋公园\n●林晓\n\n${Array(20_000).fill('全市新建口袋公园12座。').join('\n')}\n`;
    const result = lint(text);
    expect(result.findings.filter((f) => f.ruleId === 'figure-unsourced')).toHaveLength(20_000);
    expect(result.findings.filter((f) => f.ruleId === 'figure-conflict')).toEqual([]);
  }, 120_000);

  it('20,000 lines each carrying an HTML comment finish, and nothing inside a comment is flagged', () => {
    const text = `菜市场的早晨\n●林晓\n\n${Array(20_000).fill('<!-- 编者按:待核 -->菜价稳了,居民笑了。').join('\n')}\n`;
    const result = lint(text);
    const commas = result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(commas).toHaveLength(20_000);
    expect(commas.every((f) => text.slice(f.start - 4, f.end) === '菜价稳了,')).toBe(true);
  }, 120_000);

  it('40,000 lines of one slogan (1 MB): finishes, with the density flagged and sound ranges', () => {
    const text = `窗口办事的一分钟\n●周明\n\n${Array(40_000).fill(`要${SLOGAN}。`).join('\n')}\n`;
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'slogan-repeat').length).toBeLessThanOrEqual(1);
    expect(result.findings.filter((f) => f.ruleId === 'slogan-density')).toHaveLength(1);
    expectSoundRanges(text, result.findings);
  }, 120_000);
});

describe('encodings', () => {
  const expected = summary(lint(DRAFT).findings);

  it('the test draft has findings to compare', () => {
    expect(expected.length).toBeGreaterThan(2);
  });

  it.each([
    ['UTF-8 with BOM', 'utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT, 'utf8')])],
    ['UTF-16 LE with BOM', 'utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le')])],
    ['UTF-16 BE with BOM', 'utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(DRAFT, 'utf16le').swap16()])],
    ['GB18030', 'gb18030', iconv.encode(DRAFT, 'gb18030')],
    ['GBK', 'gb18030', iconv.encode(DRAFT, 'gbk')],
  ])('%s is decoded whole and gives the same findings at the same offsets', (_name, encoding, bytes) => {
    const { result } = lintFile(file(`draft-${encoding}-${bytes.length}.txt`, bytes));
    expect(result.skipped).toBeUndefined();
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(DRAFT);
    expect(summary(result.findings)).toEqual(expected);
  });

  it('GB18030 keeps characters outside the BMP (𠀀, 𪚥) with UTF-16 ranges', () => {
    const text = '老字号的新招牌\n●王芳\n\n𠀀记面馆和𪚥记茶社都换了招牌,生意更红火。\n';
    const { result } = lintFile(file('astral-gb.txt', iconv.encode(text, 'gb18030')));
    expect(result.text).toBe(text);
    const comma = result.findings.find((f) => f.ruleId === 'punctuation-width')!;
    expect(comma.start).toBe(text.indexOf(','));
    expectSoundRanges(text, result.findings);
  });

  const refused: [string, Uint8Array, RegExp][] = [
    ['invalid UTF-8 bytes in a UTF-8 draft', Buffer.concat([Buffer.from(DRAFT.slice(0, 12), 'utf8'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from(DRAFT.slice(12), 'utf8')]), /无法识别文件编码/],
    ['a UTF-8 draft cut inside a character', Buffer.from(DRAFT, 'utf8').subarray(0, Buffer.byteLength(DRAFT) - 2), /无法识别文件编码/],
    ['NUL bytes', Buffer.concat([Buffer.from(DRAFT.slice(0, 20), 'utf8'), Buffer.from([0, 0]), Buffer.from(DRAFT.slice(20), 'utf8')]), /NUL 字节/],
    ['a PNG image renamed .txt', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), /PNG 图片/],
    ['UTF-16 LE cut to an odd length', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le').subarray(0, 101)]), /UTF-16/],
    ['UTF-16 with a lone surrogate', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('后记。\n', 'utf16le')]), /UTF-16/],
  ];

  it.each(refused)('%s is skipped with a reason, never half-read', (_name, bytes, reason) => {
    const decoded = decodeBuffer(bytes);
    expect(decoded.ok).toBe(false);
    const { result } = lintFile(file(`refused-${bytes.length}.txt`, bytes));
    expect(result.skipped).toMatch(reason);
    expect(result.skipped).toMatch(/已跳过/);
    expect(result.text).toBe('');
    expect(result.findings).toEqual([]);
  });
});

describe('line endings and tricky characters', () => {
  const body = ['全市新建口袋公园12座,居民出门就能遛弯', '“家门口的公园”多了,大家的笑容也多了。'];
  const variants: [string, string][] = [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR only', '\r'],
  ];

  it.each(variants)('%s line endings give the same findings on the same lines', (_name, eol) => {
    const text = ['口袋公园', '●林晓', '', ...body, ''].join(eol);
    const result = lint(text);
    expectSoundRanges(text, result.findings);
    const lf = ['口袋公园', '●林晓', '', ...body, ''].join('\n');
    const reference = lint(lf);
    const linesOf = (t: string, r: typeof result) => r.findings.map((f) => `${f.ruleId}:${t.slice(f.start, f.end)}`);
    expect(linesOf(text, result)).toEqual(linesOf(lf, reference));
  });

  it('mixed line endings: each finding points at its own text', () => {
    const text = '口袋公园\r\n●林晓\n\r全市新建口袋公园12座,居民出门就能遛弯\r\n“家门口的公园”多了,大家的笑容也多了。\r';
    const result = lint(text);
    const commas = result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(commas.map((f) => text.slice(f.start, f.end))).toEqual([',', ',']);
    expectSoundRanges(text, result.findings);
  });

  it('tabs, zero-width spaces/joiners, combining marks, skin-tone and ZWJ emoji, 𠀀 and 𪚥: ranges exact and fixes keep pairs whole', () => {
    const text = [
      '\t夜市里的新气象👨‍👩‍👧',
      '●陈\u200b思远',
      '',
      '\t摊主们举起手机👍🏽扫码收款,𠀀记糖水铺排起了长队\u200d,𪚥记烤串也不示弱。',
      '招牌上写着“cafe\u0301”,老人们看不懂,年轻人拍照打卡👩🏿‍💻,热闹得很!',
      '',
    ].join('\n');
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    expectSoundRanges(text, result.findings);
    const commas = result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(commas.length).toBeGreaterThanOrEqual(4);
    for (const f of commas) expect(text.slice(f.start, f.end)).toMatch(/^[,!]$/);
    // Fixes change exactly the flagged marks; emoji sequences and astral characters stay whole.
    const fixed = applyFixes(text, result.findings).text;
    let expectedText = text;
    for (const f of [...commas].reverse()) {
      const e = f.fix!.edits[0];
      expectedText = expectedText.slice(0, e.start) + e.newText + expectedText.slice(e.end);
    }
    expect(fixed).toBe(expectedText);
    expect(fixed).toContain('👍🏽扫码收款，𠀀记糖水铺');
    expect([...fixed].filter((c) => c.codePointAt(0)! > 0xffff)).toEqual([...text].filter((c) => c.codePointAt(0)! > 0xffff));
  });

  it('a lone surrogate in the text (a broken paste) does not crash or misplace ranges', () => {
    const text = '断掉的表情\n●周明\n\n这段文字里有半个表情\ud83d,后面还有字。\n';
    const result = lint(text);
    expect(result.ruleFailures).toEqual([]);
    expectSoundRanges(text, result.findings);
  });
});
