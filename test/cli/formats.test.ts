import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/engine/rules';
import { DRAFTS, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('formats');
afterAll(cleanup);

// Astral characters before the flagged commas: 𠀀 (U+20000) and an emoji each count 2 UTF-16 units.
const ASTRAL = '表情与生僻字\n●王英\n\n𠀀字😀好,坏消息也要说清楚。\n\n𪚥字在此,后文继续。\n';
writeFileSync(path.join(dir, 'astral.txt'), ASTRAL);
writeFileSync(path.join(dir, 'commas.txt'), DRAFTS.commas);
writeFileSync(path.join(dir, 'clean.txt'), DRAFTS.clean);
writeFileSync(path.join(dir, 'unbalanced.txt'), DRAFTS.unbalanced);

describe('--format json', () => {
  it('has exactly the documented shape, 0-based lines and UTF-16 characters', async () => {
    const run = await runInProcess(['lint', 'astral.txt', 'clean.txt', '--format', 'json'], dir);
    const out = JSON.parse(run.stdout);
    expect(out.map((f: { file: string }) => f.file)).toEqual(['astral.txt', 'clean.txt']);
    for (const file of out) {
      expect(Object.keys(file)).toEqual(['file', 'diagnostics']);
      for (const d of file.diagnostics) {
        expect(Object.keys(d)).toEqual(['rule', 'severity', 'message', 'range', 'text']);
        expect(RULE_IDS).toContain(d.rule);
        expect(['error', 'warning', 'information', 'hint']).toContain(d.severity);
        expect(Object.keys(d.range)).toEqual(['start', 'end']);
        expect(Object.keys(d.range.start)).toEqual(['line', 'character']);
      }
    }
    const widths = out[0].diagnostics.filter((d: { rule: string }) => d.rule === 'punctuation-width');
    // Line 3 "𠀀字😀好,坏…": 𠀀(2) 字(1) 😀(2) 好(1) → the comma is UTF-16 character 6.
    expect(widths[0]).toMatchObject({ range: { start: { line: 3, character: 6 }, end: { line: 3, character: 7 } }, text: ',' });
    // Line 5 "𪚥字在此,…": 𪚥(2) 字 在 此 → character 5.
    expect(widths[1]).toMatchObject({ range: { start: { line: 5, character: 5 }, end: { line: 5, character: 6 } }, text: ',' });
    expect(out[1].diagnostics).toEqual([]);
    // One file a line, each exactly as JSON.stringify prints it (the writer builds it field by field).
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.slice(1, 3).map((l) => l.replace(/,$/, ''))).toEqual(out.map((f: unknown) => JSON.stringify(f)));
    expect(lines.slice(3)).toEqual([']', '']);
  });

  it('writes [] for no files, and lists a skipped file with no diagnostics and the reason', async () => {
    writeFileSync(path.join(dir, 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    mkdirSync(path.join(dir, 'empty'));
    expect((await runInProcess(['lint', 'empty', '--format', 'json'], dir)).stdout).toBe('[]\n');
    const run = await runInProcess(['lint', 'picture.txt', '--format', 'json'], dir);
    const [entry, ...rest] = JSON.parse(run.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(entry)).toEqual(['file', 'diagnostics', 'skipped']);
    expect(entry).toEqual({ file: 'picture.txt', diagnostics: [], skipped: expect.stringContaining('PNG') });
    // Machine formats keep stdout parseable: the reason goes to stderr as well.
    expect(run.stderr).toContain('picture.txt');
    expect(run.stderr).toContain('PNG');
    expect(run.code).toBe(0);
  });
});

describe('--format sarif', () => {
  it('is a SARIF 2.1.0 log with rules from the registry and 1-based UTF-16 regions', async () => {
    const run = await runInProcess(['lint', 'astral.txt', 'unbalanced.txt', '--format', 'sarif'], dir);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun.columnKind).toBe('utf16CodeUnits');
    const rules = sarifRun.tool.driver.rules;
    expect(sarifRun.tool.driver.name).toBe('opinion-lint');
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...RULE_IDS]);
    for (const r of rules) {
      expect(r.shortDescription.text).toMatch(/[\u4e00-\u9fff]/);
      expect(r.fullDescription.text).toMatch(/[\u4e00-\u9fff]/);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    expect(sarifRun.results.length).toBeGreaterThanOrEqual(3);
    for (const res of sarifRun.results) {
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toMatch(/[\u4e00-\u9fff]/);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    const comma = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'punctuation-width');
    expect(comma.locations[0].physicalLocation.artifactLocation.uri).toBe('astral.txt');
    expect(comma.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 7, endLine: 4, endColumn: 8, snippet: { text: ',' } });
    expect(comma.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('，');
    const pairing = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'punctuation-pairing');
    expect(pairing.level).toBe('error');
    expect(pairing.locations[0].physicalLocation.artifactLocation.uri).toBe('unbalanced.txt');
    expect(sarifRun.invocations[0].executionSuccessful).toBe(true);
  });

  it('percent-encodes file names with spaces and Chinese characters', async () => {
    writeFileSync(path.join(dir, '老街 改造.txt'), DRAFTS.commas);
    const run = await runInProcess(['lint', '老街 改造.txt', '--format', 'sarif'], dir);
    const uri = JSON.parse(run.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(encodeURIComponent('老街 改造.txt'));
    expect(decodeURIComponent(uri)).toBe('老街 改造.txt');
  });
});

describe('--format stylish', () => {
  it('groups by file with 1-based line:col, severity, message, rule and a summary line', async () => {
    const run = await runInProcess(['lint', 'commas.txt', 'clean.txt', 'unbalanced.txt'], dir);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('commas.txt');
    expect(lines).not.toContain('clean.txt');
    // "改造之初,有人…" on line 4: the comma is column 5.
    expect(run.stdout).toMatch(/^ {2}4:5 +warning +中文语句中使用了半角“,”.*punctuation-width$/m);
    expect(run.stdout).toMatch(/^ {2}4:\d+ +error +.*punctuation-pairing$/m);
    expect(run.stdout).toMatch(/✖ 共 3 个问题（1 个错误，2 个警告），检查了 3 个文件；其中 2 处可用 --fix 自动修复。/);
    expect(run.code).toBe(1);
  });

  it('says so when there is nothing to report', async () => {
    const run = await runInProcess(['lint', 'clean.txt'], dir);
    expect(run.stdout.trim()).toBe('✔ 没有发现问题（检查了 1 个文件）。');
    expect(run.code).toBe(0);
  });

  it('--quiet shows errors only', async () => {
    const run = await runInProcess(['lint', 'commas.txt', 'unbalanced.txt', '--quiet'], dir);
    expect(run.stdout).not.toContain('punctuation-width');
    expect(run.stdout).toContain('punctuation-pairing');
  });

  it('writes -o FILE whole', async () => {
    const run = await runInProcess(['lint', 'commas.txt', '--format', 'json', '-o', 'report.json'], dir);
    expect(run.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))[0].file).toBe('commas.txt');
  });
});
