import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackStream } from '../../server/src/engine/phrases/stream';
import { PROJECT_ROOT } from '../helpers/corpus';
import { runBin, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('learn');
afterAll(cleanup);

// Two small invented "archives": each file one article, house byline ●name after the headline.
const ARTICLES = {
  'desk-a/1.txt': '让公园更开放\n●赵一鸣\n\n城市公园拆除围墙以后，周边居民散步的路线一下子多了起来。开放不是一拆了之，管理要跟得上，绿地才能既好看又好用。\n',
  'desk-a/2.txt': '菜市场也要有温度\n●钱小雨\n\n老菜市场改造后地面干净了，摊位整齐了。改造不能只看面子，还要听听摊主和买菜老人的意见，让菜市场留住人情味。\n',
  'desk-b/1.txt': '夜校为何受欢迎\n●孙立\n\n年轻人下班后走进夜校，学烘焙、学书法、学摄影。夜校火起来，说明城市需要更多低门槛的学习空间，公共文化服务要往这里多使把劲。\n',
};

describe('learn and merge', () => {
  for (const [rel, text] of Object.entries(ARTICLES)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }

  it('learns a profile and reports files, articles, bylines and characters', async () => {
    const run = await runInProcess(['learn', 'desk-a', '-o', 'house.json', '--name', '城市版'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/文风语料：2 个文件（[^）]+），2 篇文章，2 个署名，\d+ 个汉字/);
    const profile = JSON.parse(readFileSync(path.join(dir, 'house.json'), 'utf8'));
    expect(profile).toMatchObject({ format: 'opinion-lint-profile', name: '城市版', kind: 'profile' });
    expect(profile.house.byline.marker).toBe('●');
  });

  it('a learned profile can be used with --profile', async () => {
    writeFileSync(path.join(dir, 'draft.txt'), '公园开放之后\n●周七\n\n围墙拆了,绿地用起来了。\n');
    const run = await runInProcess(['lint', 'draft.txt', '--profile', './house.json', '--format', 'json'], dir);
    expect(JSON.parse(run.stdout)[0].diagnostics.map((d: { rule: string }) => d.rule)).toContain('punctuation-width');
  });

  it('merging shards equals learning on the whole', async () => {
    expect((await runInProcess(['learn', 'desk-a', '-o', 'a.json', '--shard', '--name', '全部'], dir)).code).toBe(0);
    expect((await runInProcess(['learn', 'desk-b', '-o', 'b.json', '--shard', '--name', '全部'], dir)).code).toBe(0);
    const merge = await runInProcess(['merge', 'a.json', 'b.json', '-o', 'merged.json', '--name', '全部'], dir);
    expect(merge.code).toBe(0);
    expect(merge.stderr).toContain('已合并 2 个档案');
    expect((await runInProcess(['learn', 'desk-a', 'desk-b', '-o', 'whole.json', '--name', '全部'], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'merged.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'whole.json'), 'utf8'));
  });

  it('learning on two worker threads (built CLI) writes the same bytes as learning in one thread', () => {
    const threaded = runBin(['learn', 'desk-a', 'desk-b', '-o', 'threaded.json', '--name', '全部', '-j', '2'], dir);
    expect(threaded.code).toBe(0);
    const single = runBin(['learn', 'desk-a', 'desk-b', '-o', 'single.json', '--name', '全部', '-j', '0'], dir);
    expect(single.code).toBe(0);
    expect(threaded.stderr).toMatch(/文风语料：3 个文件（[^）]+），3 篇文章，3 个署名/);
    expect(readFileSync(path.join(dir, 'threaded.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'single.json'), 'utf8'));
    // Three workers: the collector adds two later shares, in order; a shard keeps every count.
    expect(runBin(['learn', 'desk-a', 'desk-b', '-o', 'three.json', '--name', '全部', '-j', '3'], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, 'three.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'single.json'), 'utf8'));
    expect(runBin(['learn', 'desk-a', 'desk-b', '-o', 'shard-threaded.json', '--shard', '--name', '全部', '-j', '3'], dir).code).toBe(0);
    expect(runBin(['learn', 'desk-a', 'desk-b', '-o', 'shard-single.json', '--shard', '--name', '全部', '-j', '0'], dir).code).toBe(0);
    const shard = readFileSync(path.join(dir, 'shard-threaded.json'), 'utf8');
    expect(JSON.parse(shard).register.shard.articles).toHaveLength(3);
    expect(shard).toBe(readFileSync(path.join(dir, 'shard-single.json'), 'utf8'));
  }, 60_000);

  it('the built CLI (a pool of one and of two workers) learns what learning from sources learns, skipped files included', async () => {
    mkdirSync(path.join(dir, 'desk-c'), { recursive: true });
    writeFileSync(path.join(dir, 'desk-c/1.txt'), ARTICLES['desk-b/1.txt'].replace('孙立', '周林'));
    // A GBK file (decoded by a worker) and a binary one (skipped there, with its reason).
    writeFileSync(path.join(dir, 'desk-c/2.txt'), Buffer.from('d0a3d4b0b1e4c1cbd1f90a0ab8c4d4ecbaf3b5c4d0a3d4b0b2d9b3a1b8fcb4f3c1cba3acbfcebce4bbeeb6afd2b2b8fcb7e1b8bbc1cba1a30a', 'hex'));
    writeFileSync(path.join(dir, 'desk-c/3.txt'), Buffer.from([0x61, 0x00, 0x62, 0x00, 0x0a]));
    // A page of two articles with lines broken mid-sentence: rebuilt drafts whose offsets map back to the file.
    writeFileSync(
      path.join(dir, 'desk-c/4.txt'),
      '评论\n夜市重开要管好烟火气\n●林晓\n夜市重新开张，街坊们又能吃上热乎的小吃了。烟火气回来了，\n卫生和噪声也要有人管，夜市才能开得长久。\n' +
        '让老街区留住年轻人\n●陈默\n老街区的房子旧了，年轻人就搬走了。改造老街区，不能只刷外墙，\n还要补上托育、健身这些年轻人在意的配套，让“烟火气”留下来。\n',
    );
    // The built CLI has the worker; from sources, learning reads and counts in its own thread.
    expect(existsSync(path.join(PROJECT_ROOT, 'server/out/learn.worker.js'))).toBe(true);
    for (const kind of [[], ['-j', '2'], ['--shard']]) {
      const inThread = await runInProcess(['learn', 'desk-a', 'desk-c', '-o', 'here.json', '--name', '读取', ...kind], dir);
      const threads = runBin(['learn', 'desk-a', 'desk-c', '-o', 'threads.json', '--name', '读取', '-j', '1', ...kind], dir);
      expect(threads.code).toBe(inThread.code);
      const skipped = (stderr: string) => stderr.split('\n').filter((line) => line.includes('已跳过'));
      expect(skipped(threads.stderr)).toEqual(skipped(inThread.stderr));
      expect(skipped(threads.stderr)).toEqual([expect.stringContaining('desk-c/3.txt')]);
      expect(threads.stderr).toMatch(/文风语料：5 个文件（[^）]+），6 篇文章/);
      expect(readFileSync(path.join(dir, 'threads.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'here.json'), 'utf8'));
    }
    // The shard's token offsets in the page's second article point at each word in the file.
    const pageText = readFileSync(path.join(dir, 'desk-c/4.txt'), 'utf8');
    const shard = unpackStream(JSON.parse(readFileSync(path.join(dir, 'threads.json'), 'utf8')).register.shard);
    const second = shard.articles.find((a) => a.headline === '让老街区留住年轻人')!;
    const words = [...second.tokens].map((t, i) => [shard.words[t], second.offsets[i]] as const).filter(([w]) => /^\p{Script=Han}+$/u.test(w));
    expect(words.length).toBeGreaterThan(20);
    for (const [word, offset] of words) {
      expect(offset).toBeGreaterThan(pageText.indexOf('让老街区留住年轻人'));
      expect(pageText.slice(offset, offset + word.length)).toBe(word);
    }
  }, 60_000);

  it('refuses a broken profile in merge with the file named', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{ "format": "opinion-lint-profile", "version": 1');
    const run = await runInProcess(['merge', 'a.json', 'broken.json', '-o', 'x.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken.json');
  });

  it('exits 1 with a warning when the corpus has no articles', async () => {
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const run = await runInProcess(['learn', 'empty', '-o', 'empty.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('没有在语料中找到任何文章');
  });
});
