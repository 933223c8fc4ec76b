import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
