import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { lintBytes, lintDecodedText } from '../../server/src/engine/run';
import { profileForConfig } from '../../server/src/workspace/profiles';
import { lintFile } from '../helpers/lint-file';

const dir = mkdtempSync(path.join(tmpdir(), 'opinion-lint-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DRAFT = '社区食堂办得好\n●周岚\n\n老人们说,这里的饭菜软烂适口,价格也实在。\n';

describe('lintFile', () => {
  it('reads, decodes and lints a GB18030 file with the config found above it', () => {
    const desk = path.join(dir, 'desk');
    mkdirSync(desk);
    writeFileSync(path.join(desk, '.opinionlintrc.json'), '{ "rules": { "punctuation-width": "error" } }');
    writeFileSync(path.join(desk, 'gbk.txt'), iconv.encode(DRAFT, 'gb18030'));
    const out = lintFile(path.join(desk, 'gbk.txt'), { displayPath: 'desk/gbk.txt' });
    expect(out.configErrors).toEqual([]);
    expect(out.result.file).toBe('desk/gbk.txt');
    expect(out.result.encoding).toBe('gb18030');
    expect(out.result.text).toBe(DRAFT);
    const widths = out.result.findings.filter((f) => f.ruleId === 'punctuation-width');
    expect(widths.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(out.result.summary).toMatchObject({ headline: '社区食堂办得好', authors: ['周岚'] });
  });

  it('returns config errors as data and lints with what was valid', () => {
    const desk = path.join(dir, 'broken');
    mkdirSync(desk);
    writeFileSync(path.join(desk, '.opinionlintrc.json'), '{ "rules": { "no-such-rule": "off" } }');
    writeFileSync(path.join(desk, 'a.txt'), DRAFT);
    const out = lintFile(path.join(desk, 'a.txt'));
    expect(out.configErrors[0].key).toBe('rules.no-such-rule');
    expect(out.result.findings.some((f) => f.ruleId === 'punctuation-width')).toBe(true);
  });

  it('skips a file over the size limit, a missing file and a binary file with reasons', () => {
    writeFileSync(path.join(dir, 'big.txt'), '长'.repeat(2000));
    expect(lintFile(path.join(dir, 'big.txt'), { config: { ...defaultConfig(), maxFileSize: 1000 } }).result.skipped).toContain('文件过大');
    expect(lintFile(path.join(dir, 'missing.txt')).result.skipped).toContain('不存在');
    expect(lintBytes(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), 'x.txt', defaultConfig(), profileForConfig(defaultConfig())).result.skipped).toContain('PDF');
  });
});

describe('lintDecodedText', () => {
  it('treats .md files as Markdown (a # heading is the headline)', () => {
    const md = '<!-- 编辑备注 -->\n\n# 夜市要亮灯更要暖心\n\n●陈思远\n\n夜市热闹起来了。\n';
    expect(lintDecodedText(md, 'a.md', defaultConfig(), profileForConfig(defaultConfig())).result.summary?.headline).toBe('夜市要亮灯更要暖心');
  });

  it('with fix, returns the fixed text and the findings of the fixed text', () => {
    const out = lintDecodedText(DRAFT, 'a.txt', defaultConfig(), profileForConfig(defaultConfig()), { fix: true });
    expect(out.fixed).toBe(2);
    expect(out.fixedText).toBe(DRAFT.replace(/,/g, '，'));
    expect(out.result.text).toBe(out.fixedText);
    expect(out.result.findings.filter((f) => f.fix)).toEqual([]);
  });

  it('applies the byline override of the config to a copy of the shared profile', () => {
    const base = profileForConfig(defaultConfig());
    const custom = profileForConfig({ ...defaultConfig(), byline: { marker: '文/' } });
    expect(custom.house.byline.marker).toBe('文/');
    expect(base.house.byline.marker).toBe('●');
    expect(profileForConfig({ ...defaultConfig(), byline: { marker: '文/' } })).toBe(custom);
  });
});
