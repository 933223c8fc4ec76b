import { describe, expect, it } from 'vitest';
import { combineCounts, CorpusLearner, CountsSum, learnTexts, type CorpusText } from '../../server/src/engine/profile/learn';
import { finalizeProfile, mergeProfiles } from '../../server/src/engine/profile/merge';
import { serializeProfile } from '../../server/src/engine/profile/serialize';
import { parseProfileText } from '../../server/src/engine/profile/load';
import { unpackStream, type PackedPhraseStream } from '../../server/src/engine/phrases/stream';

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

/** Articles `from`…`to - 1` as the texts of files `<source>/<folder>/aNN.txt`, in reference order. */
function archive(source: string, from: number, to: number, folder = ''): CorpusText[] {
  const out: CorpusText[] = [];
  for (let i = from; i < to; i++) {
    const text = article(i);
    out.push({ ref: `${source}/${folder ? `${folder}/` : ''}a${String(i).padStart(2, '0')}.txt`, source, bytes: Buffer.byteLength(text), meta: { markdown: false }, text });
  }
  return out;
}

describe('learning from texts (project fixtures)', () => {
  const files = archive('archive', 0, 12);

  it('counts files, articles, bylines and characters', () => {
    const { stats, profile } = learnTexts(files, { name: 'fixture' });
    expect(stats).toMatchObject({ files: 12, articles: 12, bylines: 6, skipped: [] });
    expect(stats.bytes).toBe(files.reduce((s, f) => s + f.bytes, 0));
    expect(stats.chars).toBeGreaterThan(12 * 50);
    expect(profile.register.sources).toEqual([{ name: 'archive', files: 12, articles: 12, bylines: 6, chars: stats.chars }]);
    expect(profile.kind).toBe('profile');
    expect(profile.register.shard).toBeUndefined();
  });

  it('puts recurring formulae in the table with their counts and references, quotations beside it', () => {
    const { profile } = learnTexts(files, { name: 'fixture' });
    const hq = profile.register.phrases.find((p) => p.phrase === '高质量发展');
    expect(hq).toMatchObject({ kind: 'formula', count: 24, articles: 12, maxPerArticle: 2, limit: 3 });
    expect(hq!.examples[0]).toEqual({ headline: '社区食堂里的民生账（第1篇）', file: 'archive/a00.txt', offset: article(0).indexOf('高质量发展') });
    expect(profile.register.quoted).toContainEqual({ phrase: '放管服', articles: 12, maxPerArticle: 1 });
    // An article's own subject (named in its headline, once in the archive) is never a formula.
    expect(profile.register.phrases.some((p) => p.phrase.includes('食堂'))).toBe(false);
  });

  it('merging shards equals learning the whole, whatever the split', () => {
    const whole = learnTexts(files, { name: 'fixture' }).profile;
    const a = learnTexts(files.slice(0, 5), { name: 'fixture', shard: true }).profile;
    const b = learnTexts(files.slice(5), { name: 'fixture', shard: true }).profile;
    expect(a.kind).toBe('shard');
    expect(mergeProfiles([a, b], { name: 'fixture' })).toEqual(whole);
    expect(mergeProfiles([b, a], { name: 'fixture' })).toEqual(whole);
    expect(serializeProfile(mergeProfiles([b, a], { name: 'fixture' }))).toBe(serializeProfile(whole));
    // A shard written to JSON and read back merges the same way.
    const reread = [a, b].map((p) => parseProfileText(serializeProfile(p), 'shard.json').profile!);
    expect(mergeProfiles(reread, { name: 'fixture' })).toEqual(whole);
  });

  it('packs a shard’s streams with the most used words first and offsets only where a token does not follow the one before', () => {
    const shard = learnTexts(files, { name: 'fixture', shard: true }).profile;
    const packed = shard.register.shard as PackedPhraseStream;
    const stream = unpackStream(packed);
    const uses = new Map<string, number>();
    for (const a of stream.articles) for (const t of a.tokens) uses.set(stream.words[t], (uses.get(stream.words[t]) ?? 0) + 1);
    const counts = packed.words.map((w) => uses.get(w) ?? 0);
    expect(counts).toEqual(counts.slice().sort((x, y) => y - x));
    for (const a of stream.articles) {
      const text = files.find((f) => a.file === f.ref)!.text!;
      a.tokens.forEach((t, i) => {
        const word = stream.words[t];
        if (word !== '\n') expect(text.slice(a.offsets[i], a.offsets[i] + word.length)).toBe(word);
      });
    }
    // Read back from its JSON, the same streams.
    expect(unpackStream(parseProfileText(serializeProfile(shard), 'shard.json').profile!.register.shard!)).toEqual(stream);
  });

  it('merges shards of a nested corpus exactly when they keep the whole corpus’s references', () => {
    const all = [...archive('nested', 0, 4, '2023'), ...archive('nested', 4, 9, '2024')];
    const whole = learnTexts(all, { name: 'nested' }).profile;
    const shards = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)].map((part) => learnTexts(part, { name: 'nested', shard: true }).profile);
    expect(mergeProfiles(shards, { name: 'nested' })).toEqual(whole);
  });

  it('adding raw counts of contiguous shares (as a pool’s workers hand them on) equals learning the whole', () => {
    const all = [...archive('parallel', 0, 5, '2023'), ...archive('parallel', 5, 12, '2024')];
    const whole = learnTexts(all, { name: 'parallel' });
    const countsOf = (share: CorpusText[]) => {
      const learner = new CorpusLearner('parallel');
      for (const f of share) learner.add(f);
      return learner.counts();
    };
    for (const cut of [1, 5, 7]) {
      // structuredClone: what postMessage does to a worker's counts.
      const parts = [all.slice(0, cut), all.slice(cut)].map((share) => structuredClone(countsOf(share)));
      const combined = combineCounts(parts, { name: 'parallel' });
      expect(combined).toEqual(whole);
      expect(serializeProfile(combined.profile)).toBe(serializeProfile(whole.profile));
      // As the collector adds them, one share after the other.
      const sum = new CountsSum('parallel');
      for (const part of parts) sum.add(structuredClone(part));
      expect({ profile: finalizeProfile(sum.profile), stats: sum.stats }).toEqual(whole);
    }
    // Shares kept as shards, in any order, still add up exactly.
    const shards = [all.slice(6), all.slice(0, 6)].map(countsOf);
    expect(combineCounts(shards, { name: 'parallel', shard: true }).profile).toEqual(learnTexts(all, { name: 'parallel', shard: true }).profile);
  });

  it('a learner’s counts are taken once', () => {
    const learner = new CorpusLearner('once');
    learner.add(files[0]);
    learner.counts();
    expect(() => learner.finish()).toThrow();
  });

  it('writes the same bytes when learning the same texts twice', () => {
    const first = serializeProfile(learnTexts(files, { name: 'fixture' }).profile);
    const second = serializeProfile(learnTexts(files, { name: 'fixture' }).profile);
    expect(second).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
  });

  it('records unreadable files and missing paths as skipped, and learns the rest', () => {
    const mixed = archive('mixed', 0, 3);
    const learner = new CorpusLearner('mixed');
    learner.skip('nowhere', '路径不存在，已跳过。');
    learner.add(mixed[0]);
    learner.add({ ref: 'mixed/scan.txt', source: 'mixed', bytes: 8, meta: {}, unreadable: '这是PNG 图片，不是文本稿件，已跳过。' });
    for (const f of mixed.slice(1)) learner.add(f);
    const { stats, profile } = learner.finish();
    expect(stats.files).toBe(3);
    expect(stats.skipped).toEqual([
      { file: 'nowhere', reason: '路径不存在，已跳过。' },
      { file: 'mixed/scan.txt', reason: expect.stringContaining('PNG') },
    ]);
    expect(profile.register.sources).toEqual([expect.objectContaining({ name: 'mixed', files: 3, articles: 3 })]);
  });
});
