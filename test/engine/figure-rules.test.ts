import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import type { Profile, PublishedFigure } from '../../server/src/engine/profile/types';
import { figureUnsourced } from '../../server/src/engine/rules/figure-unsourced';
import { figureConflict } from '../../server/src/engine/rules/figure-conflict';
import { figureFormat } from '../../server/src/engine/rules/figure-format';
import type { Rule } from '../../server/src/engine/rules/rule';
import type { RuleFinding } from '../../server/src/engine/types';
import { hasCorpus, PROJECT_ROOT, readSeedPage } from '../helpers/corpus';
import { extractFigures } from '../../server/src/engine/figures/extract';
import { renderEvidence } from '../../server/src/lsp/hover';

const HEAD = '让数据说话\n●陈静\n';
const context = { allowPhrases: new Set<string>() };

function run(rule: Rule<any>, body: string, profile: Profile = emptyProfile('t'), options = {}): { text: string; findings: RuleFinding[] } {
  const text = HEAD + body;
  return { text, findings: rule.check(parseDraft(text), profile, { ...rule.defaultOptions, ...options }, context) };
}

const flagged = (r: { text: string; findings: RuleFinding[] }) => r.findings.map((f) => r.text.slice(f.start, f.end));

function applyFixes(text: string, findings: RuleFinding[]): string {
  const edits = findings.flatMap((f) => f.fix?.edits ?? []).sort((a, b) => b.start - a.start);
  for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

function published(p: Partial<PublishedFigure> & Pick<PublishedFigure, 'value' | 'unit' | 'subject'>): PublishedFigure {
  return { headline: '地铁网络织密城市脉络', file: 'pages/2024-05-01.txt', offset: 321, ...p };
}

function profileWith(figures: PublishedFigure[]): Profile {
  const profile = emptyProfile('t');
  profile.house.figures = figures;
  return profile;
}

/** A profile holding the figures of one archive article, with their quantities as the learner keeps them. */
function archiveProfile(headline: string, body: string, file: string): Profile {
  return profileWith(
    extractFigures(parseDraft(`${headline}\n●何平\n${body}`)).map((f) => ({
      value: f.value, unit: f.unit, subject: f.subject, ...(f.qualifier === 'exact' ? {} : { qualifier: f.qualifier }),
      thing: f.quantity.thing, verb: f.quantity.verb, time: f.quantity.time, clause: f.clauseKey, scope: f.quantity.scope,
      headline, file, offset: f.start,
    })),
  );
}

describe('figure-unsourced', () => {
  it('flags a statistic stated as fact, with figure evidence', () => {
    const r = run(figureUnsourced, '这几年城市变化很大。地铁日均客流突破38万人次，通勤时间明显缩短。');
    expect(flagged(r)).toEqual(['38万人次']);
    const [f] = r.findings;
    expect(f.severity).toBeUndefined();
    expect(f.message).toContain('未注明出处');
    expect(f.evidence).toMatchObject({ kind: 'figure', value: 380000, unit: '人次', raw: '38万人次' });
    expect(f.evidence?.kind === 'figure' && f.evidence.subject).toEqual(expect.arrayContaining(['地铁', '客流']));
  });

  it('flags every unsourced figure of a sentence', () => {
    expect(flagged(run(figureUnsourced, '全市完成老旧小区改造215个，加装电梯386部，惠及居民4.2万户。'))).toEqual(['215个', '386部', '4.2万户']);
  });

  it('accepts figures sourced in their sentence or the sentence before', () => {
    expect(flagged(run(figureUnsourced, '据市统计局数据，全市常住人口达到412.6万。'))).toEqual([]);
    expect(flagged(run(figureUnsourced, '市交通运输局最新发布的报告显示，公交准点率提高到93%。'))).toEqual([]);
    expect(flagged(run(figureUnsourced, '记者从市住建局获悉，今年的改造计划已经过半。\n全市已开工改造小区168个。'))).toEqual([]);
  });

  it('does not count years, ordinals, line names, codes or quoted slogans as statistics', () => {
    const body =
      '2024年是第三个攻坚年。地铁1、2号线已经贯通，S43高速即将通车，12345热线全天候受理诉求。' +
      '全区推进5G网络建设，城市大脑升级至4.0版本，“双千”目标和“十四五”规划稳步落实。';
    expect(run(figureUnsourced, body).findings).toEqual([]);
  });

  it('takes a temperature for a reading, not a statistic, and still asks a source for kilowatt-hours', () => {
    const body =
      '零下二十多度的清晨，夜班公交车里的暖气最金贵。\n那年冬天，气温一度降到零下31度。\n' +
      '候诊的孩子体温39.5度，家长照样排队。\n今年一季度全市居民用电量达到120万度。';
    expect(flagged(run(figureUnsourced, body))).toEqual(['120万度']);
  });

  it('leaves a mistyped retelling of a sourced figure to figure-conflict, and still asks a source for a new figure', () => {
    const body = '据市民政局统计，全市已建成社区养老服务站1370个。\n老人们在家门口就能吃上热饭。\n全市1730个社区养老服务站还要补上康复护理的短板，新招募的护理员达到860名。';
    const r = run(figureUnsourced, body);
    expect(flagged(r)).toEqual(['860名']);
    expect(flagged(run(figureConflict, body))).toEqual(['1730个']);
  });

  it('lowers a figure the house already published to information, citing the article', () => {
    const profile = profileWith([published({ value: 380000, unit: '人次', subject: ['地铁', '日均', '客流'], qualifier: 'min' })]);
    const r = run(figureUnsourced, '地铁日均客流突破38万人次。', profile);
    expect(r.findings).toHaveLength(1);
    const [f] = r.findings;
    expect(f.severity).toBe('information');
    expect(f.message).toContain('《地铁网络织密城市脉络》');
    expect(f.evidence).toMatchObject({ kind: 'figure', published: { headline: '地铁网络织密城市脉络', file: 'pages/2024-05-01.txt', offset: 321, value: 380000 } });
  });

  it('keeps the warning when the published figure has another value or speaks of something else', () => {
    const otherValue = profileWith([published({ value: 350000, unit: '人次', subject: ['地铁', '日均', '客流'] })]);
    expect(run(figureUnsourced, '地铁日均客流突破38万人次。', otherValue).findings[0].severity).toBeUndefined();
    const otherThing = profileWith([published({ value: 380000, unit: '人次', subject: ['景区', '游客', '接待'], qualifier: 'min' })]);
    expect(run(figureUnsourced, '地铁日均客流突破38万人次。', otherThing).findings[0].severity).toBeUndefined();
  });

  it('trusts a cue learned from the corpus once it was seen often enough', () => {
    const profile = emptyProfile('t');
    profile.register.attributionCues = { 估算: 12 };
    expect(flagged(run(figureUnsourced, '业内人士估算，全年旅游收入约86亿元。', profile))).toEqual([]);
    expect(flagged(run(figureUnsourced, '业内人士估算，全年旅游收入约86亿元。', profile, { minCueCount: 20 }))).toEqual(['86亿元']);
  });
});

describe('figure-conflict', () => {
  it('flags the same quantity with two values in one draft and points at the first', () => {
    const r = run(figureConflict, '开通运营后，地铁日均客流达到30万人次。\n周末出行更加便捷。\n地铁日均客流为25万人次，仍有提升空间。');
    expect(flagged(r)).toEqual(['25万人次']);
    const [f] = r.findings;
    expect(f.message).toContain('前后数值不一致');
    expect(f.related).toHaveLength(1);
    expect(r.text.slice(f.related![0].start, f.related![0].end)).toBe('30万人次');
  });

  it('leaves alone compatible bounds, comparisons within a sentence and different years', () => {
    expect(run(figureConflict, '地铁日均客流突破30万人次。高峰时段地铁日均客流为32万人次。').findings).toEqual([]);
    expect(run(figureConflict, '中欧班列开行量从2021年的3列增加到2024年的96列。').findings).toEqual([]);
    expect(run(figureConflict, '2021年，中欧班列开行量为3列。2024年，中欧班列开行量为96列。').findings).toEqual([]);
  });

  it('takes an undated later mention with the dated figure’s digits slipped for a retelling of it, unless the draft gives another period', () => {
    const dated = '据县农业农村局统计，去年全县民宿经营收入达到6.4亿元，带动就业岗位两千多个。';
    // 如今 makes the draft's present this year, yet 6.4万元 with no time of its own retells last year's figure.
    const r = run(figureConflict, `${dated}\n如今，民宿成了年轻人的去处。\n但6.4万元民宿经营收入里，有多少留在了村民手中？`);
    expect(flagged(r)).toEqual(['6.4万元']);
    expect(flagged(run(figureConflict, `${dated}\n如今，民宿成了年轻人的去处。\n但4.6亿元民宿经营收入里，有多少留在了村民手中？`))).toEqual(['4.6亿元']);
    // This year's figure against last year's is a comparison, and so is an undated one when the draft
    // gives the quantity for two years.
    expect(run(figureConflict, `${dated}\n今年全县民宿经营收入达到4.6亿元。`).findings).toEqual([]);
    expect(run(figureConflict, `${dated}\n前年全县民宿经营收入为3.1亿元。\n如今民宿成了年轻人的去处，但4.6亿元民宿经营收入里，有多少留在了村民手中？`).findings).toEqual([]);
    // One digit changed says too little without a time of its own.
    expect(run(figureConflict, `${dated}\n如今，民宿成了年轻人的去处。\n但6.9亿元民宿经营收入里，有多少留在了村民手中？`).findings).toEqual([]);
  });

  it('does not take two amounts given to different things for one quantity', () => {
    expect(run(figureConflict, '对新获批的平台给予不低于500万元的资金支持。对领军企业每年给予最多300万元支持。').findings).toEqual([]);
  });

  it('flags a value that contradicts a figure the house published for the same year', () => {
    const profile = profileWith([published({ value: 412.6e4, unit: '', subject: ['2024年', '全市', '常住人口', '增至'] })]);
    const r = run(figureConflict, '2024年全市常住人口增至420.3万。', profile);
    expect(flagged(r)).toEqual(['420.3万']);
    expect(r.findings[0].evidence).toMatchObject({ kind: 'figure', conflictsWith: { headline: '地铁网络织密城市脉络', value: 4126000 } });
    expect(r.findings[0].message).toContain('412.6万');
  });

  it('does not compare across articles without the same explicit year', () => {
    const profile = profileWith([published({ value: 412.6e4, unit: '', subject: ['全市', '常住人口', '增至'] })]);
    expect(run(figureConflict, '今年全市常住人口增至420.3万。', profile).findings).toEqual([]);
    expect(run(figureConflict, '全市常住人口增至420.3万。', profile).findings).toEqual([]);
    expect(run(figureConflict, '2024年全市常住人口增至420.3万。', profile, { checkPublished: false }).findings).toEqual([]);
  });
});

describe('figure-format', () => {
  it('fixes full-width digits', () => {
    const r = run(figureFormat, '全市新建充电桩３０个，覆盖２０２４年新建小区。');
    expect(flagged(r)).toEqual(['３０', '２０２４']);
    expect(applyFixes(r.text, r.findings)).toBe(HEAD + '全市新建充电桩30个，覆盖2024年新建小区。');
  });

  it('checks the headline’s digits as well', () => {
    const text = '新增学位３０００个的背后\n●陈静\n学位供给持续扩大。';
    const findings = figureFormat.check(parseDraft(text), emptyProfile('t'), {}, context);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['３０００']);
  });

  it('fixes thousands separators inside Chinese text', () => {
    const r = run(figureFormat, '今年共接待游客12,600人次，比去年多1,000人次。');
    expect(flagged(r)).toEqual(['12,600', '1,000']);
    expect(applyFixes(r.text, r.findings)).toBe(HEAD + '今年共接待游客12600人次，比去年多1000人次。');
  });

  it('writes out two-digit years, fixing them when the draft’s years fix the century', () => {
    const fixed = run(figureFormat, '2020年项目启动，21年底完成一期，’22年全部投用。');
    expect(flagged(fixed)).toEqual(['21年', '’22年']);
    expect(applyFixes(fixed.text, fixed.findings)).toBe(HEAD + '2020年项目启动，2021年底完成一期，2022年全部投用。');

    const unsure = run(figureFormat, '项目21年3月启动。');
    expect(flagged(unsure)).toEqual(['21年']);
    expect(unsure.findings[0].fix).toBeUndefined();
  });

  it('does not take a duration for a two-digit year', () => {
    expect(run(figureFormat, '他在这里工作了21年，见证了城市的变迁。经过10年初步建成生态廊道。').findings).toEqual([]);
  });

  it('flags Chinese numerals among Arabic counts and converts them', () => {
    const r = run(figureFormat, '全区建成三百二十六个便民服务点，配备专职人员458名。');
    expect(flagged(r)).toEqual(['三百二十六个']);
    expect(r.findings[0].fix?.edits).toEqual([{ start: r.text.indexOf('三百二十六个'), end: r.text.indexOf('三百二十六个') + 6, newText: '326个' }]);
  });

  it('accepts one numeral style, idiomatic round figures and percentages', () => {
    expect(run(figureFormat, '全区建成326个便民服务点，每周有上百名志愿者值守，满意度达到百分之九十五以上，惠及两万户家庭。').findings).toEqual([]);
  });

  it('follows the house norm for numerals when the corpus shows one', () => {
    const profile = emptyProfile('t');
    profile.house.numberStyle.chineseCounts = 90;
    profile.house.numberStyle.arabicCounts = 3;
    const r = run(figureFormat, '全区建成三百二十六个便民服务点，配备专职人员458名，另有三十二名兼职人员。', profile);
    expect(flagged(r)).toEqual(['458名']);
    expect(r.findings[0].fix).toBeUndefined();
  });

  it('unifies range marks on the house norm', () => {
    const profile = emptyProfile('t');
    profile.house.numberStyle.rangeMarks = { '—': 12, '～': 3 };
    const r = run(figureFormat, '居民出资比例为20%-30%，财政补贴比例为40%～50%。', profile);
    expect(flagged(r)).toEqual(['-', '～']);
    expect(applyFixes(r.text, r.findings)).toBe(HEAD + '居民出资比例为20%—30%，财政补贴比例为40%—50%。');
    expect(r.findings[0].message).toContain('“—”');
  });

  it('prefers the standard wavy dash without a house norm, and accepts consistent marks', () => {
    const r = run(figureFormat, '居民出资比例为20%-30%，财政补贴比例为40%～50%。');
    expect(flagged(r)).toEqual(['-']);
    expect(run(figureFormat, '居民出资比例为20%～30%，财政补贴比例为40%～50%，工期为2021—2023年。').findings).toEqual([]);
  });
});

describe.runIf(hasCorpus)('figure rules on the seed page linted as a draft', () => {
  const { file, text } = readSeedPage();
  const doc = parseDraft(text);
  const profile = emptyProfile('seed');
  const unsourced = figureUnsourced.check(doc, profile, figureUnsourced.defaultOptions, context);
  const flaggedText = unsourced.map((f) => text.slice(f.start, f.end));

  it('flags its unattributed statistics with their values', () => {
    expect(unsourced.length).toBeGreaterThanOrEqual(30);
    const values = unsourced.map((f) => (f.evidence?.kind === 'figure' ? [f.evidence.value, f.evidence.unit] : []));
    expect(values).toEqual(expect.arrayContaining([[300000, '人次'], [97, '%'], [61000, '个'], [3639000, ''], [98.86, '%']]));
    expect(flaggedText).toEqual(expect.arrayContaining(['30万人次', '6.1万个', '98.86%']));
  });

  it('never flags its years, metro lines, road and hotline codes, versions or quoted slogans', () => {
    const spansOf = (needle: string) => {
      const out: number[] = [];
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
      expect(out.length).toBeGreaterThan(0);
      return out.map((start) => ({ start, end: start + needle.length }));
    };
    const protectedSpans = ['2022年', '2024年', '2021—2035年', '1、2号线', 'S43', '12345', '5G', '4.0版本', '“双千”', '十四五'].flatMap(spansOf);
    for (const f of unsourced) for (const p of protectedSpans) expect(f.start >= p.end || f.end <= p.start).toBe(true);
  });

  it('finds no conflicting figures on the page', () => {
    expect(figureConflict.check(doc, profile, figureConflict.defaultOptions, context)).toEqual([]);
  });

  it('on the shipped default profile, cites the page’s own articles and finds no conflicts', () => {
    const shipped = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8')) as Profile;
    const findings = figureUnsourced.check(doc, shipped, figureUnsourced.defaultOptions, context);
    expect(findings.map((f) => [f.start, f.end])).toEqual(unsourced.map((f) => [f.start, f.end]));
    const cited = findings.filter((f) => f.severity === 'information');
    expect(cited.length).toBeGreaterThan(0);
    for (const f of cited) expect(f.evidence?.kind === 'figure' && f.evidence.published?.file.endsWith(file)).toBe(true);
    expect(figureConflict.check(doc, shipped, figureConflict.defaultOptions, context)).toEqual([]);
  });
});

describe('figure-conflict against published comparisons', () => {
  it('accepts a value the house printed beside another one for the same quantity', () => {
    const subject = ['2021年', '2024年', '中欧', '班列', '开行', '增加'];
    const profile = profileWith([published({ value: 3, unit: '列', subject }), published({ value: 96, unit: '列', subject, offset: 330 })]);
    expect(run(figureConflict, '中欧班列开行量从2021年的3列增加到2024年的96列。', profile).findings).toEqual([]);
    expect(flagged(run(figureConflict, '中欧班列开行量从2021年的5列增加到2024年的96列。', profile))).toEqual(['5列']);
  });
});

describe('figure-conflict: one quantity phrased two ways', () => {
  const conflicts = (body: string, profile?: Profile) => flagged(run(figureConflict, body, profile));

  it('finds a transposed value however the quantity is worded the second time', () => {
    expect(conflicts('截至2024年底，全区社区食堂总数达到46个。\n如今，全区64个社区食堂都接入了助餐平台。')).toEqual(['64个']);
    expect(conflicts('今年全市累计发放消费券36.2万张。\n已发放的32.6万张消费券中，近三成被少数人领走。')).toEqual(['32.6万张']);
    expect(conflicts('目前全市现有养老床位7400张。\n到2024年末，全市养老床位已达7040张。')).toEqual(['7040张']);
    expect(conflicts('街道辖区内的老字号共有58家。\n如今，85家老字号大多换上了新招牌。')).toEqual(['85家']);
  });

  it('takes 新增 for the additions a more precise verb counted, not for another action', () => {
    expect(conflicts('2023年全区新登记经营主体3.58万户。\n2023年新增的5.38万户经营主体里，个体工商户占了七成。')).toEqual(['5.38万户']);
    expect(conflicts('2023年全区新登记经营主体3.58万户。\n2023年全区新注销经营主体5.38万户。')).toEqual([]);
  });

  it('takes a stock as of a month and as of that month’s end for one time, not another month', () => {
    expect(conflicts('截至今年9月，全区累计建成口袋公园136个。\n截至9月底，全区现有口袋公园163个。')).toEqual(['163个']);
    expect(conflicts('截至今年6月，全区累计建成口袋公园136个。\n截至9月底，全区现有口袋公园163个。')).toEqual([]);
  });

  it('takes a bare 客流 for the count of whoever came, not the metro’s 客流', () => {
    expect(conflicts('今年春节假期，全市接待游客356万人次。\n春节期间358万人次的客流，让不少景区排起长队。')).toEqual(['358万人次']);
    expect(conflicts('今年春节假期，全市接待游客356万人次。\n春节期间，地铁客流358万人次，比平日略少。')).toEqual([]);
  });

  it('takes the level a change reached for the present, not for the year it started from', () => {
    expect(conflicts('截至2024年底，全区社区食堂总数达到46个。\n全区社区食堂从去年的31个增加到64个。')).toEqual(['64个']);
    expect(conflicts('截至2024年底，全区社区食堂总数达到46个。\n全区社区食堂从2023年的31个增加到2024年的46个。')).toEqual([]);
  });

  it('keeps the example draft’s shape: the same words, another value', () => {
    expect(conflicts('今年夜市共设摊位480个，摊主大多是周边居民。\n区里随后调整了营业时段，今年夜市共设摊位520个。')).toEqual(['520个']);
  });

  it('says why, points at the other figure and quotes both sentences', () => {
    const r = run(figureConflict, '截至2024年底，全区社区食堂总数达到46个。\n如今，全区64个社区食堂都接入了助餐平台。');
    const [f] = r.findings;
    expect(f.message).toContain('“社区食堂”前后数值不一致');
    expect(f.message).toContain('顺序不同');
    expect(r.text.slice(f.related![0].start, f.related![0].end)).toBe('46个');
    expect(f.evidence).toMatchObject({ sentence: '如今，全区64个社区食堂都接入了助餐平台。', conflictsWithDraft: { raw: '46个', sentence: '截至2024年底，全区社区食堂总数达到46个。', line: 2 } });
    const hover = renderEvidence(f.evidence!);
    expect(hover).toContain('本句：如今，全区64个社区食堂都接入了助餐平台。');
    expect(hover).toContain('第 3 行（46个）：截至2024年底，全区社区食堂总数达到46个。');
  });

  it('does not compare other years, other places, parts, plans, changes or new additions', () => {
    expect(conflicts('去年，全区社区食堂只有31个。\n截至今年6月，全区社区食堂13个在建。')).toEqual([]);
    expect(conflicts('2023年全区社区食堂46个。\n2024年全区社区食堂64个。')).toEqual([]);
    expect(conflicts('全市建成社区食堂126家。\n其中，河西区建成社区食堂162家的说法并不准确。')).toEqual([]);
    expect(conflicts('河西区建成社区食堂46个。\n东湖区建成社区食堂64个。')).toEqual([]);
    expect(conflicts('全区现有社区食堂46个。\n力争到2027年，全区社区食堂达到64个。')).toEqual([]);
    expect(conflicts('全区现有养老床位7400张。\n今年新增养老床位740张。')).toEqual([]);
    expect(conflicts('护理型床位2960张。\n养老床位9260张。')).toEqual([]);
  });

  it('does not compare kinds, averages with totals, or changes against different bases', () => {
    expect(conflicts('去年城镇居民人均可支配收入4.2万元。\n去年农村居民人均可支配收入2.4万元，经营性收入占比偏低。')).toEqual([]);
    expect(conflicts('全市地铁日均客流36万人次。\n全市地铁客流63万人次，创下新高。')).toEqual([]);
    expect(conflicts('今年二季度，污水处理量同比增长8.6%。\n今年二季度，污水处理量环比增长6.8%。')).toEqual([]);
    expect(conflicts('全市公交线路192条。\n全市地铁线路129条。')).toEqual([]);
  });

  it('does not take another instance in an enumeration for a slip', () => {
    expect(conflicts('最年轻的团队，平均年龄只有35岁。\n神舟团队平均年龄是53岁，北斗团队平均年龄是35岁。')).toEqual([]);
  });

  it('holds a draft to the archive: a clause restated with a value changed, or the same year reworded', () => {
    const profile = archiveProfile('项目建设稳住基本盘', '2021年至2023年，全市连续三年实现“双百”目标，即每年新开工重大项目超过100个、完成投资超过800亿元。', 'archive/2024-01-18.txt');
    const r = run(figureConflict, '2021年至2023年，全市连续三年实现“双百”目标，即每年新开工重大项目超过120个、完成投资超过800亿元。', profile);
    expect(flagged(r)).toEqual(['120个']);
    expect(r.findings[0].message).toContain('2024-01-18');
    expect(r.findings[0].evidence).toMatchObject({ conflictsWith: { headline: '项目建设稳住基本盘', date: '2024-01-18', value: 100 } });
    expect(run(figureConflict, '2021年至2023年，全市连续三年实现“双百”目标，即每年新开工重大项目超过100个、完成投资超过800亿元。', profile).findings).toEqual([]);
    expect(run(figureConflict, '2024年，全市新开工重大项目超过120个。', profile).findings).toEqual([]);
  });
});

describe('figure-unsourced: figures in words and achieved durations', () => {
  it('flags proportions in words and durations stated as achieved', () => {
    expect(flagged(run(figureUnsourced, '九成以上的村通了快递，近半居民用上了天然气，三分之一的企业完成改造。审批时间压缩到28个工作日。'))).toEqual([
      '九成',
      '近半',
      '三分之一',
      '28个工作日',
    ]);
  });

  it('flags fractions in digits, 翻了近一番 and both ends of a limit cut', () => {
    const r = run(figureUnsourced, '全市约1/3的老旧小区加装了电梯，居民收入翻了近一番，办理时限从15天压减到3天。');
    expect(flagged(r)).toEqual(['1/3', '翻了近一番', '15天', '3天']);
  });

  it('accepts them with a source and leaves plans alone', () => {
    expect(flagged(run(figureUnsourced, '据县农业农村局统计，九成以上的村通了快递。'))).toEqual([]);
    expect(flagged(run(figureUnsourced, '力争让九成以上的村通快递，把审批时间压缩到15个工作日。'))).toEqual([]);
  });
});

describe('figure-format: two-digit years in every context, Chinese counts among Arabic ones', () => {
  it('flags 23年起, 24年上半年 and 22年全年', () => {
    expect(flagged(run(figureFormat, '23年起全面推行，24年上半年完成试点，22年全年投入资金。'))).toEqual(['23年', '24年', '22年']);
  });

  it('flags a two-digit year after 截至 or 自, and one heading a clause', () => {
    expect(flagged(run(figureFormat, '截至24年，全市共有社区食堂46个。21年，全市新建学校12所；22年全市又建了8所。'))).toEqual(['24年', '21年', '22年']);
    expect(flagged(run(figureFormat, '改革开放40年，弹指一挥间。用了20年，终于建成。从30年前说起。'))).toEqual([]);
  });

  it('leaves durations and ordinals', () => {
    expect(flagged(run(figureFormat, '这项工作坚持了20年，10年起步阶段，第23年起实行新制度。'))).toEqual([]);
  });

  it('keeps two-digit years when the house prints them', () => {
    const profile = emptyProfile('t');
    profile.house.numberStyle.twoDigitYears = 12;
    profile.house.numberStyle.fullYears = 30;
    expect(flagged(run(figureFormat, '23年起全面推行。', profile))).toEqual([]);
    profile.house.numberStyle.fullYears = 300;
    expect(flagged(run(figureFormat, '23年起全面推行。', profile))).toEqual(['23年']);
  });

  it('flags 十二个 among 46个 and 18个, but not a formula’s name', () => {
    expect(flagged(run(figureFormat, '审批事项从46项精简到18项，仍有十二个事项需要线下办理。'))).toEqual(['十二个']);
    expect(flagged(run(figureFormat, '提出“坚定信心、精准施策”的十六字要求，落实到46个街道。'))).toEqual([]);
  });
});

describe('figure-conflict: classes found on drafts written blind', () => {
  const conflicts = (body: string, profile?: Profile) => flagged(run(figureConflict, body, profile));

  it('reads a sentence without a time as of the period the draft is about', () => {
    expect(conflicts('前三季度，全县规上工业增加值完成864.2亿元。\n工业增加值846.2亿元看上去不少，后劲还要靠投资。')).toEqual(['846.2亿元']);
    expect(conflicts('今年上半年，全市快递业务量达到3.58亿件。\n快递业务量3.85亿件的背后，是数万名快递员的奔波。')).toEqual(['3.85亿件']);
    // 近年来 and 五年来 add up to the present stock.
    expect(conflicts('近年来，全县累计建成高标准农田53.6万亩。\n全县高标准农田56.3万亩，要管好用好。')).toEqual(['56.3万亩']);
  });

  it('does not read it so when the draft gives the quantity for two periods', () => {
    expect(conflicts('一季度，全市接待游客412万人次。\n前三季度，全市接待游客1380万人次。\n接待游客1830万人次，靠的是服务。')).toEqual([]);
  });

  it('does not take another count of the same people for the quantity at another period (护士 trained this year, 注册护士 at year end)', () => {
    expect(conflicts('截至2024年底，全市注册护士6.35万名。\n今年以来，全市已组织800余名护士参加专项培训。\n全市6.53万名注册护士中，不少人在社区工作。')).toEqual(['6.53万名']);
  });

  it('reads 全市 as the city the draft is about, not as a city it compares', () => {
    const about = '绍兴的小店经济值得一看。据市市场监管局统计，截至2024年末，全市实有个体工商户52.7万户。\n绍兴的经验是把审批做减法。\n按照市场监管部门的口径，截至2024年底，绍兴个体工商户总数已达57.2万户，绍兴人开店更方便了。';
    expect(conflicts(about)).toEqual(['57.2万户']);
    const two = '嘉兴和湖州各有做法。截至2024年底，嘉兴市个体工商户达到52.7万户。\n湖州市个体工商户总数为25.7万户，湖州的小店更集中。嘉兴的夜市更热闹。湖州的老街更安静。';
    expect(conflicts(two)).toEqual([]);
  });

  it('reads 社区 after a district name as part of the thing, not a community of that district', () => {
    expect(conflicts('截至2024年底，天河区社区食堂总数达到47个。\n如今，全区74个食堂天天有人排队。')).toEqual(['74个']);
    expect(conflicts('截至2024年底，城东/街道助餐点有12个。'.replace('/', '') + '\n城东街道21个助餐点，还不够。')).toEqual(['21个']);
  });

  it('takes holidays and 全年 for times of their own', () => {
    expect(conflicts('今年前三季度，全市接待游客2860万人次。\n春节假期，全市接待游客860万人次。')).toEqual([]);
    expect(conflicts('上半年，全市新增城镇就业1.28万人。\n全年新增城镇就业1.82万人。')).toEqual([]);
  });

  it('finds the same digits under the wrong magnitude word', () => {
    expect(conflicts('2024年，全县快递业务收入实现8.46亿元。\n快递业务收入8.46万元的背后，是一个个乡村快递点。')).toEqual(['8.46万元']);
  });

  it('does not read a named place against the whole of a wider one, but does against the whole of its own level', () => {
    expect(conflicts('全省共有普惠性幼儿园536所。\n江北市普惠性幼儿园563所，占了不小的比重。')).toEqual([]);
    expect(conflicts('全市零工驿站已建成74个，覆盖各个街道。\n南川市47个零工驿站，每天都有人来找活。')).toEqual(['47个']);
  });

  it('does not take a level reached later for the anchored one it grew from', () => {
    expect(conflicts('2019年，全市社区养老服务站只有126个。\n后来，社区养老服务站发展到162个。')).toEqual([]);
    expect(conflicts('2019年，全市社区养老服务站只有126个。\n经过几年建设，社区养老服务站增加到162个。')).toEqual([]);
  });

  it('does not take a rounded retelling for a slip', () => {
    expect(conflicts('全市地区生产总值达到1.23万亿元。\n1.2万亿元的经济总量，放在全省也排在前列。')).toEqual([]);
  });

  it('holds a retelling in other words to a published figure without a year: most of its words, or a figure printed beside it', () => {
    const profile = archiveProfile(
      '养老驿站织密“幸福网”',
      '“十四五”以来，全市累计建成社区养老服务驿站186个，配备专兼职护理员1270名，驿站老人满意度达到96.8%。全市家庭养老床位签约老人3.6万名。助餐点覆盖率超75%。',
      'archive/2024-11-08.txt',
    );
    expect(conflicts('“十四五”以来，全市建成的168个社区养老服务驿站已经覆盖大部分街道。', profile)).toEqual(['168个']);
    expect(conflicts('全市186个驿站共配备专兼职护理员1370名。', profile)).toEqual(['1370名']);
    // The published clause restated with one digit of a short number changed, no year on either side.
    expect(conflicts('全市家庭养老床位签约老人3.6万名。助餐点覆盖率超78%。', profile)).toEqual(['78%']);
    // A place named alike and a thing of four characters: the figure retold with a year added.
    const placed = archiveProfile('城市能级稳步提升', '这一年，南江市常住人口增至412.6万，城市能级稳步提升。', 'archive/2024-12-20.txt');
    expect(conflicts('2024年，南江市常住人口增至416.2万。', placed)).toEqual(['416.2万']);
    expect(conflicts('2024年，北江市常住人口增至416.2万。', placed)).toEqual([]);
    // A thing of several words named alike, with its digits moved around.
    expect(conflicts('老人们口中的社区养老服务驿站，如今有168个。', profile)).toEqual(['168个']);
    // A changed digit with nothing beside it may be a later count; 96.8% restated is no conflict.
    expect(conflicts('今年全市家庭养老床位签约老人3.8万名，比预想的多。驿站老人满意度达到96.8%。', profile)).toEqual([]);
    // A bound is held to a bound of its kind, never to an exact count.
    expect(conflicts('老人们说，全市助餐点覆盖率已经超过57%。', profile)).toEqual(['57%']);
    expect(conflicts('老人们说，全市助餐点覆盖率已经达到57%。', profile)).toEqual([]);
  });
});

describe('figure-unsourced: classes found on drafts written blind', () => {
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));

  it('leaves targets and plans alone, digits too, and a figure later in the plan', () => {
    expect(unsourced('按照规划，到2028年，力争城区3公里内的养老服务设施覆盖率达到95%。')).toEqual([]);
    expect(unsourced('明年力争规上工业企业突破2500家，装备制造业增加值占比提高到35%以上。')).toEqual([]);
    expect(unsourced('计划新增床位2000张，目前已建成1200张。')).toEqual(['1200张']);
  });

  it('does not take what the counted people did for a source', () => {
    expect(unsourced('八成以上的受访家长表示，课后服务减轻了接送负担。')).toEqual(['八成']);
    expect(unsourced('据调查，八成以上的受访家长表示，课后服务减轻了接送负担。')).toEqual([]);
  });

  it('does not take one person’s age or an age threshold for a statistic', () => {
    expect(unsourced('家住城西的83岁的刘大爷，每天都来食堂吃饭。他今年83岁，身体硬朗。年满60岁的老人可以办卡。')).toEqual([]);
    expect(unsourced('全区社区工作者平均年龄38岁。')).toEqual(['38岁']);
  });

  it('takes a body’s data or word for a source, not the draft’s own “这组数据”', () => {
    expect(unsourced('市统计中心的最新数据，全市常住人口达到412.6万。')).toEqual([]);
    expect(unsourced('按照区发改委的说法，全区今年开工项目86个。')).toEqual([]);
    expect(unsourced('这组数据来之不易。全区今年开工项目86个。')).toEqual(['86个']);
    expect(unsourced('街道负责人告诉记者，辖区今年新开了12家便民店。')).toEqual([]);
    expect(unsourced('记者调研发现，近四成的小微企业仍觉得贷款难。')).toEqual([]);
    expect(unsourced('区文旅部门也提到，全区今年新开放了14处城市书房。')).toEqual([]);
    expect(unsourced('按照区统计局的口径，全区今年新开放了14处城市书房。')).toEqual([]);
    expect(unsourced('换个口径看，全区今年新开放了14处城市书房。')).toEqual(['14处']);
    expect(unsourced('前面提到，全区今年新开放了14处城市书房。')).toEqual(['14处']);
    expect(unsourced('区民政局提供的数据，全区今年新开放了14处老年食堂。')).toEqual([]);
    expect(unsourced('按照区商务局给出的数字，全区今年新开了38家便民店。')).toEqual([]);
    expect(unsourced('街道负责人说，辖区今年新开了12家便民店。')).toEqual([]);
    expect(unsourced('从区城管局的台账看，全区今年整治了46处违建。')).toEqual([]);
    expect(unsourced('市商务局晒出的成绩单里，全市今年新开了38家便民店。')).toEqual([]);
    expect(unsourced('在区政府的答复中，全区今年新开了38家便民店。')).toEqual([]);
    expect(unsourced('人民银行的最新数据，全市普惠小微贷款余额达到1260亿元。')).toEqual([]);
    expect(unsourced('这份材料写得很用心。全区今年新开了38家便民店。')).toEqual(['38家']);
    expect(unsourced('区商务局相关负责人接受采访时说，全区今年新开了38家便民店。')).toEqual([]);
    expect(unsourced('区商务局给出的答案是：全区今年新开了38家便民店。')).toEqual([]);
    expect(unsourced('从区商务局获取的数据看，全区今年新开了38家便民店。')).toEqual([]);
    // Nobody who speaks for a body: the figure is the draft's own.
    expect(unsourced('这个数字不小。全区今年新开了38家便民店。')).toEqual(['38家']);
    expect(unsourced('老人们说，辖区今年新开了12家便民店。')).toEqual(['12家']);
  });

  it('takes a figure an earlier sentence sourced as sourced when repeated, and leaves a mistyped value of it to figure-conflict', () => {
    expect(unsourced('据市口岸办统计，全市海外仓已有236个。\n企业出海，需要落脚点。这236个海外仓，就是落脚点。')).toEqual([]);
    const mistyped = '据市口岸办统计，全市海外仓已有236个。\n企业出海，需要落脚点。全市263个海外仓，就是落脚点。';
    expect(unsourced(mistyped)).toEqual([]);
    expect(flagged(run(figureConflict, mistyped))).toEqual(['263个']);
    // Another quantity in the same place is still a figure to source.
    expect(unsourced('据市口岸办统计，全市海外仓已有236个。\n企业出海，需要落脚点。全市263家外贸企业，就靠这些海外仓。')).toEqual(['263家']);
  });
});

describe('figure-format: classes found on drafts written blind', () => {
  const format = (body: string) => run(figureFormat, body);

  it('writes 百分之六十 as 60% in a draft that writes percentages in digits, but leaves 百分之百', () => {
    const r = format('全市30%的社区配备了助餐点，而在百分之六十的农村，助餐仍是空白。我们要百分之百地投入。');
    expect(flagged(r)).toEqual(['百分之六十']);
    expect(applyFixes(r.text, r.findings)).toContain('而在60%的农村');
    expect(flagged(format('在百分之六十的农村，助餐仍是空白。'))).toEqual([]);
  });

  it('fixes digits with 千 or 百', () => {
    const r = format('园区吸纳就业2千余人，带动周边5万3千户增收。');
    expect(flagged(r)).toEqual(['2千', '5万3千']);
    expect(applyFixes(r.text, r.findings)).toContain('吸纳就业2000余人，带动周边5.3万户');
    expect(flagged(format('全长3千米，功率5千瓦，提高2个百分点。'))).toEqual([]);
  });

  it('writes an approximation of two neighbouring digits in Chinese, not a list of items', () => {
    const r = format('这3、4年里，镇上新建了5、6个篮球场，每个村有三、四个志愿者。');
    expect(flagged(r)).toEqual(['3、4', '5、6', '三、四']);
    expect(applyFixes(r.text, r.findings)).toContain('这三四年里，镇上新建了五六个篮球场，每个村有三四个');
    expect(flagged(format('地铁3、4号线，3、4月份，第3、4名，3、5年。'))).toEqual([]);
  });

  it('flags a small Chinese count among digit counts of the same measure word, not a list summed up or a formula', () => {
    expect(flagged(format('全区共有社区书屋26家，年内还将增开五家分馆。'))).toEqual(['五家']);
    expect(flagged(format('全区共有社区书屋26家，开设阅读、讲座和展览三项服务。'))).toEqual([]);
    expect(flagged(format('全区共有社区书屋26个，落实“三个务必”，三个月内完成整改。'))).toEqual([]);
    expect(flagged(format('全区共有社区书屋26家。记者走访了三个社区、五家书屋，其中四家书屋晚上也开门。'))).toEqual([]);
  });
});

describe('figure-format: two-digit years after a time word, before 以来/前后/的, in a clause', () => {
  const years = (body: string) => flagged(run(figureFormat, body));

  it('flags a two-digit year after 早在, 回到, 到了, 自 and in a comparison', () => {
    expect(years('早在19年，街道就试行了垃圾分类。回到20年，谁也想不到今天的样子。到了23年，全县养老机构增加到46家。')).toEqual(['19年', '20年', '23年']);
    expect(years('与23年相比，全市快递业务量增长12%，较22年同期多出3.2万件。')).toEqual(['23年', '22年']);
  });

  it('flags one in brackets, after 比 in a comparison, after 到 opening a clause and after a whole place', () => {
    expect(years('去年（23年）全市新增就业岗位3.2万个，今年比23年增长12%。')).toEqual(['23年', '23年']);
    expect(years('到25年，全市将建成社区食堂60个。全县22年完成造林1.2万亩。')).toEqual(['25年', '22年']);
    expect(years('土地承包期延长到30年，合同期限延长至20年。今年比20年前增长了一倍。全县20年来变化很大。从10年缩短到5年。')).toEqual([]);
  });

  it('flags the second year of a pair whose first is written in full, and one before a season or holiday', () => {
    expect(years('2023年和24年，全市连续两年新增就业超过3万人。2021—23年，全县新建学校12所。')).toEqual(['24年', '23年']);
    expect(years('24年春节期间，全市接待游客86万人次；23年夏天，暴雨冲毁了12座桥。')).toEqual(['24年', '23年']);
    expect(years('两个10年和20年的目标，他用了20年春秋，迎来70年国庆。')).toEqual([]);
  });

  it('flags one before 以来, 前后, 的数据 and an event', () => {
    expect(years('19年以来，全市新增就业岗位3.2万个。自21年以来，园区引进企业86家。')).toEqual(['19年', '21年']);
    expect(years('22年前后，这里还是一片荒地。24年的数据显示，快递业务量增长了12%。')).toEqual(['22年', '24年']);
    expect(years('社区食堂是21年建成的，如今每天接待老人300人次。全市在22年新建学校12所。')).toEqual(['21年', '22年']);
  });

  it('leaves durations: 工作了19年, 19年来, 不低于20年, 在30年发展中, 早在10年前, 从80年代', () => {
    expect(years('他在社区工作了19年，见证了变化。19年来，他从未请过一天假。这项制度已推行23年。')).toEqual([]);
    expect(years('使用年限不低于20年，早在10年前就已规划，从80年代开始起步，在30年发展中，经过28年的奋战，在10年间。')).toEqual([]);
    expect(years('改革开放40年以来，70年的历史，在70年的坐标上，坚持了20年的努力，进入90年代。')).toEqual([]);
    expect(years('力争在10年建成生态廊道，要在15年建成新城。全县12年义务教育全覆盖，全市10年来变化很大，全省10年累计投入资金12亿元。')).toEqual([]);
    expect(years('这是23年来最好的成绩，合同期是20年。12年过去了。在20年里，村子变了样。与20年前相比，变化很大。')).toEqual([]);
  });

  it('writes the fix with the draft’s century, and suggests 19 for a year in the nineties', () => {
    const r = run(figureFormat, '2024年，全市新建公园12个。早在19年，试点就已启动。');
    expect(applyFixes(r.text, r.findings)).toContain('早在2019年，');
    const nineties = run(figureFormat, '这家企业成立于98年。');
    expect(nineties.findings[0].message).toContain('1998年');
  });
});

describe('figure-format: 百分之 with digits, mixed digits in a number', () => {
  const format = (body: string) => run(figureFormat, body);

  it('writes 百分之30 as 30%, with or without other percentages in the draft', () => {
    const r = format('全区有30%的社区建成了食堂，而百分之30的农村还没有。今年粮食产量增长百分之5.2。');
    expect(flagged(r)).toEqual(['百分之30', '百分之5.2']);
    expect(applyFixes(r.text, r.findings)).toContain('而30%的农村还没有。今年粮食产量增长5.2%。');
    expect(r.findings[0].message).toContain('百分之三十');
    const doubled = format('百分之30%的村有快递点，百分之 12.5以上的村有电商。');
    expect(applyFixes(doubled.text, doubled.findings)).toContain('30%的村有快递点，12.5%以上的村有电商。');
    const range = format('居民出资比例为百分之20至30。');
    expect(applyFixes(range.text, range.findings)).toContain('出资比例为20%至30%。');
    // Full-width digits in it are fixed once, by the same finding.
    const wide = format('全县约百分之３０的村通了公交。');
    expect(flagged(wide)).toEqual(['百分之３０']);
    expect(applyFixes(wide.text, wide.findings)).toContain('约30%的村');
  });

  it('leaves 百分之 with Chinese numerals and 30% alone', () => {
    expect(flagged(format('百分之九十五以上的村通了公交，我们要百分之百地投入。'))).toEqual([]);
    expect(flagged(format('30%的村有了快递点，百分点提高了3个。'))).toEqual([]);
  });

  it('writes a year or number that mixes Chinese and Arabic digits in Arabic digits', () => {
    const r = format('二0二四年，全市新建公园12个。二〇2四年的目标是1〇0个，2〇24年底完成。');
    expect(flagged(r)).toEqual(['二0二四年', '二〇2四年', '1〇0', '2〇24年']);
    expect(applyFixes(r.text, r.findings)).toContain('2024年，全市新建公园12个。2024年的目标是100个，2024年底完成。');
    // Right after a word (从, 自), the year keeps its first digit.
    expect(flagged(format('据县文旅局介绍，从二0二三年起，全县新建书屋40个。'))).toEqual(['二0二三年']);
  });

  it('leaves a Chinese digit ending a word before a number, and years written wholly one way', () => {
    expect(flagged(format('统一2024年的标准，作为之一30个样板，第一2名。二〇二四年和2025年都是关键之年。'))).toEqual([]);
  });
});

describe('figure-format: a Chinese count of twenty or more among Arabic counts, whatever the measure word', () => {
  const format = (body: string) => run(figureFormat, body);

  it('flags 五十支 in a draft of 312处 and 32.5米, and fixes it', () => {
    const r = format('全市共整治隐患点312处，新建堤防32.5米，调派五十支救援队伍。');
    expect(flagged(r)).toEqual(['五十支']);
    expect(applyFixes(r.text, r.findings)).toContain('调派50支救援队伍');
    expect(flagged(format('全市共有312个社区，又有三百名志愿者报名。'))).toEqual(['三百名']);
  });

  it('leaves approximations, 万 figures, ages, policy packages and small counts of another measure word', () => {
    expect(flagged(format('全市共有312个社区，三十多个社区设立了食堂，上百名志愿者参与，惠及两万户家庭。'))).toEqual([]);
    expect(flagged(format('全市出台稳就业二十条措施，新增就业岗位3.2万个。四十岁的他，带领12名工人。'))).toEqual([]);
    expect(flagged(format('他在这里守了四十个春秋，让群众一百个放心，带出徒弟26名。'))).toEqual([]);
    expect(flagged(format('全市共整治隐患点312处。一支队伍、两会精神、“十四五”规划和八项规定，记者走访了三个社区。'))).toEqual([]);
  });

  it('flags a small count done in a sentence of Arabic counts, not one after a noun, opening a clause or before a quote', () => {
    expect(flagged(format('全市新建堤防32.5米，新建三座泵站，调派五支救援队伍。'))).toEqual(['三座', '五支']);
    expect(flagged(format('除夕夜，三所军医大学450人紧急出征。'))).toEqual([]);
    expect(flagged(format('在军事五项项目中，打破500米障碍纪录。'))).toEqual([]);
    expect(flagged(format('全国政协十三届三次会议开幕，来自34个界别。'))).toEqual([]);
    expect(flagged(format('全市新建堤防32.5米。他说，我们有三支队伍。'))).toEqual([]);
    expect(flagged(format('全市新建堤防32.5米，这得益于三个“坚持”，实现了五个突破。'))).toEqual([]);
  });

  it('leaves them when the draft counts in Chinese numerals', () => {
    expect(flagged(format('全市建成三百二十六个服务点、五十个食堂，配备专职人员四百五十八名。'))).toEqual([]);
  });
});

describe('figure-unsourced: a limit or level stated as achieved', () => {
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));

  it('flags a bare ratio brought below a bound, or to a level', () => {
    expect(unsourced('经过改造，数据中心电能利用效率降至1.2以下。')).toEqual(['1.2']);
    expect(unsourced('经过改造，数据中心电能利用效率降到了1.25。')).toEqual(['1.25']);
    expect(unsourced('夜间噪声控制在55分贝以内，二氧化硫浓度降至0.5毫克/立方米以下。')).toEqual(['55分贝', '0.5毫克']);
  });

  it('flags a duration cut in Chinese numerals, however small', () => {
    expect(unsourced('企业开办时间压缩到三个工作日，不动产登记五个工作日内办结。')).toEqual(['三个工作日', '五个工作日']);
    expect(unsourced('审批时间由原来的二十个工作日压缩到十个工作日。')).toEqual(['二十个工作日', '十个工作日']);
    expect(unsourced('力争把审批时间压缩到三个工作日。一个月内，三个小时，他用了两天时间。')).toEqual([]);
  });

  it('accepts a source and leaves plans, ranks and years alone', () => {
    expect(unsourced('据市发改委介绍，数据中心电能利用效率降至1.2以下。')).toEqual([]);
    expect(unsourced('力争把数据中心电能利用效率降至1.2以下。')).toEqual([]);
    expect(unsourced('他把成绩提高到了第3名以内，失业率降至2020年以来最低。')).toEqual([]);
  });
});

describe('figure-conflict: a retelling recognised by time, place, attribute and long values', () => {
  const conflicts = (body: string, profile?: Profile) => flagged(run(figureConflict, body, profile));
  const lint = (text: string, profile: Profile) => {
    const findings = figureConflict.check(parseDraft(text), profile, figureConflict.defaultOptions, context);
    return findings.map((f) => text.slice(f.start, f.end));
  };

  it('takes a published 目前 as the stock on its date: the start of the year when printed in January, not in July', () => {
    const body = '市文明办的数据显示，目前，全市登记在册的志愿者达到36.8万人。';
    const draft = '据市文明办统计，截至2025年初，全市登记在册的志愿者达到38.6万人。';
    expect(conflicts(draft, archiveProfile('志愿服务要有温度', body, 'pages/2025-01-20.txt'))).toEqual(['38.6万人']);
    expect(conflicts(draft, archiveProfile('志愿服务要有温度', body, 'pages/2025-07-20.txt'))).toEqual([]);
  });

  it('reads a figure naming no place as of the place the draft is about', () => {
    const archive = archiveProfile('一条热线连着千家万户', '区政务服务中心的数据显示，滨江区政务服务热线的按时办结率达到97.45%。', 'pages/2025-03-10.txt');
    const body = '●孟秋\n据区政务服务中心统计，热线按时办结率达到97.54%，不少市民说打一个电话就能办成事。\n';
    expect(lint(`滨江的热线为何接得住\n${body}`, archive)).toEqual(['97.54%']);
    expect(lint(`西湖的热线为何接得住\n${body}`, archive)).toEqual([]);
  });

  it('holds one digit changed in four significant digits for a slip, in two for a later count', () => {
    const archive = archiveProfile('农博会', '在去年秋天举办的农业博览会上，现场集中签约合作项目总金额达523.6亿元，签约合作项目52个。', 'pages/2025-01-20.txt');
    expect(conflicts('据主办方介绍，本届农业博览会现场集中签约合作项目总金额达528.6亿元。', archive)).toEqual(['528.6亿元']);
    expect(conflicts('据主办方介绍，本届农业博览会现场集中签约合作项目58个。', archive)).toEqual([]);
  });

  it('reads “N的X” with no time or place of its own as the quantity given before, not a share or another thing', () => {
    const before = '据县农业农村局统计，今年以来，全县累计培训新型职业农民4.2万人次。\n';
    expect(conflicts(`${before}但也要看到，4.7万人次的培训规模还远远不够。`)).toEqual(['4.7万人次']);
    expect(conflicts(`${before}据县文旅局统计，4.7万人次的参观者走进了农业展馆。`)).toEqual([]);
    expect(conflicts('据调查，全县42%的农户用上了新技术。\n据县农技站统计，47%的农户参加过培训。')).toEqual([]);
  });

  it('reads a bare 客流 as the visitors counted before, not as a peak day beside it', () => {
    const body =
      '据县文化和旅游局发布的数据，2024年全县接待游客1286万人次。\n据景区管理处统计，去年景区日均客流约3万人次，今年春节假期高峰日达到5.2万人次。\n照县里的统计口径，1268万人次的客流，对交通和住宿都是一场大考。';
    expect(conflicts(body)).toEqual(['1268万人次']);
  });
});

describe('figure rules: spans to a month end, bodies named after the home place, attributes read after 的, looser sources', () => {
  const conflicts = (body: string, profile?: Profile) => flagged(run(figureConflict, body, profile));
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));

  it('takes a total for 前三季度 and one as of 9月底 for one time, but not as of 6月底', () => {
    const first = '据市卫健委统计，今年前三季度外地专家来本市坐诊带教5300余人次。\n';
    expect(conflicts(`${first}卫健委的这组数据同时显示，截至9月底，外地专家来本市坐诊带教已达5030余人次。`)).toEqual(['5030余人次']);
    expect(conflicts(`${first}卫健委的这组数据同时显示，截至6月底，外地专家来本市坐诊带教已达3500余人次。`)).toEqual([]);
  });

  it('reads 全市 as the city the draft’s bodies are named after, against a figure that names the city', () => {
    const text =
      '古镇的热闹要细水长流\n●林岚\n古镇的青石板路上人头攒动。据漳州市文化和旅游局统计，今年国庆假期全市共接待游客438.6万人次，其中古镇片区接待游客120.3万人次。\n' +
      '古镇的老街本就狭窄。按照文旅局的统计口径，国庆期间漳州接待游客总数达到483.6万人次，古镇的承载力面临考验。漳州的做法是分时预约。\n';
    const findings = figureConflict.check(parseDraft(text), emptyProfile('t'), figureConflict.defaultOptions, context).map((f) => text.slice(f.start, f.end));
    expect(findings).toEqual(['483.6万人次']);
  });

  it('reads the noun after 的 when the clause before it names no thing (这支已达N人的志愿者队伍)', () => {
    const first = '据县民政局统计，截至2024年底，全县助餐志愿者现有860人。\n';
    expect(conflicts(`${first}按县志愿服务联合会的登记，这支已达880人的志愿者队伍年龄偏大。`)).toEqual(['880人']);
    expect(conflicts(`${first}按县老龄办的登记，这支已达880人的老年合唱队越办越红火。`)).toEqual([]);
  });

  it('takes a body’s named kind of data as a source, and 监测 only as one', () => {
    expect(unsourced('县农技推广中心的测产数据也提醒我们，部分地块亩产仍在420公斤上下。')).toEqual([]);
    expect(unsourced('随着老旧管网陆续更换、智能监测全面铺开，管网漏损率降到了8%以下。')).toEqual(['8%']);
    expect(unsourced('环境监测显示，全市细颗粒物平均浓度降到了28微克每立方米。')).toEqual([]);
  });
});

describe('figure rules: a restatement takes its place from what it restates, 根据 as a preposition, 十 as a small count', () => {
  const conflicts = (body: string) => flagged(run(figureConflict, body));
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));
  const format = (body: string) => flagged(run(figureFormat, body));

  it('reads “N的X” as of the place the earlier figure named', () => {
    const first = '据洛阳博物馆介绍，洛阳博物馆推出的线上展览累计浏览量达2.3亿人次。\n';
    expect(conflicts(`${first}馆方的数据也提醒我们，2.3万人次的线上浏览量中，看完全程的并不多。`)).toEqual(['2.3万人次']);
  });

  it('takes 根据 as a source before a record or a body, not as “according to” a method', () => {
    expect(unsourced('现在，系统根据技能和位置推送岗位，办理时限压缩到2个工作日。')).toEqual(['2个工作日']);
    expect(unsourced('根据市人社局发布的数据，办理时限压缩到2个工作日。')).toEqual([]);
    expect(unsourced('按照市消防救援支队的说法，全市已建成集中充电点1.6万个。')).toEqual([]);
  });

  it('writes 十个 like the Arabic counts of its class, but not 数十个', () => {
    const stats = '据市卫健委统计，全市现有托育机构512家，提供托位2.6万个，';
    expect(format(`${stats}十个区都建成了综合托育服务中心。`)).toEqual(['十个']);
    expect(format(`${stats}服务于数十个社区。`)).toEqual([]);
  });
});

describe('figure-conflict: the whole of a place, a count of days, two heads on one root', () => {
  const conflicts = (body: string) => flagged(run(figureConflict, body));
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));

  it('reads 全港 as the whole port, not a modifier that sets its routes apart', () => {
    expect(conflicts('据市港口局统计，截至2024年底，连云港港集装箱航线总数达到83条。\n截至2024年末，全港集装箱航线共有38条，远洋航线仍然偏少。')).toEqual(['38条']);
  });

  it('counts days where the clause names a number of days, and leaves other 天 alone', () => {
    expect(conflicts('据市生态环境局统计，2024年全市空气质量优良天数达到265天。\n据市生态环境局通报，2024年全市优良天数为256天，比上年有所增加。')).toEqual(['256天']);
    expect(unsourced('2024年全市空气质量优良天数达到265天。')).toEqual(['265天']);
    expect(unsourced('活动一连办了3天，吸引了不少市民。')).toEqual([]);
  });

  it('takes 投资 and 投入 for one sum under a slip, not two different sums', () => {
    expect(conflicts('据县水利局介绍，2024年全县小型水库除险加固总投资2380万元。\n县水利局的数据显示，2024年水库除险加固共投入2380亿元。')).toEqual(['2380亿元']);
    expect(conflicts('据县水利局介绍，2024年全县小型水库除险加固总投资2380万元。\n县水利局的数据显示，2024年水库除险加固共投入2650万元。')).toEqual([]);
  });
});

describe('figure-conflict: actions read from the clause, doers named by their deed, one digit under one named time, a source’s word', () => {
  const conflicts = (body: string) => flagged(run(figureConflict, body));

  it('takes an action written in the other clause for the one the segmenter missed', () => {
    expect(conflicts('据市交通运输局介绍，全市已抢修受损道路416公里。\n据市交通运输局统计，目前已抢修的476公里道路中，仍有部分路段限行。')).toEqual(['476公里']);
  });

  it('reads 报名者 as the 报名 people counted, under a shifted point', () => {
    expect(conflicts('据组委会介绍，今年马拉松报名人数达到13.8万人。\n据组委会统计，1.38万名报名者中，外地跑者占了多数。')).toEqual(['1.38万名']);
  });

  it('takes one digit changed for a slip when both name one time and one head is in the other clause, not when a time is missing', () => {
    const first = '据市文旅局统计，2023年全市小剧场演出场次达到2.4万场。\n';
    expect(conflicts(`${first}据市文旅局的数据，2023年全市上演的2.7万场小剧场演出里，原创剧目占了四成。`)).toEqual(['2.7万场']);
    expect(conflicts(`${first}据市文旅局的数据，全市上演的2.7万场小剧场演出里，原创剧目占了四成。`)).toEqual([]);
  });

  it('does not take 按…的口径 for what is counted', () => {
    expect(conflicts('据市工信局统计，截至2024年底，全市已有37家钢铁企业完成超低排放改造。\n2024年末完成超低排放改造的钢铁企业，按工信部门的口径共有73家。')).toEqual(['73家']);
  });
});

describe('figure-conflict against the archive: an undated published figure is of its date, a doer counted as the deed', () => {
  const conflicts = (body: string, profile?: Profile) => flagged(run(figureConflict, body, profile));

  it('takes a figure its article gives no time for as of the article’s date', () => {
    const body = '一周时间内，津南区在各街道建立41个集中隔离医学观察点，迅速完成16500间房间的建设储备。';
    const draft = '据当时的报道，2020年初，津南区一周内建起41个集中隔离医学观察点，迅速完成15600间房间的建设储备。';
    expect(conflicts(draft, archiveProfile('守住防线', body, 'pages/2020-02-25.txt'))).toEqual(['15600间']);
    expect(conflicts(draft, archiveProfile('守住防线', body, 'pages/2020-08-25.txt'))).toEqual([]);
  });

  it('reads 参观者 as the people counted by 参观 in 人次', () => {
    const body = '春节7天长假，全市40多家博物馆新推出26个主题展览，共有1375万人次参观。';
    expect(conflicts('据市文旅部门统计，2019年春节长假，全市40多家博物馆推出26个主题展览，共接待参观者1357万人次。', archiveProfile('博物馆里过大年', body, 'pages/2019-02-20.txt'))).toEqual(['1357万人次']);
  });
});

describe('figure-unsourced: a driver is no company', () => {
  it('does not read 司机们说 as a body speaking', () => {
    const unsourced = (body: string) => flagged(run(figureUnsourced, body));
    expect(unsourced('司机们说，车更稳了。与柴油车相比，每公里能耗支出减少了近一半。')).toEqual(['近一半']);
    expect(unsourced('公交公司负责人说，与柴油车相比，每公里能耗支出减少了近一半。')).toEqual([]);
  });
});

describe('figure-unsourced: a document’s word, what was made public, a body at its own work, a target after the figure', () => {
  const unsourced = (body: string) => flagged(run(figureUnsourced, body));

  it('takes a document’s 说法 and published 信息 for sources', () => {
    expect(unsourced('按照这份总结的说法，“十四五”以来全区新增学位2.3万个。')).toEqual([]);
    expect(unsourced('按照当地公开的信息，城市大脑已接入412个信息化系统。')).toEqual([]);
    expect(unsourced('按照这份总结，“十四五”以来全区新增学位2.3万个。')).toEqual(['2.3万个']);
  });

  it('takes a body’s count of its own work as its word, in its own sentence only', () => {
    expect(unsourced('今年上半年，市政务服务局共受理群众诉求6.2万件。')).toEqual([]);
    expect(unsourced('今年上半年，市政务服务局共受理群众诉求6.2万件。办理时限压缩到3个工作日。')).toEqual(['3个工作日']);
  });

  it('leaves alone a figure inside a target, before or after the figure', () => {
    expect(unsourced('按照市里的规划，到2027年，地铁站周边500米范围内公交站点覆盖率力争达到100%。')).toEqual([]);
    expect(unsourced('市里提出，到2026年底实现政务服务事项全程网办比例达到95%以上。')).toEqual([]);
    expect(unsourced('地铁站周边500米范围内公交站点覆盖率达到96%。')).toEqual(['500米', '96%']);
  });
});

describe('figure-conflict: digits mistyped are digits typed; the same digits under 万 and 亿', () => {
  const conflicts = (body: string) => flagged(run(figureConflict, body));

  it('takes no Chinese-numeral count for a slip of an Arabic one', () => {
    expect(conflicts('据县教育局统计，全县现有乡村小规模学校412所。这些学校都配齐了专职教师，另有十二所与城区学校结成了紧密型共同体。')).toEqual([]);
  });

  it('takes the same three digits under 万 and 亿 for one figure mistyped, however the clause was read', () => {
    const first = '据主办方介绍，本届博览会意向成交额已达358亿元。\n';
    expect(conflicts(`${first}据组委会通报，本届博览会意向成交358万元，签约项目也明显增多。`)).toEqual(['358万元']);
    expect(conflicts(`${first}据组委会通报，本届博览会意向成交35万元的小单也不少。`)).toEqual([]);
  });
});
