import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/src/workspace/cache';
import { writeFixedFile } from '../../server/src/workspace/lint-files';
import { DRAFTS, runBin, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('fix');
afterAll(cleanup);

function snapshot(file: string) {
  const st = statSync(file);
  return { bytes: readFileSync(file), mtimeMs: st.mtimeMs, ino: st.ino };
}

const fixableRemaining = (sarif: string) => JSON.parse(sarif).runs[0].results.filter((r: { fixes?: unknown[] }) => r.fixes?.length).length;

describe('lint --fix', () => {
  it('fixes what it can, atomically, and leaves files without fixes untouched (built CLI, worker threads)', () => {
    const root = path.join(dir, 'round-trip');
    mkdirSync(root);
    for (const [name, text] of Object.entries(DRAFTS)) writeFileSync(path.join(root, `${name}.txt`), text);
    const before = { commas: snapshot(path.join(root, 'commas.txt')), clean: snapshot(path.join(root, 'clean.txt')), unbalanced: snapshot(path.join(root, 'unbalanced.txt')) };

    const run = runBin(['lint', '--fix', '.'], root);
    expect(run.stdout).toContain('已自动修复 2 处（1 个文件）');
    // The unbalanced quote has no safe fix: it is still reported, and the run still fails.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('punctuation-pairing');
    expect(run.stdout).not.toContain('punctuation-width');

    const after = snapshot(path.join(root, 'commas.txt'));
    expect(after.bytes.toString('utf8')).toBe(DRAFTS.commas.replace('改造之初,有人主张推倒重建,也有人', '改造之初，有人主张推倒重建，也有人'));
    // Replaced by rename, not rewritten in place.
    expect(after.ino).not.toBe(before.commas.ino);
    for (const name of ['clean', 'unbalanced'] as const) {
      const now = snapshot(path.join(root, `${name}.txt`));
      expect(now.bytes.equals(before[name].bytes)).toBe(true);
      expect(now.mtimeMs).toBe(before[name].mtimeMs);
      expect(now.ino).toBe(before[name].ino);
    }
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const relint = runBin(['lint', '.', '--format', 'sarif'], root);
    expect(fixableRemaining(relint.stdout)).toBe(0);
  });

  it('writes a GB18030 file back in GB18030 and keeps CRLF line endings', async () => {
    const text = DRAFTS.commas.replace(/\n/g, '\r\n');
    const file = path.join(dir, 'gbk-crlf.txt');
    writeFileSync(file, iconv.encode(text, 'gb18030'));
    const run = await runInProcess(['lint', '--fix', 'gbk-crlf.txt'], dir);
    expect(run.code).toBe(0);
    const bytes = readFileSync(file);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const fixed = iconv.decode(bytes, 'gb18030');
    expect(fixed).toBe(text.replace(/(?<=[\u4e00-\u9fff]),/g, '，'));
    expect(fixed.split('\r\n')).toHaveLength(text.split('\r\n').length);
  });

  it('keeps a UTF-8 BOM', async () => {
    const file = path.join(dir, 'bom.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFTS.commas)]));
    await runInProcess(['lint', '--fix', 'bom.txt'], dir);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).not.toMatch(/[\u4e00-\u9fff],/);
  });

  it('does not touch a file with findings but no fixes', async () => {
    const file = path.join(dir, 'nofix.txt');
    writeFileSync(file, DRAFTS.unbalanced);
    const before = snapshot(file);
    const run = await runInProcess(['lint', '--fix', 'nofix.txt'], dir);
    expect(run.code).toBe(1);
    const after = snapshot(file);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });
});

describe('writing a fixed file', () => {
  it('refuses to overwrite a file changed on disk since it was read', () => {
    const file = path.join(dir, 'changed.txt');
    writeFileSync(file, DRAFTS.commas);
    const readHash = sha256(readFileSync(file));
    // An editor saves a new version while the linter is working.
    const edited = DRAFTS.commas.replace('留住烟火气', '守住烟火气');
    writeFileSync(file, edited);
    const refusal = writeFixedFile(file, Buffer.from(DRAFTS.commas.replace(/,/g, '，')), readHash);
    expect(refusal).toContain('被修改');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('refuses when the file was deleted, and writes when unchanged', () => {
    const gone = path.join(dir, 'gone.txt');
    expect(writeFixedFile(gone, Buffer.from('新内容'), sha256('旧内容'))).toContain('删除');
    const file = path.join(dir, 'same.txt');
    writeFileSync(file, '旧内容');
    expect(writeFixedFile(file, Buffer.from('新内容'), sha256(Buffer.from('旧内容')))).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('新内容');
  });
});
