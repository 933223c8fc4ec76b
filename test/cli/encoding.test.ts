import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DRAFTS, runBin, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('encoding');
afterAll(cleanup);

const TEXT = DRAFTS.commas + '\n有人说“夜市就是烟火气，这话没错。\n';

describe('encodings', () => {
  it('lints GB18030, UTF-16 and UTF-8-with-BOM files exactly like the UTF-8 original', async () => {
    writeFileSync(path.join(dir, 'utf8.txt'), TEXT);
    writeFileSync(path.join(dir, 'gb18030.txt'), iconv.encode(TEXT, 'gb18030'));
    writeFileSync(path.join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    writeFileSync(path.join(dir, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    const run = await runInProcess(['lint', 'utf8.txt', 'gb18030.txt', 'utf16.txt', 'bom.txt', '--format', 'json'], dir);
    const [utf8, ...others] = JSON.parse(run.stdout);
    expect(utf8.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(expect.arrayContaining(['punctuation-width', 'punctuation-pairing']));
    for (const other of others) expect(other.diagnostics).toEqual(utf8.diagnostics);
    // The built CLI loads iconv-lite from node_modules (its bundles leave it out), on worker threads too.
    const built = runBin(['lint', 'utf8.txt', 'gb18030.txt', '--format', 'json', '--jobs', '2'], dir);
    expect(JSON.parse(built.stdout).map((f: { diagnostics: unknown }) => f.diagnostics)).toEqual([utf8.diagnostics, utf8.diagnostics]);
  });

  it('skips a file that is neither UTF-8 nor Chinese GB18030, saying why', async () => {
    writeFileSync(path.join(dir, 'noise.txt'), Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f))));
    const run = await runInProcess(['lint', 'noise.txt'], dir);
    expect(run.stdout).toMatch(/noise\.txt：(无法识别文件编码|文件含有大量控制字符)/);
    expect(run.code).toBe(0);
  });
});
