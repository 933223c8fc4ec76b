import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DRAFTS, spawnBin, tempDir } from './helpers';

const { dir, cleanup } = tempDir('interrupt');
afterAll(cleanup);

const FILES = 1500;
const fixed = DRAFTS.commas.replace(/(?<=[\u4e00-\u9fff]),/g, '，');

describe('Ctrl-C', () => {
  it('stops a folder lint promptly, exits 130 and leaves no partial writes', async () => {
    const root = path.join(dir, 'desk');
    mkdirSync(root);
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(root, `稿件${String(i).padStart(4, '0')}.txt`), DRAFTS.commas);

    const child = spawnBin(['lint', 'desk', '--fix', '--format', 'json', '-o', 'report.json'], dir);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt once the run is under way: as soon as the first draft is fixed on disk (a fixed delay
    // raced the lint itself, which can now finish 1,500 drafts in under two seconds).
    const first = readdirSync(root).sort().slice(0, 20);
    const underWay = setInterval(() => {
      if (first.some((n) => readFileSync(path.join(root, n), 'utf8') === fixed)) {
        clearInterval(underWay);
        child.kill('SIGINT');
      }
    }, 10);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(underWay);

    expect(code).toBe(130);
    expect(stderr).toContain('已中断');
    expect(existsSync(path.join(dir, 'report.json'))).toBe(false);
    const names = [...readdirSync(dir), ...readdirSync(root)];
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Every draft is either untouched or completely fixed: nothing half-written.
    const contents = new Set(readdirSync(root).map((n) => readFileSync(path.join(root, n), 'utf8')));
    for (const c of contents) expect([DRAFTS.commas, fixed]).toContain(c);
    expect(readdirSync(root)).toHaveLength(FILES);
  });
});
