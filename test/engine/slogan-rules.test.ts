import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { loadProfile } from '../../server/src/workspace/profiles';
import type { PhraseStats, Profile } from '../../server/src/engine/profile/types';
import { findFormulaicPhrases } from '../../server/src/engine/phrases/find';
import { sloganRepeat } from '../../server/src/engine/rules/slogan-repeat';
import { sloganCliche } from '../../server/src/engine/rules/slogan-cliche';
import { sloganDensity } from '../../server/src/engine/rules/slogan-density';
import type { RuleContext } from '../../server/src/engine/rules/rule';
import { hasCorpus, PEOPLE_DAILY_DIR, SEED_DIR, readSeedPage } from '../helpers/corpus';

function phrase(p: string, over: Partial<PhraseStats> = {}): PhraseStats {
  return {
    phrase: p,
    quoted: 0,
    count: 120,
    articles: 60,
    maxPerArticle: 2,
    keyness: 8,
    cliche: false,
    examples: [{ headline: '示例标题', file: 'corpus/a.txt', offset: 40 }],
    ...over,
  };
}

function profileWith(phrases: PhraseStats[], p90 = 0): Profile {
  const profile = emptyProfile('test');
  profile.register.phrases = phrases;
  profile.register.density = { binWidth: 0.5, histogram: [], p50: p90 / 2, p75: p90 * 0.75, p90 };
  return profile;
}

const noAllow: RuleContext = { allowPhrases: new Set() };
const repeat = (text: string, profile: Profile, options = sloganRepeat.defaultOptions, ctx = noAllow) =>
  sloganRepeat.check(parseDraft(text), profile, options, ctx);

const REPEATING = [
  '产业升级要落到实处',
  '●李明',
  '推动高质量发展，关键在人才。',
  '园区引进了三家研发机构，高质量发展有了新支点。',
  '企业的技改投入逐年增加，高质量发展的底子更厚了。',
  '归根到底，高质量发展要让群众得实惠。',
].join('\n');

describe('slogan-repeat', () => {
  const table = profileWith([phrase('高质量发展', { maxPerArticle: 2 })]);

  it('flags every use past the learned limit, pointing at the earlier ones', () => {
    const findings = repeat(REPEATING, table);
    expect(findings).toHaveLength(2);
    for (const f of findings) expect(REPEATING.slice(f.start, f.end)).toBe('高质量发展');
    expect(findings[0].message).toContain('第 3 次');
    expect(findings[0].message).toContain('上限 2 次');
    expect(findings[0].related).toHaveLength(2);
    expect(findings[1].related).toHaveLength(3);
    expect(REPEATING.slice(findings[1].related![0].start, findings[1].related![0].end)).toBe('高质量发展');
    expect(findings[0].evidence).toMatchObject({ kind: 'phrase', phrase: '高质量发展', corpusCount: 120, articleCount: 60, maxPerArticle: 2, limit: 2, draftCount: 4 });
  });

  it('allows as many uses as the corpus did in one article', () => {
    expect(repeat(REPEATING, profileWith([phrase('高质量发展', { maxPerArticle: 4 })]))).toEqual([]);
  });

  it('never allows fewer than 2 even when the corpus used the phrase once per article', () => {
    const twice = '产业升级要落到实处\n推动高质量发展，关键在人才。\n高质量发展要让群众得实惠。';
    expect(repeat(twice, profileWith([phrase('高质量发展', { maxPerArticle: 1 })]))).toEqual([]);
  });

  it('honours a configured limit and the allow-list', () => {
    expect(repeat(REPEATING, table, { minLimit: 2, limit: 5 })).toEqual([]);
    expect(repeat(REPEATING, table, { minLimit: 2, limit: 3 })).toHaveLength(1);
    expect(repeat(REPEATING, table, sloganRepeat.defaultOptions, { allowPhrases: new Set(['高质量发展']) })).toEqual([]);
  });

  it('flags nested table phrases once, on the longest', () => {
    const text = '社区防线要守牢\n打赢疫情防控阻击战，要靠社区。\n疫情防控阻击战考验基层。\n疫情防控阻击战没有旁观者。';
    const nested = profileWith([phrase('疫情防控', { maxPerArticle: 1 }), phrase('疫情防控阻击战', { maxPerArticle: 1 })]);
    const findings = repeat(text, nested);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['疫情防控阻击战']);
  });

  it('flags a quoted slogan repeated past 2 even when the table does not know it', () => {
    const text = '让书香飘进每个社区\n街道推出“双千”计划，一千场讲座进社区。\n“双千”计划启动半年，居民报名踊跃。\n如今，“双千”已成为社区的品牌活动。';
    const findings = repeat(text, profileWith([]));
    expect(findings).toHaveLength(1);
    expect(text.slice(findings[0].start, findings[0].end)).toBe('双千');
    expect(findings[0].message).toContain('引号口号');
  });

  it('lets a quoted slogan repeat as often as the corpus repeated it', () => {
    const text = '让书香飘进每个社区\n街道推出“双千”计划，一千场讲座进社区。\n“双千”计划启动半年，居民报名踊跃。\n如今，“双千”已成为社区的品牌活动。';
    const learned = profileWith([phrase('双千', { quoted: 3, count: 3, articles: 1, maxPerArticle: 3, quotedOnly: true })]);
    expect(repeat(text, learned)).toEqual([]);
    const once = profileWith([phrase('双千', { quoted: 1, count: 1, articles: 1, maxPerArticle: 1, quotedOnly: true })]);
    expect(repeat(text, once)).toHaveLength(1);
  });

  it('does not count speech in quotation marks as a slogan', () => {
    const text = '公交线路调整之后\n老人说：“真方便”。\n邻居也说：“真方便”。\n售票员笑着说：“真方便”。';
    expect(repeat(text, profileWith([]))).toEqual([]);
  });

  it('never flags a proper noun such as the city the draft is about', () => {
    const text = [
      '城市更新的温度',
      '杭州推进城市更新三年，杭州的老街巷换了新颜。',
      '在杭州，旧厂房变成了文创园。',
      '杭州的经验说明，更新要先问居民。',
      '“杭州”这块招牌，靠的是一件件实事。',
    ].join('\n');
    const profile = profileWith([phrase('杭州', { maxPerArticle: 1 })]);
    expect(findFormulaicPhrases(parseDraft(text), profile)).toEqual([]);
    expect(repeat(text, profile)).toEqual([]);
  });

  it('does not treat the draft’s own subject (its headline) as a slogan', () => {
    const text = '幸福半径决定城市品质\n“幸福半径”越大，居民越安心。\n丈量“幸福半径”，要看步行十五分钟能办成几件事。\n“幸福半径”不是口号。';
    expect(repeat(text, profileWith([]))).toEqual([]);
  });

  it('matches table phrases only on word boundaries', () => {
    // 展会 is not 发展: a table phrase "发展会" must not match inside 发展会议 split as 发展/会议.
    const text = '会议要务实\n发展会议开了三天。\n发展会议讨论了很多议题。\n发展会议形成了共识。';
    expect(findFormulaicPhrases(parseDraft(text), profileWith([phrase('展会', { maxPerArticle: 1 })]))).toEqual([]);
  });
});

describe('slogan-cliche', () => {
  const text = '产业升级要落到实处\n全面深化改革，要从群众最急的事改起。\n改革没有完成时，全面深化改革需要久久为功。\n推动高质量发展，关键在人才。';
  const profile = profileWith([phrase('全面深化改革', { cliche: true, articles: 44, count: 86 }), phrase('高质量发展', { cliche: false })]);

  it('reports a corpus cliché once per draft, at its first use', () => {
    const findings = sloganCliche.check(parseDraft(text), profile, {}, noAllow);
    expect(findings).toHaveLength(1);
    expect(text.slice(findings[0].start, findings[0].end)).toBe('全面深化改革');
    expect(findings[0].start).toBe(text.indexOf('全面深化改革'));
    expect(findings[0].message).toContain('44 篇文章');
    expect(findings[0].evidence).toMatchObject({ kind: 'phrase', draftCount: 2 });
  });

  it('reports nested clichés once, as the longest formula', () => {
    const nested = profileWith([phrase('疫情防控', { cliche: true }), phrase('疫情防控阻击战', { cliche: true })]);
    const inside = '社区防线要守牢\n坚决打赢疫情防控阻击战，社区是第一道防线。';
    const one = sloganCliche.check(parseDraft(inside), nested, {}, noAllow);
    expect(one.map((f) => inside.slice(f.start, f.end))).toEqual(['疫情防控阻击战']);
    const apart = `${inside}\n常态化疫情防控不能松劲。`;
    const two = sloganCliche.check(parseDraft(apart), nested, {}, noAllow);
    expect(two.map((f) => apart.slice(f.start, f.end))).toEqual(['疫情防控阻击战', '疫情防控']);
  });

  it('stays quiet for phrases that are not clichés or are allow-listed', () => {
    expect(sloganCliche.check(parseDraft(text), profile, {}, { allowPhrases: new Set(['全面深化改革']) })).toEqual([]);
    const plain = '产业升级要落到实处\n推动高质量发展，关键在人才。';
    expect(sloganCliche.check(parseDraft(plain), profile, {}, noAllow)).toEqual([]);
  });
});

describe('slogan-density', () => {
  const filler = '街道干部挨家挨户上门，听老人讲出行的难处，把加装扶手、修补台阶的事一件件记在本子上，再约施工队逐户落实。';
  const dense = ['守好民生底线', ...Array.from({ length: 6 }, () => `推动高质量发展，补齐公共服务短板，全面深化改革。${filler}`)].join('\n');
  const sparse = ['守好民生底线', ...Array.from({ length: 6 }, () => filler), '推动高质量发展，关键在落实。'].join('\n');
  const profile = profileWith([phrase('高质量发展'), phrase('全面深化改革'), phrase('公共服务短板')], 10);

  it('warns on the headline when the density is above the corpus P90, giving both figures', () => {
    const doc = parseDraft(dense);
    const findings = sloganDensity.check(doc, profile, sloganDensity.defaultOptions, noAllow);
    expect(findings).toHaveLength(1);
    expect(findings[0].start).toBe(0);
    expect(findings[0].end).toBe('守好民生底线'.length);
    const ev = findings[0].evidence as { kind: 'density'; perThousand: number; p90: number; phrases: number };
    expect(ev.kind).toBe('density');
    expect(ev.phrases).toBe(18);
    expect(ev.perThousand).toBeGreaterThan(10);
    expect(findings[0].message).toContain(`每千字 ${ev.perThousand} 处`);
    expect(findings[0].message).toContain('每千字 10 处');
  });

  it('stays quiet below the P90, on short drafts and without corpus statistics', () => {
    expect(sloganDensity.check(parseDraft(sparse), profile, sloganDensity.defaultOptions, noAllow)).toEqual([]);
    expect(sloganDensity.check(parseDraft('守好民生底线\n推动高质量发展，全面深化改革。'), profile, sloganDensity.defaultOptions, noAllow)).toEqual([]);
    expect(sloganDensity.check(parseDraft(dense), profileWith(profile.register.phrases, 0), sloganDensity.defaultOptions, noAllow)).toEqual([]);
  });

  it('does not count slogans the table keeps only for their quoted use', () => {
    const quotedOnly = profileWith([phrase('高质量发展', { quotedOnly: true }), phrase('全面深化改革', { quotedOnly: true }), phrase('公共服务短板', { quotedOnly: true })], 10);
    expect(sloganDensity.check(parseDraft(dense), quotedOnly, sloganDensity.defaultOptions, noAllow)).toEqual([]);
  });

  it('uses a configured threshold', () => {
    expect(sloganDensity.check(parseDraft(dense), profile, { threshold: 1000, minChars: 200 }, noAllow)).toEqual([]);
  });
});

describe.runIf(hasCorpus)('slogan rules on the seed page with the shipped default profile (corpus)', () => {
  const { file, text } = readSeedPage();
  const doc = parseDraft(text);
  const { profile, error } = loadProfile('default', process.cwd());

  it('flags the phrase the page repeats most', () => {
    expect(error).toBeUndefined();
    const counts = new Map<string, number>();
    for (const o of findFormulaicPhrases(doc, profile)) counts.set(o.phrase, (counts.get(o.phrase) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const mostRepeated = [...counts].filter(([, n]) => n === top).map(([p]) => p);
    const flagged = new Set(sloganRepeat.check(doc, profile, sloganRepeat.defaultOptions, noAllow).map((f) => text.slice(f.start, f.end)));
    expect(mostRepeated.some((p) => flagged.has(p))).toBe(true);
  });

  it('does not flag repeats in the published articles the profile learned from', () => {
    const pd = loadProfile('people-daily', process.cwd()).profile;
    const files = readdirSync(PEOPLE_DAILY_DIR).filter((f) => f.endsWith('.txt')).sort().filter((_, i) => i % 4 === 0);
    const flagged = files.filter((f) => {
      const d = parseDraft(readFileSync(path.join(PEOPLE_DAILY_DIR, f), 'utf8'));
      return sloganRepeat.check(d, pd, sloganRepeat.defaultOptions, noAllow).length > 0;
    });
    expect(flagged).toEqual([]);
  });

  it('never takes the page’s city for a slogan', () => {
    expect(findFormulaicPhrases(doc, profile).some((o) => o.phrase.includes('呼和浩特'))).toBe(false);
  });
});
