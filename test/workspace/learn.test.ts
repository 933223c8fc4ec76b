import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { learnTexts } from '../../server/src/engine/profile/learn';
import { mergeProfiles } from '../../server/src/engine/profile/merge';
import { serializeProfile } from '../../server/src/engine/profile/serialize';
import { collectCorpusFiles, readCorpusFile } from '../../server/src/workspace/corpus';
import { learnCorpus, learnCorpusHere, splitShares } from '../../server/src/workspace/learn';
import { buildShippedProfiles } from '../../server/src/workspace/shipped-profiles';
import { CORPUS_DIR, hasCorpus, PEOPLE_DAILY_DIR, PROJECT_ROOT, SEED_DIR } from '../helpers/corpus';

const PAGE = '评论\n夜市重开要管好烟火气\n●林晓\n夜市重新开张，街坊们又能吃上热乎的小吃了。烟火气回来了，\n卫生和噪声也要有人管，夜市才能开得长久。\n';

describe('a corpus on disk', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ol-corpus-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const nested = path.join(root, 'archive');
  mkdirSync(path.join(nested, '2023'), { recursive: true });
  mkdirSync(path.join(nested, '.drafts'), { recursive: true });
  writeFileSync(path.join(nested, '2023', 'b.txt'), PAGE);
  writeFileSync(path.join(nested, '2023', 'a.md'), `# 让公园更开放\n\n●赵一鸣\n\n城市公园拆除围墙以后，周边居民散步的路线多了起来。\n`);
  writeFileSync(path.join(nested, '2023', 'notes.docx'), 'not a corpus file');
  writeFileSync(path.join(nested, '.drafts', 'c.txt'), PAGE);
  writeFileSync(path.join(nested, 'MANIFEST.tsv'), 'file\tbyline_pos\nz.txt\tend\n');
  writeFileSync(path.join(nested, 'z.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));

  it('collects .txt and .md files by reference, skipping hidden folders, and names missing paths', () => {
    const { files, missing } = collectCorpusFiles([nested, path.join(root, 'nowhere')]);
    expect(files.map((f) => f.ref)).toEqual(['archive/2023/a.md', 'archive/2023/b.txt', 'archive/z.txt']);
    expect(files.map((f) => f.source)).toEqual(['archive', 'archive', 'archive']);
    expect(files[0].meta).toEqual({ markdown: true });
    expect(files[2].meta).toEqual({ bylinePos: 'end', markdown: false });
    expect(files[1].bytes).toBe(Buffer.byteLength(PAGE));
    expect(missing).toEqual([{ file: path.join(root, 'nowhere'), reason: '路径不存在，已跳过。' }]);
  });

  it('reads a file into the text the engine learns from, or the reason it cannot', () => {
    const { files } = collectCorpusFiles([nested]);
    expect(readCorpusFile(files[1])).toMatchObject({ ref: 'archive/2023/b.txt', text: PAGE });
    expect(readCorpusFile(files[2])).toMatchObject({ ref: 'archive/z.txt', unreadable: expect.stringContaining('PNG') });
    expect(readCorpusFile(files[1], 10)).toMatchObject({ unreadable: expect.stringContaining('文件过大') });
  });

  it('learning the folder equals learning the texts read from it, the unreadable file skipped', async () => {
    const here = learnCorpusHere([nested], { name: 'archive' });
    const { files } = collectCorpusFiles([nested]);
    expect(here).toEqual(learnTexts(files.map((f) => readCorpusFile(f)), { name: 'archive' }));
    expect(here.stats).toMatchObject({ files: 2, articles: 2, skipped: [{ file: 'archive/z.txt', reason: expect.stringContaining('PNG') }] });
    // From sources no worker is built: any number of jobs learns in this thread, alike.
    expect(await learnCorpus([nested], { name: 'archive', jobs: 2 })).toEqual(here);
  });

  it('a progress report follows every file', () => {
    const seen: string[] = [];
    learnCorpusHere([nested], { name: 'archive', onProgress: (p) => seen.push(`${p.filesDone}/${p.filesTotal} ${p.file}`) });
    expect(seen).toEqual(['1/3 archive/2023/a.md', '2/3 archive/2023/b.txt', '3/3 archive/z.txt']);
  });

  it('cuts files into contiguous shares of about equal bytes, none empty', () => {
    const files = [5, 1, 1, 1, 1, 1].map((bytes, i) => ({ bytes, i }));
    expect(splitShares(files, 2).map((s) => s.map((f) => f.i))).toEqual([[0], [1, 2, 3, 4, 5]]);
    expect(splitShares(files, 3).map((s) => s.length)).toEqual([1, 2, 3]);
    expect(splitShares(files.slice(0, 2), 4).map((s) => s.length)).toEqual([1, 1]);
    expect(splitShares(files, 1)).toEqual([files]);
    const even = Array.from({ length: 10 }, (_, i) => ({ bytes: 10, i }));
    expect(splitShares(even, 2).map((s) => s.length)).toEqual([5, 5]);
    expect(splitShares(even, 3).map((s) => s.length)).toEqual([3, 4, 3]);
  });
});

// Sentences of a made-up city's opinion page, combined into files by a fixed pseudo-random order.
const SENTENCES = [
  '社区食堂开到了老人家门口，一顿午饭只要十二元。',
  '推动高质量发展，关键在于把每一项政策落到实处。',
  '去年全市新建口袋公园86个，居民步行十分钟就能走进绿地。',
  '据市统计局发布的数据，上半年全市居民人均可支配收入增长6.2%。',
  '办好民生实事，不能只看数字好不好看，更要看群众满不满意。',
  '打通政策落地的最后一公里，需要基层干部多跑腿、多倾听。',
  '有的地方热衷于造声势，真金白银却没有花在刀刃上。',
  '夜间经济回暖，街边小店的灯光一直亮到深夜。',
  '乡村学校的图书角添了新书，孩子们放学后不急着回家了。',
  '城市更新不是大拆大建，而是一针一线的绣花功夫。',
  '今年一季度，全省新能源汽车产量同比增长三成以上。',
  '为企业减负，要在审批上做减法，在服务上做加法。',
  '加装电梯这件事，楼上楼下的邻居商量了整整两年。',
  '守住耕地红线，就是守住全社会的饭碗。',
  '数字化转型给老厂房带来了新订单😀，也带来了新考题。',
  '户籍窗口的系统终于能显示“𠀀”这样的生僻字了。',
];
const HEADLINES = ['让社区食堂香起来', '民生实事要办到心坎上', '城市更新重在绣花功夫', '给基层减负才能多办实事', '口袋公园贵在方便', '夜市要有烟火气也要有秩序'];
const NAMES = ['林晓', '周明远', '赵一鸣', '孙若溪'];

/** A small archive of single-article files, pages of several articles (one line broken mid-sentence), a Markdown file, an empty and an unreadable file. */
function writeArchive(dir: string): void {
  let seed = 7;
  const pick = <T>(list: readonly T[]) => list[(seed = (seed * 1103515245 + 12345) % 2147483648) % list.length];
  const body = (paragraphs: number) => Array.from({ length: paragraphs }, () => Array.from({ length: 4 }, () => pick(SENTENCES)).join('')).join('\n');
  for (let i = 0; i < 60; i++) {
    const file = path.join(dir, `${String(i).padStart(3, '0')}.txt`);
    if (i % 10 === 3) {
      const articles = [0, 1, 2].map((k) => `${HEADLINES[(i + k) % HEADLINES.length]}\n●${NAMES[(i + k) % NAMES.length]}\n${body(6)}`);
      const broken = articles[1].replace('。', '。\n').replace(/，/, '，\n');
      writeFileSync(file, `评论\n${articles[0]}\n■图为社区食堂一角（资料图片）\n${broken}\n${articles[2]}\n`);
    } else writeFileSync(file, `${pick(HEADLINES)}\n${i % 2 ? `●${pick(NAMES)}\n` : ''}${body(12)}\n`);
  }
  writeFileSync(path.join(dir, '061.md'), `# 口袋公园贵在方便\n\n●林晓\n\n${body(8).replace(/\n/g, '\n\n')}\n`);
  writeFileSync(path.join(dir, '062.txt'), '');
  writeFileSync(path.join(dir, '063.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
}

describe('learning files in batches, each segmented in one call', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ol-batches-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, 'city');
  mkdirSync(dir);
  writeArchive(dir);
  const { files } = collectCorpusFiles([dir]);

  it('gives the profile learning file by file gives', () => {
    // Several of learnFiles' batches (64 KB of text).
    expect(files.reduce((s, f) => s + f.bytes, 0)).toBeGreaterThan(3 * 64 * 1024);
    for (const shard of [false, true]) {
      const batched = learnCorpusHere([dir], { name: 'city', shard });
      const byFile = learnTexts(files.map((f) => readCorpusFile(f)), { name: 'city', shard });
      expect(serializeProfile(batched.profile)).toBe(serializeProfile(byFile.profile));
      expect(batched.stats).toEqual(byFile.stats);
    }
    const { stats, profile } = learnCorpusHere([dir], { name: 'city' });
    expect(stats).toMatchObject({ files: 62, articles: 6 * 3 + 54 + 1, skipped: [{ file: 'city/063.txt', reason: expect.stringContaining('PNG') }] });
    expect(profile.house.figures.length).toBeGreaterThan(0);
  });
});

describe.runIf(hasCorpus)('learning the shared corpora (corpus)', () => {
  it('finds the seed page’s four bylined articles, two by the same author', () => {
    const { stats, profile } = learnCorpusHere([SEED_DIR], { name: 'seed' });
    expect(stats).toMatchObject({ files: 1, articles: 4, bylines: 4 });
    expect(profile.house.byline).toMatchObject({ articles: 4, articlesWithByline: 4, position: 'after-headline', marker: '●' });
    expect(profile.house.byline.expected).toBe(true);
  });

  it('merging two shards of people-daily equals learning them together', () => {
    const files = readdirSync(PEOPLE_DAILY_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 120).map((f) => path.join(PEOPLE_DAILY_DIR, f));
    const whole = learnCorpusHere(files, { name: 'pd-sample' }).profile;
    const a = learnCorpusHere(files.slice(0, 47), { name: 'pd-sample', shard: true }).profile;
    const b = learnCorpusHere(files.slice(47), { name: 'pd-sample', shard: true }).profile;
    expect(mergeProfiles([a, b], { name: 'pd-sample' })).toEqual(whole);
  });

  describe('shipped profiles', () => {
    let built: ReturnType<typeof buildShippedProfiles>;
    beforeAll(() => {
      built = buildShippedProfiles(CORPUS_DIR);
    }, 300_000);

    it('people-daily: 高质量发展 is in the slogan table with its counts and a reference into the corpus', () => {
      const pd = built['people-daily'];
      expect(pd.register.sources).toEqual([expect.objectContaining({ name: 'people-daily', files: 848, articles: 848 })]);
      const hq = pd.register.phrases.find((p) => p.phrase === '高质量发展')!;
      expect(hq.count).toBeGreaterThan(100);
      expect(hq.articles).toBeGreaterThan(50);
      expect(hq.maxPerArticle).toBeGreaterThanOrEqual(5);
      expect(hq.cliche).toBe(true);
      for (const ex of hq.examples) {
        const text = readFileSync(path.join(CORPUS_DIR, ex.file), 'utf8');
        expect(text.slice(ex.offset, ex.offset + 5)).toBe('高质量发展');
        expect(text.startsWith(ex.headline)).toBe(true);
      }
      expect(pd.register.density.p90).toBeGreaterThan(pd.register.density.p50);
    });

    it('default: house evidence from seed, register evidence from both corpora', () => {
      const def = built.default;
      expect(def.house.sources.map((s) => s.name)).toEqual(['seed']);
      expect(def.register.sources.map((s) => s.name)).toEqual(['people-daily', 'seed']);
      expect(def.house.byline.marker).toBe('●');
      expect(built['people-daily'].house.byline.position).toBe('end');
    });

    it('the files in server/profiles are up to date with the corpus (run `npm run learn:profiles`)', () => {
      for (const name of ['default', 'people-daily'] as const) {
        const shipped = readFileSync(path.join(PROJECT_ROOT, 'server/profiles', `${name}.json`), 'utf8');
        expect(serializeProfile(built[name]) === shipped, `server/profiles/${name}.json is stale`).toBe(true);
        expect(Buffer.byteLength(shipped)).toBeLessThan(3 * 1024 * 1024);
      }
    });
  });
});
