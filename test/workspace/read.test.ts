import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { readBytes, readText } from '../../server/src/workspace/read';

const DRAFT = '让城市更有温度\r\n●李明\r\n\r\n今年以来，全市新开通公交线路12条。\r\n';

describe('reading a file whole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ol-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and decodes a whole file, GB18030 too', () => {
    const file = path.join(dir, 'draft.txt');
    writeFileSync(file, DRAFT);
    expect(readText(file, 1024 * 1024)).toMatchObject({ ok: true, text: DRAFT, encoding: 'utf-8' });
    writeFileSync(file, iconv.encode(DRAFT, 'gb18030'));
    expect(readText(file, 1024 * 1024)).toMatchObject({ ok: true, text: DRAFT, encoding: 'gb18030' });
  });

  it('refuses a file over the size limit instead of truncating it, naming the setting', () => {
    const file = path.join(dir, 'big.txt');
    writeFileSync(file, '城市'.repeat(2000));
    const r = readText(file, 1000);
    expect(r).toEqual({ ok: false, reason: '文件过大（11.7 KB，上限 1000 字节），已跳过。可在 .opinionlintrc.json 中用 maxFileSize 调整上限。' });
    expect(readBytes(file, 12000)).toMatchObject({ ok: true });
  });

  it('reports a missing file, a folder and binary bytes without throwing', () => {
    expect(readText(path.join(dir, 'nope.txt'), 1000)).toEqual({ ok: false, reason: '文件不存在（可能在检查期间被删除），已跳过。' });
    mkdirSync(path.join(dir, 'folder.txt'));
    expect(readText(path.join(dir, 'folder.txt'), 1000)).toEqual({ ok: false, reason: '这是一个文件夹，不是文件，已跳过。' });
    writeFileSync(path.join(dir, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    expect(readText(path.join(dir, 'scan.txt'), 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('PNG') });
  });
});
