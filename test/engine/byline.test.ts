import { describe, expect, it } from 'vitest';
import { bylineContributor } from '../../server/src/engine/byline/contributor';
import { houseByline } from '../../server/src/engine/byline/house';
import { applyConfigToProfile } from '../../server/src/engine/config/load';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyEdits } from '../../server/src/engine/fix';
import { lintText } from '../../server/src/engine/lint';
import { parseBylineLine } from '../../server/src/engine/parse/byline';
import { parseDraft } from '../../server/src/engine/parse/draft';
import type { CorpusArticle } from '../../server/src/engine/profile/contributor';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import type { BylineModel, BylinePosition, Profile } from '../../server/src/engine/profile/types';
import { bylineFormat } from '../../server/src/engine/rules/byline-format';
import { bylineMissing } from '../../server/src/engine/rules/byline-missing';
import { bylinePosition } from '../../server/src/engine/rules/byline-position';
import type { Finding } from '../../server/src/engine/types';

const BYLINE_RULES = [bylineMissing, bylineFormat, bylinePosition];

const HEADLINE = '老街区里的新日子';
const BODY =
  '城市更新不能只盯着楼宇外立面。老旧小区加装电梯、补齐停车位，才是居民天天碰到的难题。\n\n' +
  '街道牵头、居民议事，一栋楼一栋楼地谈，进度虽慢，却把好事办到了心坎上。\n';

function profileWith(byline: Partial<BylineModel>): Profile {
  const profile = emptyProfile('byline-test');
  profile.house.byline = { ...profile.house.byline, ...byline };
  return profile;
}

/** A house that prints `●王英` under every headline (like the launch customer). */
function markerHouse(): Profile {
  return profileWith({
    articles: 20,
    articlesWithByline: 19,
    expected: true,
    position: 'after-headline',
    positionCounts: { 'after-headline': 19 },
    markers: { '●': 19 },
    marker: '●',
    nameLengths: { '2': 6, '3': 13 },
    separators: { ' ': 3 },
  });
}

/** A house that prints `（作者为……）` at the end of a third of its pieces (like people-daily). */
function noteHouse(): Profile {
  return profileWith({
    articles: 30,
    articlesWithByline: 10,
    expected: false,
    position: 'end',
    positionCounts: { end: 10 },
    markers: { '（作者为': 8, '（作者单位：': 2 },
    marker: '（作者为',
    nameLengths: {},
    separators: {},
  });
}

function lint(text: string, profile: Profile): Finding[] {
  return lintText(text, profile, defaultConfig(), undefined, BYLINE_RULES).findings;
}

const draft = (byline: string) => `${HEADLINE}\n\n${byline}\n\n${BODY}`;

describe('parseBylineLine', () => {
  it('reads the house form and the usual mistypes', () => {
    expect(parseBylineLine('●王英')).toMatchObject({ form: 'marker-name', marker: '●', names: ['王英'], trailing: '', spaceAfterMarker: false });
    expect(parseBylineLine('• 王英')).toMatchObject({ marker: '•', spaceAfterMarker: true });
    expect(parseBylineLine('文/王英')).toMatchObject({ marker: '文/', names: ['王英'] });
    expect(parseBylineLine('作者：王英')).toMatchObject({ marker: '作者：', names: ['王英'] });
    expect(parseBylineLine('●王英。')).toMatchObject({ trailing: '。' });
    expect(parseBylineLine('●王英，李明')).toMatchObject({ names: ['王英', '李明'], separators: ['，'] });
    expect(parseBylineLine('●王  英')).toMatchObject({ names: ['王英'], paddedName: true });
    expect(parseBylineLine('●王𠀀')).toMatchObject({ names: ['王𠀀'] });
  });

  it('reads author notes, pairing padded two-character names', () => {
    expect(parseBylineLine('（作者为某师范大学教授）')).toMatchObject({ form: 'parenthetical-note', marker: '（作者为', names: [], note: '某师范大学教授', halfWidth: false });
    expect(parseBylineLine('(作者为某师范大学教授)')).toMatchObject({ marker: '（作者为', halfWidth: true });
    expect(parseBylineLine('（执笔：林  涛  许文军）')).toMatchObject({ marker: '（执笔：', names: ['林涛', '许文军'], separators: ['  '] });
  });

  it('does not take running text or credits for a byline', () => {
    expect(parseBylineLine('文明城市创建要久久为功')).toBeUndefined();
    expect(parseBylineLine('作者为王英')).toBeUndefined();
    expect(parseBylineLine('■本报记者 摄')).toBeUndefined();
    expect(parseBylineLine('●加强社区食堂的日常监管')).toBeUndefined();
  });
});

describe('parseDraft: where the byline stands', () => {
  it('finds it after the headline, also below a ——subtitle', () => {
    expect(parseDraft(draft('●王英')).byline).toMatchObject({ position: 'after-headline', names: ['王英'] });
    const withSubtitle = parseDraft(`${HEADLINE}\n——写在老旧小区改造三年之际\n●王英\n\n${BODY}`);
    expect(withSubtitle.byline?.position).toBe('after-headline');
  });

  it('treats a note followed only by an editor note as printed at the end', () => {
    const doc = parseDraft(`${HEADLINE}\n\n${BODY}\n（作者为某师范大学教授）\n\n（本系列评论到此结束）\n`);
    expect(doc.byline).toMatchObject({ position: 'end', form: 'parenthetical-note' });
  });

  it('does not read a bulleted list as bylines', () => {
    const doc = parseDraft(`${HEADLINE}\n\n●王英\n\n${BODY}\n●加装电梯\n●增设车位\n●改造管网\n`);
    expect(doc.bylineCandidates.map((b) => b.raw)).toEqual(['●王英']);
  });
});

describe('byline-missing', () => {
  it('reports a draft without a byline on its headline when the house bylines every piece', () => {
    const text = `${HEADLINE}\n\n${BODY}`;
    const findings = lint(text, markerHouse());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'byline-missing', severity: 'error', start: 0, end: HEADLINE.length });
    expect(f.message).toContain('●作者姓名');
    expect(f.evidence).toMatchObject({ kind: 'byline', houseForm: '●作者姓名' });
  });

  it('stays silent when the house prints no byline on most pieces (people-daily-like)', () => {
    expect(lint(`${HEADLINE}\n\n${BODY}`, noteHouse())).toEqual([]);
  });

  it('stays silent when a byline is there, even misplaced (other rules report it)', () => {
    const findings = lint(`${HEADLINE}\n\n${BODY}\n●王英\n`, markerHouse());
    expect(findings.map((f) => f.ruleId)).toEqual(['byline-position']);
  });

  it('follows a byline override carried by the profile', () => {
    const config = { ...defaultConfig(), byline: { position: 'none' as const } };
    expect(lint(`${HEADLINE}\n\n${BODY}`, applyConfigToProfile(markerHouse(), config))).toEqual([]);
  });
});

describe('byline-format', () => {
  it('accepts the house form', () => {
    expect(lint(draft('●王英'), markerHouse())).toEqual([]);
    expect(lint(draft('●王英 李明'), markerHouse())).toEqual([]);
  });

  it.each([
    ['• 王英', '●王英', ['“•”', '空格']],
    ['文/王英', '●王英', ['“文/”']],
    ['作者：王英', '●王英', ['“作者：”']],
    ['●王英。', '●王英', ['末尾多了标点“。”']],
    ['● 王英', '●王英', ['空格']],
    ['○王英', '●王英', ['“○”']],
    ['●王英，李明', '●王英 李明', ['逗号“，”']],
    ['●王英、李明 赵刚', '●王英 李明 赵刚', ['顿号“、”']],
  ])('rewrites %s to the house form %s', (typed, house, mentions) => {
    const text = draft(typed);
    const findings = lint(text, markerHouse());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    const start = HEADLINE.length + 2;
    expect(f).toMatchObject({ ruleId: 'byline-format', severity: 'warning', start, end: start + typed.length });
    for (const m of mentions) expect(f.message).toContain(m);
    expect(f.evidence).toMatchObject({ kind: 'byline', found: typed, houseForm: house });
    expect(applyEdits(text, f.fix!.edits)).toBe(draft(house));
  });

  it('reads a bare name under the headline as a byline missing its marker', () => {
    const text = draft('王英');
    const findings = lint(text, markerHouse());
    expect(findings.map((f) => f.ruleId)).toEqual(['byline-format']);
    expect(findings[0].message).toContain('缺少本报的标记“●”');
    expect(applyEdits(text, findings[0].fix!.edits)).toBe(draft('●王英'));
    // A column label is not a name: the byline is missing.
    expect(lint(draft('高见'), markerHouse()).map((f) => f.ruleId)).toEqual(['byline-missing']);
  });

  it('questions a name longer than the house ever printed, without guessing a fix', () => {
    const [f] = lint(draft('●欧阳明辉'), markerHouse());
    expect(f.ruleId).toBe('byline-format');
    expect(f.message).toContain('4 个字');
    expect(f.fix).toBeUndefined();
  });

  it('builds the house form from the learned model, not a hard-coded one', () => {
    const profile = markerHouse();
    profile.house.byline.markers = { '◆': 19 };
    profile.house.byline.marker = '◆';
    expect(lint(draft('◆王英'), profile)).toEqual([]);
    const [f] = lint(draft('●王英'), profile);
    expect(f.fix?.edits[0].newText).toBe('◆王英');
    // The same through a config override applied to the profile.
    const overridden = applyConfigToProfile(markerHouse(), { ...defaultConfig(), byline: { marker: '◆' } });
    expect(lint(draft('●王英'), overridden)[0]?.fix?.edits[0].newText).toBe('◆王英');
  });

  it('follows a configured separator between authors', () => {
    const profile = applyConfigToProfile(markerHouse(), { ...defaultConfig(), byline: { separator: '、' } });
    expect(lint(draft('●王英、李明'), profile)).toEqual([]);
    const [f] = lint(draft('●王英 李明'), profile);
    expect(f.fix?.edits[0].newText).toBe('●王英、李明');
  });

  it('counts a name with a character outside the BMP by characters, not code units', () => {
    // 王𠀀𠀀 is three characters (five UTF-16 code units): inside the learned 2–3.
    expect(lint(draft('●王𠀀𠀀'), markerHouse())).toEqual([]);
  });

  it('in a note house, accepts its note variants and repairs half-width brackets', () => {
    const end = (note: string) => `${HEADLINE}\n\n${BODY}\n${note}\n`;
    expect(lint(end('（作者为某师范大学教授）'), noteHouse())).toEqual([]);
    expect(lint(end('（作者单位：某师范大学）'), noteHouse())).toEqual([]);
    const text = end('(作者为某师范大学教授)');
    const [f] = lint(text, noteHouse());
    expect(f.ruleId).toBe('byline-format');
    expect(applyEdits(text, f.fix!.edits)).toBe(end('（作者为某师范大学教授）'));
  });

  it('in a note house, reports a `●` byline without inventing an affiliation', () => {
    const findings = lint(`${HEADLINE}\n\n${BODY}\n●王英\n`, noteHouse());
    expect(findings.map((f) => f.ruleId)).toEqual(['byline-format']);
    expect(findings[0].message).toContain('（作者为……）');
    expect(findings[0].fix).toBeUndefined();
  });

  it('reports exact UTF-16 offsets after emoji and astral characters', () => {
    const headline = '骑行🚲与𠀀字';
    expect(headline.length).toBe(8);
    const text = `${headline}\n\n• 王英\n\n${BODY}`;
    const [f] = lint(text, markerHouse());
    expect(f).toMatchObject({ ruleId: 'byline-format', start: 10, end: 14 });
    expect(text.slice(f.start, f.end)).toBe('• 王英');
  });
});

describe('byline-position', () => {
  it('moves a byline printed at the end up under the headline', () => {
    const text = `${HEADLINE}\n\n${BODY}\n●王英\n`;
    const findings = lint(text, markerHouse());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('byline-position');
    expect(text.slice(f.start, f.end)).toBe('●王英');
    expect(f.message).toContain('标题下一行');
    expect(applyEdits(text, f.fix!.edits)).toBe(`${HEADLINE}\n\n●王英\n\n${BODY}`);
  });

  it('keeps a draft without blank lines without them, and CRLF as CRLF', () => {
    const text = `${HEADLINE}\r\n城市更新不能只盯着外立面。\r\n●王英\r\n`;
    const [f] = lint(text, markerHouse());
    expect(applyEdits(text, f.fix!.edits)).toBe(`${HEADLINE}\r\n●王英\r\n城市更新不能只盯着外立面。\r\n`);
  });

  it('in a note house, moves a note from under the headline to the end', () => {
    const text = `${HEADLINE}\n（作者为某师范大学教授）\n${BODY}`;
    const [f] = lint(text, noteHouse());
    expect(f.ruleId).toBe('byline-position');
    expect(f.message).toContain('文末');
    expect(applyEdits(text, f.fix!.edits)).toBe(`${HEADLINE}\n${BODY}（作者为某师范大学教授）\n`);
  });

  it('says nothing when the byline is where the house puts it', () => {
    expect(lint(`${HEADLINE}\n\n${BODY}\n（作者为某师范大学教授）\n`, noteHouse())).toEqual([]);
    expect(lint(draft('●王英'), markerHouse())).toEqual([]);
  });
});

describe('bylineContributor', () => {
  function article(text: string, position: BylinePosition, file: string): CorpusArticle {
    const doc = parseDraft(text);
    return { file, headline: doc.headline!.text, doc, fileOffset: (o) => o + 1000, bylinePosition: position };
  }
  const articles = [
    article(`${HEADLINE}\n●王英\n${BODY}`, 'after-headline', 'b.txt'),
    article(`社区食堂的账本\n●李文军\n${BODY}`, 'after-headline', 'a.txt'),
    article(`小巷深处的书店\n${BODY}`, 'none', 'c.txt'),
    article(`夜市经济的烟火气\n●王英 李明\n${BODY}`, 'after-headline', 'd.txt'),
    article(`公园里的健身角\n●赵刚\n${BODY}`, 'after-headline', 'e.txt'),
  ];

  function learn(list: CorpusArticle[]): Profile {
    const profile = emptyProfile('learned');
    for (const a of list) bylineContributor.observe(a, profile);
    bylineContributor.finalize(profile);
    return profile;
  }

  it('counts bylines, positions, markers, name lengths and separators, and derives the house form', () => {
    const model = learn(articles).house.byline;
    expect(model).toMatchObject({
      articles: 5,
      articlesWithByline: 4,
      expected: true,
      position: 'after-headline',
      positionCounts: { 'after-headline': 4 },
      markers: { '●': 4 },
      marker: '●',
      nameLengths: { '2': 4, '3': 1 },
      separators: { ' ': 1 },
    });
    // Examples point into the source files, sorted by file, at most three.
    expect(model.examples).toEqual([
      { headline: '社区食堂的账本', file: 'a.txt', offset: 1000 + '社区食堂的账本\n'.length },
      { headline: HEADLINE, file: 'b.txt', offset: 1000 + HEADLINE.length + 1 },
      { headline: '夜市经济的烟火气', file: 'd.txt', offset: 1000 + '夜市经济的烟火气\n'.length },
    ]);
    expect(houseByline(model)).toMatchObject({ marker: '●', separator: ' ', nameLengths: { min: 2, max: 3 } });
  });

  it('does not expect a byline when most articles carry none', () => {
    const model = learn([articles[0], articles[2], article(`菜场的早晨\n${BODY}`, 'none', 'f.txt')]).house.byline;
    expect(model.expected).toBe(false);
    expect(model.position).toBe('after-headline');
  });

  it('merges shards into the profile of the whole', () => {
    const left = emptyProfile('left');
    const right = emptyProfile('right');
    articles.slice(0, 2).forEach((a) => bylineContributor.observe(a, left));
    articles.slice(2).forEach((a) => bylineContributor.observe(a, right));
    const merged = emptyProfile('learned');
    bylineContributor.merge(merged, left);
    bylineContributor.merge(merged, right);
    bylineContributor.finalize(merged);
    expect(merged.house.byline).toEqual(learn(articles).house.byline);
  });
});
