import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectCorpusFiles, combineCounts, countCorpusFiles, countCorpusFilesPipelined, CountsSum, learnCorpus, learnCorpusFiles } from '../../server/src/engine/profile/learn';
import { finalizeProfile, mergeProfiles } from '../../server/src/engine/profile/merge';
import { packShard } from '../../server/src/engine/phrases/contributor';
import { serializeProfile } from '../../server/src/engine/profile/serialize';
import { buildShippedProfiles } from '../../server/src/engine/profile/shipped';
import { parseProfileText } from '../../server/src/engine/profile/load';
import { CORPUS_DIR, hasCorpus, PEOPLE_DAILY_DIR, PROJECT_ROOT, SEED_DIR } from '../helpers/corpus';

// A small archive written for this test: the same slogans recur across articles, as in a real one.
const LEADS = ['推动高质量发展', '坚持高质量发展', '实现高质量发展', '服务高质量发展'];
const TOPICS = ['社区食堂', '老旧小区', '夜间经济', '乡村学校', '菜市场', '公交线路', '养老驿站', '口袋公园', '托育机构', '充电桩', '背街小巷', '农贸市场'];

function article(i: number): string {
  const topic = TOPICS[i % TOPICS.length];
  const lead = LEADS[i % LEADS.length];
  const byline = i % 2 ? `●${['林晓', '周扬', '赵一鸣'][i % 3]}\n\n` : '';
  return [
    `${topic}里的民生账（第${i + 1}篇）`,
    '',
    `${byline}${lead}，要从${topic}这样的小事做起。`,
    '',
    `办好${topic}，群众的获得感才实在。把“放管服”落到细处，${lead}才有底气。`,
    '',
    `说到底，${topic}要多听居民意见，以钉钉子精神抓落实，久久为功。`,
    '',
  ].join('\n');
}

function writeArchive(root: string, name: string, from: number, to: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i++) writeFileSync(path.join(dir, `a${String(i).padStart(2, '0')}.txt`), article(i));
  return dir;
}

describe('learning a corpus (project fixtures)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ol-learn-'));
  const archive = writeArchive(root, 'archive', 0, 12);
  const files = readdirSync(archive).sort().map((f) => path.join(archive, f));

  it('counts files, articles, bylines and characters', () => {
    const { stats, profile } = learnCorpus([archive], { name: 'fixture' });
    expect(stats).toMatchObject({ files: 12, articles: 12, bylines: 6, skipped: [] });
    expect(stats.chars).toBeGreaterThan(12 * 50);
    expect(profile.register.sources).toEqual([{ name: 'archive', files: 12, articles: 12, bylines: 6, chars: stats.chars }]);
    expect(profile.kind).toBe('profile');
    expect(profile.register.shard).toBeUndefined();
  });

  it('puts recurring slogans in the table with their counts and references', () => {
    const { profile } = learnCorpus([archive], { name: 'fixture' });
    const hq = profile.register.phrases.find((p) => p.phrase === '高质量发展');
    expect(hq).toMatchObject({ count: 24, articles: 12, maxPerArticle: 2 });
    expect(hq!.examples[0]).toEqual({ headline: '社区食堂里的民生账（第1篇）', file: 'archive/a00.txt', offset: article(0).indexOf('高质量发展') });
    const fgf = profile.register.phrases.find((p) => p.phrase === '放管服');
    expect(fgf).toMatchObject({ quoted: 12, articles: 12 });
    // An article's own subject (named in its headline) is never a slogan, however often it recurs.
    expect(profile.register.phrases.some((p) => p.phrase.includes('食堂'))).toBe(false);
  });

  it('merging shards equals learning the whole, whatever the split', () => {
    const whole = learnCorpus([archive], { name: 'fixture' }).profile;
    const a = learnCorpus(files.slice(0, 5), { name: 'fixture', shard: true }).profile;
    const b = learnCorpus(files.slice(5), { name: 'fixture', shard: true }).profile;
    expect(a.kind).toBe('shard');
    expect(mergeProfiles([a, b], { name: 'fixture' })).toEqual(whole);
    expect(mergeProfiles([b, a], { name: 'fixture' })).toEqual(whole);
    expect(serializeProfile(mergeProfiles([b, a], { name: 'fixture' }))).toBe(serializeProfile(whole));
    // A shard written to JSON and read back merges the same way.
    const reread = [a, b].map((p) => parseProfileText(serializeProfile(p), 'shard.json').profile!);
    expect(mergeProfiles(reread, { name: 'fixture' })).toEqual(whole);
  });

  it('merges shards of a nested corpus exactly when they keep the whole corpus’s references', () => {
    const nested = path.join(root, 'nested');
    writeArchive(nested, '2023', 0, 4);
    writeArchive(nested, '2024', 4, 9);
    const whole = learnCorpus([nested], { name: 'nested' }).profile;
    const { files: all } = collectCorpusFiles([nested]);
    expect(all.map((f) => f.ref).slice(0, 2)).toEqual(['nested/2023/a00.txt', 'nested/2023/a01.txt']);
    const shards = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)].map((part) => learnCorpusFiles(part, { name: 'nested', shard: true }).profile);
    expect(mergeProfiles(shards, { name: 'nested' })).toEqual(whole);
  });

  it('adding raw counts of contiguous shares (as worker threads hand them back) equals learning the whole', () => {
    const nested = path.join(root, 'parallel');
    writeArchive(nested, '2023', 0, 5);
    writeArchive(nested, '2024', 5, 12);
    const whole = learnCorpus([nested], { name: 'parallel' });
    const { files: all } = collectCorpusFiles([nested]);
    for (const cut of [1, 5, 7]) {
      // structuredClone: what postMessage does to a worker's result.
      const parts = [all.slice(0, cut), all.slice(cut)].map((share) => structuredClone(countCorpusFiles(share, { name: 'parallel' })));
      const combined = combineCounts(parts, { name: 'parallel' });
      expect(combined).toEqual(whole);
      expect(serializeProfile(combined.profile)).toBe(serializeProfile(whole.profile));
      // As the collecting worker adds them: its own counts taken over, the next share's phrase
      // shard packed into typed arrays and added separately.
      const [own, next] = parts.map((part) => structuredClone(part));
      const sum = new CountsSum('parallel');
      sum.addFirst(own);
      const packed = structuredClone(packShard(next.profile.register.shard!));
      delete next.profile.register.shard;
      sum.addPacked(next, packed);
      expect({ profile: finalizeProfile(sum.profile), stats: sum.stats }).toEqual(whole);
      expect(() => sum.addFirst(structuredClone(parts[0]))).toThrow();
    }
    // Shares kept as shards, in any order, still add up exactly.
    const shards = [all.slice(6), all.slice(0, 6)].map((share) => countCorpusFiles(share, { name: 'parallel' }));
    expect(combineCounts(shards, { name: 'parallel', shard: true }).profile).toEqual(learnCorpus([nested], { name: 'parallel', shard: true }).profile);
  });

  it('counts the same when the next file is segmented in the background (pipelined, as the CLI learns)', async () => {
    const mixed = path.join(root, 'pipelined');
    writeArchive(mixed, 'archive', 0, 12);
    // An unreadable file among them is skipped the same way.
    writeFileSync(path.join(mixed, 'archive', 'a05.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
    const { files: all, missing } = collectCorpusFiles([mixed]);
    const pipelined = await countCorpusFilesPipelined(all, { name: 'pipelined' }, missing);
    expect(pipelined).toEqual(countCorpusFiles(all, { name: 'pipelined' }, missing));
    expect(pipelined.stats.articles).toBe(11);
    expect(pipelined.stats.skipped.map((s) => s.file)).toEqual(['pipelined/archive/a05.txt']);
  });

  it('writes the same bytes when learning the same corpus twice', () => {
    const first = serializeProfile(learnCorpus([archive], { name: 'fixture' }).profile);
    const second = serializeProfile(learnCorpus([archive], { name: 'fixture' }).profile);
    expect(second).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
  });

  it('skips undecodable files with a reason and learns the rest', () => {
    const mixed = writeArchive(root, 'mixed', 0, 3);
    writeFileSync(path.join(mixed, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const { stats } = learnCorpus([mixed], { name: 'mixed' });
    expect(stats.files).toBe(3);
    expect(stats.skipped).toEqual([{ file: 'mixed/scan.txt', reason: expect.stringContaining('PNG') }]);
  });
});

describe.runIf(hasCorpus)('learning the shared corpora (corpus)', () => {
  it('finds the seed page’s four bylined articles, two by the same author', () => {
    const { stats, profile } = learnCorpus([SEED_DIR], { name: 'seed' });
    expect(stats).toMatchObject({ files: 1, articles: 4, bylines: 4 });
    expect(profile.house.byline).toMatchObject({ articles: 4, articlesWithByline: 4, position: 'after-headline', marker: '●' });
    expect(profile.house.byline.expected).toBe(true);
  });

  it('pipelined counting of 80 people-daily articles and the seed page equals counting them in turn', async () => {
    const { files } = collectCorpusFiles([SEED_DIR, PEOPLE_DAILY_DIR]);
    const some = files.filter((f, i) => f.ref.startsWith('seed/') || i % 10 === 0);
    const pipelined = await countCorpusFilesPipelined(some, { name: 'some' });
    const inTurn = countCorpusFiles(some, { name: 'some' });
    expect(pipelined.stats.articles).toBeGreaterThan(80);
    expect(serializeProfile(finalizeProfile(pipelined.profile))).toBe(serializeProfile(finalizeProfile(inTurn.profile)));
  });

  it('merging two shards of people-daily equals learning them together', () => {
    const files = readdirSync(PEOPLE_DAILY_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 120).map((f) => path.join(PEOPLE_DAILY_DIR, f));
    const whole = learnCorpus(files, { name: 'pd-sample' }).profile;
    const a = learnCorpus(files.slice(0, 47), { name: 'pd-sample', shard: true }).profile;
    const b = learnCorpus(files.slice(47), { name: 'pd-sample', shard: true }).profile;
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
