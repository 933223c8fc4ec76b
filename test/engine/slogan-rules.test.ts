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
import { hasCorpus, PEOPLE_DAILY_DIR, readSeedPage } from '../helpers/corpus';
import { phraseEntry } from '../helpers/phrase-stats';

function phrase(p: string, over: Partial<PhraseStats> = {}): PhraseStats {
  return phraseEntry(p, { examples: [{ headline: '示例标题', file: 'corpus/a.txt', offset: 40 }], ...over });
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
  const table = profileWith([phrase('高质量发展', { limit: 2 })]);

  it('flags a phrase once, on its first use past the learned limit, pointing at the other uses', () => {
    const findings = repeat(REPEATING, table);
    expect(findings).toHaveLength(1);
    const third = REPEATING.indexOf('高质量发展', REPEATING.indexOf('高质量发展', REPEATING.indexOf('高质量发展') + 1) + 1);
    expect(findings[0].start).toBe(third);
    expect(findings[0].message).toContain('出现 4 次');
    expect(findings[0].message).toContain('上限 2 次');
    expect(findings[0].related).toHaveLength(3);
    expect(findings[0].related!.map((r) => r.message)).toEqual(['第 1 次出现“高质量发展”', '第 2 次出现“高质量发展”', '第 4 次出现“高质量发展”']);
    for (const r of findings[0].related!) expect(REPEATING.slice(r.start, r.end)).toBe('高质量发展');
    expect(findings[0].evidence).toMatchObject({ kind: 'phrase', phrase: '高质量发展', corpusCount: 120, articleCount: 60, maxPerArticle: 2, limit: 2, draftCount: 4 });
  });

  it('allows as many uses as the learned limit', () => {
    expect(repeat(REPEATING, profileWith([phrase('高质量发展', { limit: 4 })]))).toEqual([]);
  });

  it('never allows fewer than 2, whatever the profile says', () => {
    const twice = '产业升级要落到实处\n推动高质量发展，关键在人才。\n高质量发展要让群众得实惠。';
    expect(repeat(twice, profileWith([phrase('高质量发展', { limit: 1 })]))).toEqual([]);
  });

  it('honours a configured limit and the allow-list', () => {
    expect(repeat(REPEATING, table, { ...sloganRepeat.defaultOptions, limit: 5 })).toEqual([]);
    expect(repeat(REPEATING, table, { ...sloganRepeat.defaultOptions, limit: 3 })).toHaveLength(1);
    expect(repeat(REPEATING, table, sloganRepeat.defaultOptions, { allowPhrases: new Set(['高质量发展']) })).toEqual([]);
  });

  it('flags nested table phrases once, on the longest', () => {
    const text = '社区防线要守牢\n打赢疫情防控阻击战，要靠社区。\n疫情防控阻击战考验基层。\n疫情防控阻击战没有旁观者。';
    const nested = profileWith([phrase('疫情防控', { limit: 2 }), phrase('疫情防控阻击战', { limit: 2 })]);
    const findings = repeat(text, nested);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['疫情防控阻击战']);
  });

  const SHUANGQIAN = '让书香飘进每个社区\n街道提出“双千”目标，一千场讲座进社区。\n“双千”喊了半年，居民报名踊跃。\n如今，“双千”已成为社区的品牌活动。';

  it('flags a quoted slogan the archive never made only past three uses, and leaves a quoted word of its own alone', () => {
    const slogan = SHUANGQIAN.replaceAll('双千', '书香进万家');
    expect(repeat(slogan, profileWith([]))).toEqual([]);
    const four = `${slogan}\n“书香进万家”还要办下去。`;
    const findings = repeat(four, profileWith([]));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('语料库未引用过的引号口号');
    expect(repeat(four, profileWith([]), { ...sloganRepeat.defaultOptions, unknownQuoteLimit: 4 })).toEqual([]);
    // A short quoted term is a word the draft coins or discusses, as the archive's own articles do.
    expect(repeat(`${SHUANGQIAN}\n“双千”还要办下去。`, profileWith([]))).toEqual([]);
  });

  it('lets a quoted slogan the archive quoted repeat once more than an article did, and at least three times', () => {
    const withQuoted = (maxPerArticle: number) => {
      const p = profileWith([]);
      p.register.quoted = [{ phrase: '双千', articles: 4, maxPerArticle }];
      return p;
    };
    const fiveTimes = `${SHUANGQIAN}\n“双千”讲座排到了年底。\n明年，“双千”还要走进乡村。`;
    expect(repeat(SHUANGQIAN, withQuoted(1))).toEqual([]);
    expect(repeat(fiveTimes, withQuoted(4))).toEqual([]);
    const findings = repeat(fiveTimes, withQuoted(3));
    expect(findings).toHaveLength(1);
    expect(fiveTimes.slice(findings[0].start, findings[0].end)).toBe('双千');
    expect(findings[0].message).toContain('出现 5 次，超过上限 4 次');
    expect(findings[0].message).toContain('引用它的文章单篇最多用 3 次');
  });

  it('counts a four-character stock expression against its sparse use in the archive', () => {
    const text = ['菜价稳了，心里就稳了', '●周立', '稳价保供要拿出真金白银。', '市里拿出真金白银补贴农批市场。', '区里也拿出真金白银给摊主减租。', '真金白银投下去，菜价才稳得住。', '真金白银要花在刀刃上。'].join('\n');
    const p = profileWith([]);
    p.register.stock = [{ phrase: '真金白银', articles: 5, maxPerArticle: 2 }];
    const findings = repeat(text, p);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('出现 5 次');
    expect(findings[0].message).toContain('上限 3 次');
  });

  it('allows a long draft proportionally more uses than the archive’s mean article', () => {
    const p = profileWith([phrase('高质量发展', { limit: 2 })]);
    const body = REPEATING.split('\n').slice(2).join('');
    p.register.articles = 10;
    p.register.chars = 10 * parseDraft(REPEATING).hanChars;
    expect(repeat(REPEATING, p)).toHaveLength(1);
    // The same four uses in a draft three times as long: within 2 × 3 uses.
    const long = [...REPEATING.split('\n').slice(0, 2), body, '城市更新项目稳步推进，社区里多了口袋公园和健身步道，居民的日子过得更舒心。'.repeat(6)].join('\n');
    expect(parseDraft(long).hanChars).toBeGreaterThan(3 * parseDraft(REPEATING).hanChars);
    expect(repeat(long, p)).toEqual([]);
  });

  it('allows a draft half as long as the archive’s mean article proportionally fewer uses, never fewer than 3', () => {
    const p = profileWith([phrase('高质量发展', { limit: 6 })]);
    p.register.articles = 10;
    // The archive's mean article is twice this draft: a limit of 6 there is 3 here, and 4 uses are past it.
    p.register.chars = 20 * parseDraft(REPEATING).hanChars;
    const findings = repeat(REPEATING, p);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('上限 3 次');
    expect(findings[0].message).toContain('上限按篇幅收紧到 3 次');
    // Ten times shorter than the mean: still 3 uses allowed, so four stay one finding and three none.
    p.register.chars = 100 * parseDraft(REPEATING).hanChars;
    expect(repeat(REPEATING, p)[0].message).toContain('上限 3 次');
    const three = REPEATING.replace('归根到底，高质量发展要让群众得实惠。', '归根到底，发展要让群众得实惠。');
    expect(repeat(three, p)).toEqual([]);
  });

  it('does not count speech in quotation marks as a slogan', () => {
    const text = '公交线路调整之后\n老人说：“真方便”。\n邻居也说：“真方便”。\n售票员笑着说：“真方便”。';
    expect(repeat(text, profileWith([]))).toEqual([]);
  });

  it('does not count a word the draft discusses, a title, or the phrase its headline names', () => {
    const mention = ['说说“内卷”', '“内卷”这个词，近来用得太多。', '有人把加班叫“内卷”，有人把补课也叫“内卷”。', '“内卷”一词，本是学术用语。', '与其抱怨“内卷”，不如把事做好。'].join('\n');
    const p = profileWith([]);
    p.register.quoted = [{ phrase: '内卷', articles: 9, maxPerArticle: 1 }];
    expect(repeat(mention, p)).toEqual([]);
    const titled = ['一部好剧的启示', '《山海情》热播，《山海情》里的脱贫故事打动人心。', '看《山海情》，看到了攻坚克难。', '《山海情》告诉我们，攻坚克难靠实干。'].join('\n');
    expect(repeat(titled, profileWith([phrase('山海情', { limit: 2 })]))).toEqual([]);
    const headline = ['以钉钉子精神抓落实', '钉钉子精神，贵在一锤接着一锤敲。', '基层干部发扬钉钉子精神，把小事办好。', '钉钉子精神不是蛮干。', '钉钉子精神要代代相传。'].join('\n');
    expect(repeat(headline, profileWith([phrase('钉钉子精神', { limit: 2 })]))).toEqual([]);
  });

  it('does not count a quoted programme or product name as a slogan', () => {
    const programme = ['技工学校里的新课堂', '●陈岚', '“巧手匠心”工程开班后，报名的多是返乡青年。', '参加“巧手匠心”培训的学员，半年后大多找到了工作。', '“巧手匠心”的老师来自本地企业。', '如今“巧手匠心”学员开的小店遍布全县。'].join('\n');
    expect(repeat(programme, profileWith([]))).toEqual([]);
    const app = ['停车难的另一种解法', '●吴越', '打开“泊车e点”，附近空位一目了然。', '“泊车e点”上线以来，错峰共享车位逐月增加。', '不少居民把“泊车e点”推荐给了邻居。', '“泊车e点”下一步要接入医院停车场。'].join('\n');
    expect(repeat(app, profileWith([]))).toEqual([]);
    // A slogan of the draft's own with a name after one use is that name throughout; without it, a slogan.
    const named = programme.replaceAll('巧手匠心', '巧手匠心暖万家');
    expect(repeat(named, profileWith([]))).toEqual([]);
    const slogan = named.replace('“巧手匠心暖万家”工程开班后', '“巧手匠心暖万家”四个月开班后');
    expect(repeat(slogan, profileWith([]))).toHaveLength(1);
  });

  it('treats a phrase used six times or more as the draft’s subject, not a repeat', () => {
    const text = ['社区里的新变化', ...Array.from({ length: 6 }, (_, i) => `第${i + 1}件事，营商环境变好了，小店开得更安心。`)].join('\n');
    expect(repeat(text, profileWith([phrase('营商环境', { limit: 2 })]))).toEqual([]);
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
    expect(findings[0].message).toContain('使用频率约为一般汉语的 256 倍');
    expect(findings[0].evidence).toMatchObject({ kind: 'phrase', draftCount: 2 });
  });

  it('says how much more often than in general Chinese only when it is', () => {
    const common = profileWith([phrase('全面深化改革', { cliche: true, articles: 44, keyness: 0.3 })]);
    const [finding] = sloganCliche.check(parseDraft(text), common, {}, noAllow);
    expect(finding.message).toContain('44 篇文章');
    expect(finding.message).not.toContain('一般汉语');
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

  it('counts a formula once where a longer one holds it (疫情防控 inside 疫情防控阻击战)', () => {
    const nested = profileWith([phrase('疫情防控'), phrase('疫情防控阻击战')], 10);
    const text = ['守好社区防线', ...Array.from({ length: 6 }, () => `打赢疫情防控阻击战。${filler}`)].join('\n');
    const doc = parseDraft(text);
    expect(sloganDensity.check(doc, nested, { threshold: 1, minChars: 200 }, noAllow)[0].evidence).toMatchObject({ kind: 'density', phrases: 6 });
  });

  it('uses a configured threshold', () => {
    expect(sloganDensity.check(parseDraft(dense), profile, { threshold: 1000, minChars: 200 }, noAllow)).toEqual([]);
  });
});

describe.runIf(hasCorpus)('slogan rules on the seed page with the shipped default profile (corpus)', () => {
  const { text } = readSeedPage();
  const doc = parseDraft(text);
  const { profile, error } = loadProfile('default', process.cwd());

  it('finds the archive’s formulae on the page but takes the topics its headlines name for its subject', () => {
    expect(error).toBeUndefined();
    const found = findFormulaicPhrases(doc, profile);
    expect(found.filter((o) => o.stats).length).toBeGreaterThan(20);
    const flagged = new Set(sloganRepeat.check(doc, profile, sloganRepeat.defaultOptions, noAllow).map((f) => text.slice(f.start, f.end)));
    for (const o of found) if (o.exempt === 'subject') expect(flagged.has(o.phrase)).toBe(false);
  });

  it('hardly flags repeats in the published articles the profile learned from', () => {
    const pd = loadProfile('people-daily', process.cwd()).profile;
    const files = readdirSync(PEOPLE_DAILY_DIR).filter((f) => f.endsWith('.txt')).sort().filter((_, i) => i % 4 === 0);
    let findings = 0;
    for (const f of files) findings += sloganRepeat.check(parseDraft(readFileSync(path.join(PEOPLE_DAILY_DIR, f), 'utf8')), pd, sloganRepeat.defaultOptions, noAllow).length;
    // Limits come from these very articles; what is left is quotations an article made once (a draft may not repeat them as often).
    expect(findings / files.length).toBeLessThanOrEqual(0.1);
  });

  it('never takes the page’s city for a slogan', () => {
    expect(findFormulaicPhrases(doc, profile).some((o) => o.phrase.includes('呼和浩特'))).toBe(false);
  });
});
