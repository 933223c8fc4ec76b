import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBenchFolder, changeNumbers } from '../../scripts/bench/folder';
import { hasCorpus, PEOPLE_DAILY_DIR } from '../helpers/corpus';

const work = mkdtempSync(path.join(tmpdir(), 'bench-folder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Three small articles written for this test, in the corpus layout.
const ARTICLES: Record<string, string> = {
  'a.txt': '让社区食堂办得更久一些（小论）\n\n去年全市新开社区食堂46家，每天服务老人约1.2万人次。\n\n食堂要办得长久，关键在于算好成本账。\n\n有的街道把房租减免三年，效果明显。\n',
  'b.txt': '校园午餐要看得见（评论）\n（作者为本报记者）\n\n今年春季学期起，12所学校的后厨接入了直播。\n\n家长在手机上就能看到备餐的全过程。\n',
  'c.txt': '夜市里的城市温度（小论）\n\n一条600米的老街，晚上能聚起上百个摊位。\n\n管理者少一些“一刀切”，多一些绣花功夫。\n\n烟火气背后是实打实的就业岗位。\n',
};

function writeCorpus(): string {
  const dir = path.join(work, 'corpus');
  rmSync(dir, { recursive: true, force: true });
  require('node:fs').mkdirSync(dir);
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('changeNumbers', () => {
  it('changes the last digit of every number, ASCII and full-width, and nothing else', () => {
    expect(changeNumbers('新开46家，约1.2万人次，第３批', 1)).toBe('新开47家，约2.3万人次，第４批');
    expect(changeNumbers('49年', 3)).toBe('42年');
    expect(changeNumbers('没有数字的句子。', 2)).toBe('没有数字的句子。');
  });
});

describe('buildBenchFolder', () => {
  it('writes the requested number of files, variants differing in their numbers', () => {
    const corpus = writeCorpus();
    const out = path.join(work, 'out-count');
    const built = buildBenchFolder({ corpusDir: corpus, outDir: out, files: 7, bytes: 1 });
    const names = readdirSync(out).sort();
    expect(built.files).toBe(7);
    expect(names).toHaveLength(7);
    expect(built.variants).toBe(3);
    expect(names.filter((n) => n.endsWith('a.txt'))).toEqual(['v1-a.txt', 'v2-a.txt', 'v3-a.txt']);
    const v1 = readFileSync(path.join(out, 'v1-a.txt'), 'utf8');
    const v2 = readFileSync(path.join(out, 'v2-a.txt'), 'utf8');
    expect(v1).not.toBe(v2);
    expect(v1).toContain('新开社区食堂47家');
    expect(v2).toContain('新开社区食堂48家');
    expect(v1.replace(/\d/g, '#')).toBe(v2.replace(/\d/g, '#'));
  });

  it('pads files with paired paragraphs of another article to reach the requested size', () => {
    const corpus = writeCorpus();
    const out = path.join(work, 'out-size');
    const base = buildBenchFolder({ corpusDir: corpus, outDir: out, files: 3, bytes: 1 }).bytes;
    const built = buildBenchFolder({ corpusDir: corpus, outDir: out, files: 3, bytes: base * 2 });
    const onDisk = readdirSync(out).reduce((sum, n) => sum + statSync(path.join(out, n)).size, 0);
    expect(built.bytes).toBe(onDisk);
    // Whole paragraphs are added, so the total lands near, not on, the target.
    expect(onDisk).toBeGreaterThan(base * 1.7);
    expect(onDisk).toBeLessThan(base * 2.3);
    // Padding joins two paragraphs of the source article into one line.
    const padded = readFileSync(path.join(out, 'v1-a.txt'), 'utf8');
    expect(padded).toContain('今年春季学期起，13所学校的后厨接入了直播。家长在手机上就能看到备餐的全过程。');
  });
});

describe.runIf(hasCorpus)('buildBenchFolder on people-daily', () => {
  it('reaches about 2,500 files and 10–13 MB', () => {
    const built = buildBenchFolder({ corpusDir: PEOPLE_DAILY_DIR, outDir: path.join(work, 'pd'), files: 2500, bytes: 11.5e6 });
    expect(built.files).toBe(2500);
    expect(built.bytes).toBeGreaterThan(10e6);
    expect(built.bytes).toBeLessThan(13e6);
  });
});
