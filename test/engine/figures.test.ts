import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import {
  extractFigures,
  extractFiguresFor,
  FIGURE_UNITS,
  parseChineseNumber,
  valuesCompatible,
  type Figure,
} from '../../server/src/engine/figures/extract';
import { figureContributor, MAX_PUBLISHED_FIGURES } from '../../server/src/engine/figures/contributor';
import { aliasMap } from '../../server/src/engine/figures/aliases';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import type { CorpusArticle } from '../../server/src/engine/profile/contributor';
import type { Profile, PublishedFigure } from '../../server/src/engine/profile/types';

const HEAD = '城市交通观察\n●李文\n';

function figuresOf(body: string, extraCues: string[] = []): { text: string; figures: Figure[] } {
  const text = HEAD + body;
  return { text, figures: extractFigures(parseDraft(text), extraCues) };
}

const raws = (body: string) => figuresOf(body).figures.map((f) => f.raw);

function article(body: string, file = 'a.txt', shift = 100): CorpusArticle {
  const doc = parseDraft(HEAD + body);
  return { file, headline: doc.headline!.text, doc, fileOffset: (o) => o + shift, bylinePosition: 'after-headline' };
}

describe('extractFigures: what is a statistic', () => {
  it('reads Arabic figures with magnitudes, units and percentages', () => {
    const { text, figures } = figuresOf('今年前十个月，全市地铁日均客流突破45万人次，比去年同期增长12.5%。新区新增学位6.2万个。');
    expect(figures.map((f) => [f.raw, f.value, f.unit])).toEqual([
      ['45万人次', 450000, '人次'],
      ['12.5%', 12.5, '%'],
      ['6.2万个', 62000, '个'],
    ]);
    const first = figures[0];
    expect(text.slice(first.start, first.end)).toBe('45万人次');
    expect(first.qualifier).toBe('min');
    expect(first.subject).toEqual(expect.arrayContaining(['地铁', '客流']));
    expect(first.subject).not.toContain('45');
  });

  it('reads Chinese numerals, full-width digits, 百分之 and thousands separators', () => {
    const { figures } = figuresOf('去年全县共有三百二十六家农家乐，新建充电桩３０个，接待游客1,200人次，能耗降低了百分之十五。');
    expect(figures.map((f) => [f.value, f.unit, f.numeral])).toEqual([
      [326, '家', 'chinese'],
      [30, '个', 'arabic'],
      [1200, '人次', 'arabic'],
      [15, '%', 'chinese'],
    ]);
  });

  it('keeps a bare magnitude figure and borrows the unit across a range', () => {
    const { figures } = figuresOf('常住人口增至412.6万，每年新增就业岗位8～10万个。');
    expect(figures.map((f) => [f.raw, f.value, f.unit])).toEqual([
      ['412.6万', 4126000, ''],
      ['8', 80000, '个'],
      ['10万个', 100000, '个'],
    ]);
  });

  it('is not fooled by years, dates, ordinals, line names, codes and versions', () => {
    const body =
      '2023年11月26日，第三届论坛在地铁3号线沿线举行，地铁1、2号线换乘站同步开放。' +
      'S43高速连接两座城市，市民可拨打12345热线咨询，全区建成5G基站，城市大脑升级到4.0版本，国土规划期限为2021—2035年。';
    expect(raws(body)).toEqual([]);
  });

  it('counts a figure next to a code but not the code itself', () => {
    expect(raws('全区新建3000个5G基站。')).toEqual(['3000个']);
  });

  it('skips numbers inside quoted slogans and book titles', () => {
    expect(raws('全市连续两年实现“双百”目标，“十四五”时期推进“三个一百”工程，《2024年交通发展白皮书》同日印发。')).toEqual([]);
  });

  it('skips rhetorical counts, idioms and vague amounts', () => {
    expect(raws('这是一场硬仗，两项措施同时推进，千家万户十分关心，数十家企业、几十个项目和七八十岁的老人都受益。')).toEqual([]);
  });

  it('skips rankings, durations and age brackets', () => {
    expect(raws('该市排名前3名，工期为18个月，全市60岁以上老人享受免费乘车。')).toEqual([]);
  });

  it('reads bounds from the words around a figure', () => {
    const { figures } = figuresOf('全年接待游客超过800万人次，投资近50亿元，约3000名志愿者参与，新增绿地200公顷以上，补贴最多300万元。');
    expect(figures.map((f) => f.qualifier)).toEqual(['min', 'max', 'approx', 'min', 'max']);
  });

  it('counts UTF-16 offsets after emoji and astral characters', () => {
    const { text, figures } = figuresOf('😀𠀀全市新增停车位3200个。');
    expect(figures).toHaveLength(1);
    expect(figures[0].start).toBe(text.indexOf('3200'));
    expect(text.slice(figures[0].start, figures[0].end)).toBe('3200个');
  });

  it('caches the extraction per draft', () => {
    const doc = parseDraft(HEAD + '全市新增停车位3200个。');
    expect(extractFigures(doc)).toBe(extractFigures(doc));
  });

  it('exports the unit list for other rules', () => {
    expect(FIGURE_UNITS).toEqual(expect.arrayContaining(['人次', '个', '元', '公里', '个百分点']));
    expect(new Set(FIGURE_UNITS).size).toBe(FIGURE_UNITS.length);
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['三百', 300],
    ['二十六', 26],
    ['十二', 12],
    ['一千零五', 1005],
    ['两万', 20000],
    ['一亿两千万', 120000000],
    ['三点五', 3.5],
    ['二〇二四', 2024],
    ['百', 100],
  ])('%s → %d', (text, value) => expect(parseChineseNumber(text)).toBe(value));

  it('rejects what is not a numeral', () => expect(parseChineseNumber('三个')).toBeUndefined());
});

describe('valuesCompatible', () => {
  it('treats bounds as intervals', () => {
    expect(valuesCompatible({ value: 300000, qualifier: 'min' }, { value: 320000 })).toBe(true);
    expect(valuesCompatible({ value: 300000 }, { value: 250000 })).toBe(false);
    expect(valuesCompatible({ value: 100, qualifier: 'max' }, { value: 120, qualifier: 'min' })).toBe(false);
  });
});

describe('attribution', () => {
  it('finds a cue in the figure’s own sentence', () => {
    const { figures } = figuresOf('据市统计局数据，全市常住人口达到412.6万。报告显示，新能源汽车保有量增长35%。');
    expect(figures.map((f) => f.attribution?.cue)).toEqual(['据', '报告']);
  });

  it('finds a cue in the previous sentence, also across a paragraph break', () => {
    const { figures } = figuresOf('市交通运输局日前公布了一组数据。\n今年全市新开通公交线路18条，新增站点120个。');
    expect(figures.map((f) => f.attribution?.cue)).toEqual(['公布', '公布']);
  });

  it('does not reach across a byline for the sentence before', () => {
    const { figures } = figuresOf('市交通运输局日前公布了一组数据。\n●王立\n今年全市新开通公交线路18条。');
    expect(figures.map((f) => f.attribution?.cue)).toEqual([undefined]);
  });

  it('accepts a named document as the source', () => {
    const { figures } = figuresOf('《城市体检报告》提到，老旧小区改造完成215个。');
    expect(figures[0].attribution?.cue).toBe('《城市体检报告》');
  });

  it('does not take 据 in 数据 or 称 in 名称 for a cue, nor a cue two sentences back', () => {
    const { figures } = figuresOf('市统计局发布了年报。这一名称沿用多年。数据中心机架达到1.2万个。');
    expect(figures).toHaveLength(1);
    expect(figures[0].attribution).toBeUndefined();
  });

  it('uses learned cues only when the profile saw them often enough', () => {
    const body = '他谈到，全市机动车保有量已达210万辆。';
    expect(figuresOf(body).figures[0].attribution).toBeUndefined();
    expect(figuresOf(body, ['谈到']).figures[0].attribution?.cue).toBe('谈到');

    const doc = parseDraft(HEAD + body);
    const profile = emptyProfile('t');
    profile.register.attributionCues = { 谈到: 2 };
    expect(extractFiguresFor(doc, profile)[0].attribution).toBeUndefined();
    profile.register.attributionCues = { 谈到: 5 };
    expect(extractFiguresFor(doc, profile)[0].attribution?.cue).toBe('谈到');
  });
});

describe('figureContributor', () => {
  const bodyA = '市统计局估算，今年全市新增城镇就业岗位8.6万个。\n2024年全市完成老旧小区改造215个，其中三百二十个小区加装电梯，新增绿地20～30公顷，另有15%-20%的小区在施工。';

  it('collects published figures with file offsets, cues and number style', () => {
    const profile = emptyProfile('t');
    const a = article(bodyA);
    figureContributor.observe(a, profile);
    figureContributor.finalize(profile);

    const jobs = profile.house.figures.find((f) => f.value === 86000)!;
    expect(jobs).toMatchObject({ unit: '个', headline: '城市交通观察', file: 'a.txt' });
    expect(jobs.offset).toBe(a.doc.text.indexOf('8.6万个') + 100);
    expect(jobs.subject).toEqual(expect.arrayContaining(['就业', '岗位']));
    // A reporting verb right after its speaker and before a comma is learned as a cue; it counts
    // once per figure sentence it sources (its own and the next one here).
    expect(profile.register.attributionCues['估算']).toBe(2);
    expect(profile.register.attributionCues['统计']).toBe(2);
    expect(profile.register.attributionCues['全市']).toBeUndefined();
    expect(profile.house.numberStyle.chineseCounts).toBe(1);
    expect(profile.house.numberStyle.arabicCounts).toBeGreaterThanOrEqual(4);
    expect(profile.house.numberStyle.rangeMarks).toEqual({ '-': 1, '～': 1 });
  });

  it('learns an abbreviation written in brackets after a full name, and adds up its counts on merge', () => {
    const body = '2023年全国国内生产总值（GDP）达到126万亿元。全省规模以上工业企业（以下简称“规上企业”）超过5000家。全年增速为5.2%（GDP）。';
    const one = emptyProfile('t', 'shard');
    figureContributor.observe(article(body), one);
    const two = emptyProfile('t', 'shard');
    figureContributor.observe(article('国内生产总值（GDP）稳步增长。', 'b.txt'), two);
    figureContributor.merge(one, two);
    figureContributor.finalize(one);
    const aliases = one.register.thingAliases!;
    expect(aliases['GDP=生产总值']).toBe(2);
    expect(aliases['规上企业=工业 企业']).toBe(1);
    // A bracket right after a figure names nothing.
    expect(Object.keys(aliases).filter((k) => k.startsWith('GDP='))).toEqual(['GDP=生产总值']);
    expect(aliasMap(one, []).get('GDP')).toEqual(['生产总值']);
    // A draft's own definition wins over the archive's.
    expect(aliasMap(one, ['GDP=数字']).get('GDP')).toEqual(['数字']);
  });

  it('records bounds of published figures', () => {
    const profile = emptyProfile('t');
    figureContributor.observe(article('全年接待游客超过800万人次。'), profile);
    expect(profile.house.figures[0].qualifier).toBe('min');
  });

  it('merges shards into exactly the profile of the whole', () => {
    const bodyB = '据市交通运输局介绍，地铁日均客流突破45万人次。\n全市共有公交线路192条。';
    const whole = emptyProfile('w');
    figureContributor.observe(article(bodyA, 'a.txt'), whole);
    figureContributor.observe(article(bodyB, 'b.txt'), whole);
    figureContributor.finalize(whole);

    const shardB = emptyProfile('b', 'shard');
    figureContributor.observe(article(bodyB, 'b.txt'), shardB);
    const shardA = emptyProfile('a', 'shard');
    figureContributor.observe(article(bodyA, 'a.txt'), shardA);
    // Merged in the other order: the result is the same.
    const merged = emptyProfile('w');
    figureContributor.merge(merged, shardB);
    figureContributor.merge(merged, shardA);
    figureContributor.finalize(merged);

    expect(merged.house.figures).toEqual(whole.house.figures);
    expect(merged.register.attributionCues).toEqual(whole.register.attributionCues);
    expect(merged.house.numberStyle).toEqual(whole.house.numberStyle);
    expect(JSON.stringify(merged.house)).toBe(JSON.stringify(whole.house));

    // The same shard merged twice does not list its figures twice.
    figureContributor.merge(merged, shardA);
    figureContributor.finalize(merged);
    expect(merged.house.figures).toEqual(whole.house.figures);
  });

  it('caps the published list of a usable profile to the first figures by file and offset', () => {
    const profile: Profile = emptyProfile('t');
    const many: PublishedFigure[] = [];
    for (let i = MAX_PUBLISHED_FIGURES + 10; i > 0; i--) many.push({ value: i, unit: '个', subject: ['小区'], headline: 'h', file: 'f.txt', offset: i });
    profile.house.figures = many;
    figureContributor.finalize(profile);
    expect(profile.house.figures).toHaveLength(MAX_PUBLISHED_FIGURES);
    expect(profile.house.figures[0].offset).toBe(1);

    const shard = emptyProfile('s', 'shard');
    shard.house.figures = many.slice();
    figureContributor.finalize(shard);
    expect(shard.house.figures).toHaveLength(many.length);
  });
});

describe('extractFigures: idioms and durations', () => {
  it('reads a bare magnitude only as an approximation', () => {
    expect(raws('万家灯火映照街巷，上千名志愿者走上街头，万余人参加活动。')).toEqual(['千名', '万余人']);
  });

  it('skips hours and months counted with 个', () => {
    expect(raws('从城里出发要坐将近3个小时的大巴，整个工程历时1个多月。')).toEqual([]);
    expect(raws('这场公益赛已经走过了15个年头，市商务局等6部门联合发文，全市加装电梯3部。')).toEqual(['3部']);
  });

  it('reads measurement units and ignores codes like PM2.5', () => {
    expect(raws('全年PM2.5平均浓度为32微克/立方米，最低气温零下18摄氏度。')).toEqual(['32微克', '18摄氏度']);
  });
});

describe('extractFigures on arbitrary text', () => {
  it('never throws, and every figure is a slice of the text inside one sentence', async () => {
    const fc = await import('fast-check');
    const pieces = ['全市', '新增', '3', '０', '.', '5', '万', '亿', '个', '人次', '%', '，', '。', '“', '”', '《', '》', '第', '号线', 'S', 'G', '三', '百', '十', '多', '余', '超', '据', '显示', '😀', '𠀀', '\n', '-', '～', '年'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = HEAD + parts.join('');
        const doc = parseDraft(text);
        for (const f of extractFigures(doc)) {
          const s = doc.sentences[f.sentence];
          expect(f.start).toBeGreaterThanOrEqual(s.start);
          expect(f.end).toBeLessThanOrEqual(s.end);
          expect(text.slice(f.start, f.end)).toBe(f.raw);
          expect(Number.isFinite(f.value)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });
});

describe('extractFigures: figures in words and achieved durations', () => {
  const read = (body: string) => figuresOf(body).figures.map((f) => [f.raw, f.value, f.unit, f.qualifier, f.kind]);

  it('reads proportions and multiples written in words, with their bounds', () => {
    expect(read('七成以上的村通了公交，近三成家庭买了新能源汽车，过半的社区设了议事厅，三分之一的企业完成改造。')).toEqual([
      ['七成', 70, '%', 'min', 'words'],
      ['三成', 30, '%', 'max', 'words'],
      ['过半', 50, '%', 'min', 'words'],
      ['三分之一', 33.33, '%', 'exact', 'words'],
    ]);
    expect(read('全县快递业务量翻了一番，出口额增长了两倍，居民投诉量下降了一半。')).toEqual([
      ['翻了一番', 2, '倍', 'exact', 'words'],
      ['两倍', 2, '倍', 'exact', 'words'],
      ['一半', 50, '%', 'exact', 'words'],
    ]);
  });

  it('leaves words that only look like them: 统一成, 八成新, 一成不变, 近半年, 成倍, 一半 alone', () => {
    expect(read('把标准统一成一个，八成新的旧车，一成不变的做法，近半年来，产量成倍增长，一半是海水一半是火焰。')).toEqual([]);
  });

  it('keeps words in a plan or a rule no figures', () => {
    expect(read('力争让八成以上的合作社实现规范运营，确保过半的村有集体经济项目。')).toEqual([]);
  });

  it('reads a duration as a figure when it is stated as achieved, not when planned or merely told', () => {
    expect(read('审批时限从120个工作日压缩到28个工作日，企业开办1个工作日内办结，不动产登记只需3天。')).toEqual([
      ['120个工作日', 120, '工作日', 'exact', 'duration'],
      ['28个工作日', 28, '工作日', 'exact', 'duration'],
      ['1个工作日', 1, '工作日', 'exact', 'duration'],
      ['3天', 3, '天', 'exact', 'duration'],
    ]);
    expect(read('力争把审批时限压缩到15个工作日，要在3个工作日内办结，工期为18个月，路上走了3个小时。')).toEqual([]);
  });
});

describe('quantity identity', () => {
  const quantities = (body: string) => figuresOf(body).figures.map((f) => ({ raw: f.raw, ...f.quantity }));

  it('finds the counted thing before or after the figure', () => {
    const [total, restated] = quantities('截至2024年底，全区社区食堂总数达到46个。全区64个社区食堂已全部接入平台。');
    expect(total).toMatchObject({ thing: ['社区', '食堂'], measure: 'level', scope: '', time: '2024末' });
    expect(restated).toMatchObject({ thing: ['社区', '食堂'], measure: 'level', scope: '', time: '' });
  });

  it('tells the action, a new addition, a change and a share apart', () => {
    const [issued, added, rise, share] = quantities('全市累计发放消费券36.2万张。今年新增养老床位600张。客流同比增长12%。护理型床位占比40%。');
    expect(issued).toMatchObject({ thing: ['消费', '券'], verb: '发放', measure: 'level' });
    expect(added).toMatchObject({ thing: ['养老', '床位'], verb: '新增', measure: 'new', time: 'Y0' });
    expect(rise).toMatchObject({ thing: ['客流'], measure: 'up' });
    expect(share).toMatchObject({ thing: ['护理', '型', '床位'], modifiers: ['护理', '型'], measure: 'share' });
    // Lines opened and lines cancelled are no count of the lines there are (全市公交线路1286条).
    const [total, opened, cancelled] = quantities('全市公交线路1286条。2024年，全市新辟优化公交线路126条，撤销线路62条。');
    expect(total).toMatchObject({ measure: 'level' });
    expect(opened).toMatchObject({ verb: '新辟', measure: 'new' });
    expect(cancelled).toMatchObject({ measure: 'down' });
  });

  it('reads places, parts of a whole and plans', () => {
    const [whole, part, plan] = quantities('全市建成社区食堂126家，其中河西区建成28家。力争到2027年建成社区食堂200家。');
    expect(whole).toMatchObject({ scope: '', part: false, plan: false });
    expect(part).toMatchObject({ scope: '河西区', part: true });
    expect(plan).toMatchObject({ plan: true, time: '2027末' });
  });

  it('keys one time anchor written two ways alike, and a baseline as no anchor', () => {
    const keys = quantities('2024年末，养老床位7400张。截至2024年底，养老床位7400张。今年上半年客流8万人次。比上年末减少1109万人。').map((q) => q.time);
    expect(keys).toEqual(['2024末', '2024末', 'Y0H1', '']);
  });

  it('keys a December end as the year end, and a release date by its year alone', () => {
    const keys = quantities('截至2023年12月底，民宿达到1380家。截至2023年11月底，民宿达到1370家。按照2023年底公布的数据，全市已有1380家民宿。今年发布的报告显示，民宿1380家。').map((q) => q.time);
    expect(keys).toEqual(['2023末', '2023M11末', '2023', 'Y0']);
  });

  it('keys a range of months as the quarter, half or year it makes, and a short span of days as a holiday', () => {
    const keys = quantities('今年1至9月，客流8万人次。2024年1—6月，客流6万人次。1-11月，客流9万人次。10月1日至7日，客流2万人次。去年国庆假期，客流3万人次。').map((q) => q.time);
    expect(keys).toEqual(['Y0Q1-3', '2024H1', 'M1-11', '假', 'Y-1假']);
  });

  it('keys the first months of a year as the range from January', () => {
    const keys = quantities('2023年前11个月，客流9万人次。今年前9个月，客流8万人次。前5月，客流4万人次。今年前1个月，客流1万人次。').map((q) => q.time);
    expect(keys).toEqual(['2023M1-11', 'Y0Q1-3', 'M1-5', 'Y0M1']);
  });

  it('reads a verb and a one-character head as one noun, on either side of the figure', () => {
    const [total, told, after] = quantities('全县种植户总数达到4630户。龙头企业带动的3750户种植户中，不少人学会了订单生产。排查的182处积水点虽已整改，仍要复查。');
    expect(total).toMatchObject({ thing: ['种植', '户'], verb: '' });
    expect(told).toMatchObject({ thing: ['种植', '户'], verb: '带动' });
    expect(after.thing[after.thing.length - 1]).toBe('积水');
    // A verb saying what is measured stays the verb (新建 is no part of the thing).
    expect(quantities('今年新建站点120个。')[0]).toMatchObject({ verb: '新建', measure: 'new' });
  });

  it('hashes a clause restated with another value alike, and other clauses not', () => {
    const key = (body: string) => figuresOf(body).figures.map((f) => f.clauseKey);
    const [published] = key('2023年，全市新建公共充电桩1.2万个。');
    expect(key('本报报道，2023年，全市新建公共充电桩2.1万个。')[0]).toBe(published);
    expect(key('2023年，全市新建私人充电桩2.1万个。')[0]).not.toBe(published);
    expect(published).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('Chinese numerals', () => {
  it('takes 十二 for a precise count and 三十, 两万 for round ones', () => {
    const { figures } = figuresOf('办理十二个事项，新建三十个站点，惠及两万户家庭。');
    expect(figures.map((f) => [f.raw, f.roundMagnitude])).toEqual([
      ['十二个', false],
      ['三十个', true],
      ['两万户', true],
    ]);
  });
});

describe('time anchors and slips', () => {
  it('holds the draft’s present against its latest year, never a past anchor', async () => {
    const { sameTimeInDraft, draftTime, resolvedYear, yearOfPath } = await import('../../server/src/engine/figures/time');
    const draft = draftTime(['2023', '2024末', 'Y0']);
    expect(draft.latestYear).toBe('2024');
    expect(sameTimeInDraft('', '2024末', draft)).toBe(true);
    expect(sameTimeInDraft('now', 'Y0', draft)).toBe(true);
    expect(sameTimeInDraft('', '2023', draft)).toBe(false);
    expect(sameTimeInDraft('', 'Y-1', draft)).toBe(false);
    expect(sameTimeInDraft('Y0', '2024', draft)).toBe(false);
    expect(sameTimeInDraft('Y0H1', 'Y0', draft)).toBe(false);
    expect(sameTimeInDraft('past:此前', 'past:三年前', draft)).toBe(false);
    // A piece about last year's figures speaks of 去年 throughout, unless it names the present somewhere.
    expect(sameTimeInDraft('', 'Y-1', draftTime(['Y-1', '']))).toBe(true);
    expect(sameTimeInDraft('', 'Y-1', draftTime(['Y-1', ''], true))).toBe(false);
    expect(resolvedYear('Y-1', 2020)).toBe(2019);
    expect(resolvedYear('Y0H1')).toBeUndefined();
    expect(yearOfPath('people-daily/rmrb_20190201_03_02.txt')).toBe(2019);
    expect(yearOfPath('archive/2024-03-12-充电设施.txt')).toBe(2024);
    expect(yearOfPath('archive/12345678.txt')).toBeUndefined();
  });

  it('tells a typist’s slip from two facts', async () => {
    const { slipBetween } = await import('../../server/src/engine/figures/match');
    expect(slipBetween(362000, 326000)).toBe('transposed');
    expect(slipBetween(58, 85)).toBe('transposed');
    expect(slipBetween(7400, 7040)).toBe('transposed');
    expect(slipBetween(87.5, 85.7)).toBe('transposed');
    expect(slipBetween(1000, 1200)).toBe('digit');
    expect(slipBetween(7400, 740)).toBe('extra-digit');
    expect(slipBetween(33, 35)).toBeUndefined();
    expect(slipBetween(36, 6)).toBeUndefined();
    expect(slipBetween(480, 520)).toBeUndefined();
    expect(slipBetween(5e8, 3e8)).toBeUndefined();
    expect(slipBetween(480, 430)).toBe('digit');
  });
});
