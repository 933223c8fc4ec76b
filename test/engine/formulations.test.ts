// Canonical formulations: the single-edit matcher, the formulation-variant rule on profiles made
// here, and learning formulations from a small corpus written for this test (nothing copied from
// the shared corpora).

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyFixes } from '../../server/src/engine/fix';
import { lintText } from '../../server/src/engine/lint';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { FormulationMatcher, listVariants, singleEdit } from '../../server/src/engine/phrases/formulations';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { learnTexts, type CorpusText } from '../../server/src/engine/profile/learn';
import { mergeProfiles } from '../../server/src/engine/profile/merge';
import { parseProfileText } from '../../server/src/engine/profile/load';
import { serializeProfile } from '../../server/src/engine/profile/serialize';
import type { Formulation, Profile } from '../../server/src/engine/profile/types';
import { formulationVariant } from '../../server/src/engine/rules/formulation-variant';
import type { RuleContext } from '../../server/src/engine/rules/rule';
import type { Finding } from '../../server/src/engine/types';

const example = (headline: string) => [{ headline, file: 'archive/a.txt', offset: 12 }];

function formula(phrase: string, units: string[], over: Partial<Formulation> = {}): Formulation {
  return { phrase, kind: 'formula', units, articles: 40, count: 50, examples: example(`谈${phrase}`), variants: [], open: [], ...over };
}

function enumeration(members: string[], over: Partial<Formulation> = {}): Formulation {
  return { phrase: members.join('、'), kind: 'enumeration', units: members, articles: 28, count: 30, examples: example('三感'), variants: [], open: [], ...over };
}

const FORMULATIONS: Formulation[] = [
  formula('以人民为中心的发展思想', ['以', '人民', '为', '中心', '的', '发展', '思想'], { articles: 35, count: 43 }),
  formula('全面建成小康社会', ['全面', '建成', '小康社会'], {
    articles: 93,
    count: 199,
    variants: [{ text: '全面建设小康社会', edit: 'substitution', articles: 1, count: 1, examples: example('回望十六大') }],
  }),
  // 打赢 is a word the archive fills in several ways (打好, 打响): an open slot.
  formula('打赢脱贫攻坚战', ['打赢', '脱贫', '攻坚战'], { articles: 32, variants: [{ text: '打好脱贫攻坚战', edit: 'substitution', articles: 20, count: 25, examples: [] }], open: [0, 2] }),
  formula('国家制度和国家治理体系', ['国家', '制度', '和', '国家', '治理', '体系'], { articles: 30 }),
  formula('人类命运共同体', ['人类', '命运', '共同体'], { articles: 46, open: [0, 2] }),
  enumeration(['获得感', '幸福感', '安全感'], { variants: [{ text: '获得感幸福感安全感', edit: 'order', articles: 6, count: 6, examples: [] }] }),
  enumeration(['早发现', '早报告', '早隔离', '早治疗'], { articles: 9 }),
  enumeration(['不忘初心', '牢记使命'], { articles: 48 }),
];

function profileWith(formulations: Formulation[] = FORMULATIONS): Profile {
  const profile = emptyProfile('test');
  profile.register.formulations = formulations;
  return profile;
}

const noAllow: RuleContext = { allowPhrases: new Set() };
const check = (body: string, options = formulationVariant.defaultOptions, context = noAllow, profile = profileWith()) => {
  const text = `把实事办到群众心坎上\n●李明\n${body}`;
  return { text, findings: formulationVariant.check(parseDraft(text), profile, options, context) };
};
const flagged = (body: string, ...rest: Parameters<typeof check> extends [unknown, ...infer R] ? R : never) => {
  const { text, findings } = check(body, ...rest);
  return findings.map((f) => text.slice(f.start, f.end));
};

describe('singleEdit', () => {
  const edit = (canon: string, written: string) => singleEdit(canon, written, 0, written.length);

  it('names the one edit between a canonical text and a window', () => {
    expect(edit('全面建成小康社会', '全面建成小康社会')).toEqual({ edit: 'exact', at: -1 });
    expect(edit('全面建成小康社会', '全面建设小康社会')).toEqual({ edit: 'substitution', at: 3 });
    expect(edit('中华民族伟大复兴', '中华民族伟复兴')).toEqual({ edit: 'deletion', at: 5 });
    expect(edit('全面建成小康社会', '全面建成成小康社会')).toEqual({ edit: 'insertion', at: 4 });
    expect(edit('人类命运共同体', '人类命运同共体')).toEqual({ edit: 'transposition', at: 4 });
  });

  it('finds no single edit in two, and none at an edge but a doubled last character', () => {
    expect(edit('全面建成小康社会', '全面建设大康社会')).toBeUndefined();
    expect(edit('以人民为中心', '人民为中心')).toBeUndefined();
    expect(edit('以人民为中心', '以人民为中心的')).toBeUndefined();
    expect(edit('以人民为中心', '以人民为中心心')).toEqual({ edit: 'insertion', at: 6 });
    // A changed separator is not a character slip.
    expect(edit('不忘初心、牢记使命', '不忘初心，牢记使命')).toBeUndefined();
  });
});

describe('listVariants', () => {
  it('reorders every way up to four members, and leaves one out of three or more', () => {
    const variants = listVariants(['获得感', '幸福感', '安全感']);
    expect(variants.filter(([, e]) => e === 'order')).toHaveLength(5);
    expect(variants).toContainEqual(['安全感、获得感、幸福感', 'order']);
    expect(variants).toContainEqual(['获得感、安全感', 'missing-member']);
    expect(listVariants(['一', '二', '三', '四', '五', '六']).filter(([, e]) => e === 'order')).toHaveLength(5);
  });
});

describe('FormulationMatcher', () => {
  it('takes windows on word boundaries only: 我国|国家制度 holds no 国国家制度', () => {
    const matcher = new FormulationMatcher(FORMULATIONS);
    const text = '我国国家制度和国家治理体系经受住了考验';
    const doc = parseDraft(text);
    const isBoundary = (o: number) => doc.tokensIn({ start: o - 4, end: o + 1 }).some((t) => t.start === o || t.end === o);
    const hits = matcher.scan(text, isBoundary);
    expect(hits.map((h) => [text.slice(h.start, h.end), h.edit])).toEqual([['国家制度和国家治理体系', 'exact']]);
  });
});

describe('formulation-variant', () => {
  it('flags a substituted character with both counts and the archive’s example, offering the canonical text', () => {
    const { text, findings } = check('全面建设小康社会，是几代人的接力。');
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(text.slice(f.start, f.end)).toBe('全面建设小康社会');
    expect(f.message).toContain('“成”写成了“设”');
    expect(f.message).toContain('本报 93 篇文章写作“全面建成小康社会”，仅 1 篇写作“全面建设小康社会”');
    // An older wording may be quoted on purpose: a suggestion, not a fix --fix would apply.
    expect(f.fix).toBeUndefined();
    expect(f.suggestions).toEqual([{ title: '改为规范提法“全面建成小康社会”', edits: [{ start: f.start, end: f.end, newText: '全面建成小康社会' }] }]);
    expect(f.evidence).toMatchObject({ kind: 'formulation', canonical: '全面建成小康社会', variant: '全面建设小康社会', edit: 'substitution', canonicalArticles: 93, variantArticles: 1 });
  });

  it('finds a slip at a formulation’s edge where jieba guessed a word across it', () => {
    // The wrong character and the next one make a word jieba does not know (休向/x, 思湘向/x): no word boundary
    // of the language lies there, so the variant may end inside the guess.
    expect(flagged('各国要推动人类命运共同休向纵深发展。')).toEqual(['人类命运共同休']);
    expect(flagged('推动以人民为中心的发展思湘向纵深发展。')).toEqual(['以人民为中心的发展思湘']);
    // A dictionary word across the edge is a boundary of the language: 共同体验 is no 共同体.
    expect(flagged('各国人民共同体验了这场盛会。')).toEqual([]);
  });

  it('names a homophone, and catches a one-character word only when it sounds the same', () => {
    const { findings } = check('必须坚持以人民未中心的发展思想。');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('“为”误作同音字“未”');
    expect(findings[0].message).toContain('没有一篇写作');
    expect(flagged('必须坚持以人民对中心的发展思想。')).toEqual([]);
  });

  it('catches characters lost, doubled and swapped inside words', () => {
    expect(flagged('人类命运同共体的理念深入人心。')).toEqual(['人类命运同共体']);
    // Two characters swapped across the middle break both halves.
    expect(flagged('人类运命共同体的理念深入人心。')).toEqual(['人类运命共同体']);
    expect(flagged('全面建成成小康社会，任务艰巨。')).toEqual(['全面建成成小康社会']);
    expect(check('全面建成成小康社会，任务艰巨。').findings[0].fix?.edits[0].newText).toBe('全面建成小康社会');
    expect(flagged('人类命运共体的理念深入人心。')).toEqual(['人类命运共体']);
  });

  it('leaves alone what the archive tolerates and other phrases beside the formulation', () => {
    expect(flagged('打好脱贫攻坚战，要一鼓作气。')).toEqual([]); // the archive's own variant
    expect(flagged('打响脱贫攻坚战，要一鼓作气。')).toEqual([]); // an open slot
    expect(flagged('坚持以学生为中心的发展思想。')).toEqual([]); // another word, not a slip
    expect(flagged('这是全面建成了小康社会的一年。')).toEqual([]); // grammar between words
    expect(flagged('从全面建设小康社会到全面建成小康社会，一字之变意味深长。')).toEqual([]); // a contrast
    expect(flagged('重读《全面建设小康社会的历史经验》一书。')).toEqual([]); // a title
    expect(flagged('让群众的获得感幸福感安全感更加充实。')).toEqual([]); // separators are the writer's
  });

  it('catches a list reordered, one member short or one added, and fixes an order with certainty', () => {
    const { text, findings } = check('让群众的安全感、获得感、幸福感更加充实。做到早发现、早报告、早治疗。');
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['安全感、获得感、幸福感', '早发现、早报告、早治疗']);
    expect(findings[0].fix?.edits[0].newText).toBe('获得感、幸福感、安全感');
    expect(findings[1].message).toContain('并列项少了“早隔离”');
    expect(findings[1].fix).toBeUndefined();
    expect(applyFixes(text, findings.map((f) => ({ ...f, ruleId: 'formulation-variant', severity: 'warning' }) as Finding)).text).toContain('让群众的获得感、幸福感、安全感更加充实');
    expect(flagged('增强获得感、幸福感、安全感、满足感。')).toEqual(['获得感、幸福感、安全感、满足感']);
    expect(flagged('获得感、幸福感、成就感、安全感都要增强。')).toEqual(['获得感、幸福感、成就感、安全感']);
    // A list extended by something else is the writer's own.
    expect(flagged('不忘初心、牢记使命、永远奋斗。增强获得感、幸福感、安全感、认同度。')).toEqual([]);
    // A member in the middle replaced by another is a slip; the last one replaced, a list of the writer's.
    const replaced = check('做到早发现、早排查、早隔离、早治疗。');
    expect(replaced.findings.map((f) => replaced.text.slice(f.start, f.end))).toEqual(['早发现、早排查、早隔离、早治疗']);
    expect(replaced.findings[0].message).toContain('并列项“早报告”写成了“早排查”');
    expect(flagged('做到早发现、早报告、早隔离、早干预。')).toEqual([]);
  });

  it('is silenced by allowPhrases (the canonical text or the variant) and by its options', () => {
    const body = '全面建设小康社会，是几代人的接力。';
    expect(flagged(body, undefined, { allowPhrases: new Set(['全面建成小康社会']) })).toEqual([]);
    expect(flagged(body, undefined, { allowPhrases: new Set(['全面建设小康社会']) })).toEqual([]);
    expect(flagged(body, { toleratedArticles: 1, minArticles: 0 })).toEqual([]);
    expect(flagged(body, { toleratedArticles: 2, minArticles: 100 })).toEqual([]);
    const config = defaultConfig();
    config.rules['formulation-variant'] = { severity: 'off' };
    expect(lintText(`标题\n\n${body}`, profileWith(), config).findings.filter((f) => f.ruleId === 'formulation-variant')).toEqual([]);
  });

  it('judges a thin formulation only where the edit makes no other word, and a name only where the draft quotes it', () => {
    const thin = profileWith([
      formula('京津冀协同发展', ['京津冀', '协同', '发展'], { articles: 7 }),
      formula('两个维护', ['两个', '维护'], { articles: 19, named: true }),
      formula('初心和使命', ['初心', '和', '使命'], { articles: 15 }),
      enumeration(['亲自指挥', '亲自部署'], { articles: 4 }),
      enumeration(['系统完备', '科学规范', '运行有效'], { articles: 9 }),
    ]);
    const thinFlagged = (body: string) => flagged(body, undefined, undefined, thin);
    expect(thinFlagged('推进京津冀协铜发展。')).toEqual(['京津冀协铜发展']); // a homophone that is no word
    expect(thinFlagged('推进京津冀协调发展。')).toEqual([]); // 协调 is a word: seven articles cannot call it a slip
    expect(thinFlagged('做到“两个维户”。')).toEqual(['两个维户']);
    expect(thinFlagged('做到两个维户。')).toEqual([]); // a short name is checked where the draft quotes it
    const longName = profileWith([formula('一张蓝图绘到底', ['一张', '蓝图', '绘', '到底'], { articles: 6, named: true })]);
    expect(flagged('规划要一张蓝图汇到底。', undefined, undefined, longName)).toEqual(['一张蓝图汇到底']); // a long one names itself
    expect(thinFlagged('守住初心与使命。')).toEqual([]); // one conjunction for another: only a well-used formulation judges it
    expect(thinFlagged('亲自部署、亲自指挥。')).toEqual([]); // a pair swapped in a thin list
    expect(thinFlagged('对照系统完备、科学规范、运行高效的目标。')).toEqual([]);
  });

  it('catches a conjunction for another, the halves of a word swapped and the heads of two members swapped', () => {
    const profile = profileWith([
      ...FORMULATIONS,
      formula('集中统一领导', ['集中统一', '领导'], { articles: 27 }),
      formula('国家和地区', ['国家', '和', '地区'], { articles: 24 }),
      enumeration(['转变发展方式', '优化经济结构', '转换增长动力'], { articles: 8 }),
    ]);
    const { text, findings } = check('国家制度与国家治理体系经受住了考验。坚持统一集中领导。要优化发展方式、转变经济结构、转换增长动力。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['国家制度与国家治理体系', '统一集中领导', '优化发展方式、转变经济结构、转换增长动力']);
    expect(findings[1].message).toContain('“集中统一”颠倒成了“统一集中”');
    expect(findings[2].message).toContain('并列项“转变发展方式”“优化经济结构”写成了“优化发展方式”“转变经济结构”');
    // Two words swapped are the writer's grammar; so is a conjunction in a short formulation.
    expect(flagged('坚持领导集中统一。', undefined, undefined, profile)).toEqual([]);
    expect(flagged('已有六十多个国家与地区参与。', undefined, undefined, profile)).toEqual([]);
  });

  it('catches a word added inside a well-used formulation that takes no other word, and only there', () => {
    const { findings } = check('坚持以人民利益为中心的发展思想。');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('多了“利益”');
    expect(findings[0].fix).toBeUndefined();
    expect(flagged('坚持以人民的利益为中心的发展思想。')).toEqual([]); // grammar, and two words
    expect(flagged('打赢全面脱贫攻坚战，要一鼓作气。')).toEqual([]); // 打赢 is an open slot: the formula takes other words
    // Between the halves of a four-character word too (集中|力量).
    const profile = profileWith([...FORMULATIONS, formula('集中力量办大事', ['集中力量', '办', '大事'], { articles: 27 })]);
    expect(flagged('靠的是集中优势力量办大事。', undefined, undefined, profile)).toEqual(['集中优势力量办大事']);
    expect(flagged('靠的是集中优势力量办大事。', undefined, undefined, profileWith([formula('集中力量办大事', ['集中力量', '办', '大事'], { articles: 12 })]))).toEqual([]);
  });

  it('catches the two sides of a conjunction swapped in a formulation of eight characters or more, not in a shorter one', () => {
    const profile = profileWith([
      ...FORMULATIONS,
      formula('新一轮科技革命和产业变革', ['新一轮', '科技', '革命', '和', '产业', '变革'], { articles: 18 }),
      formula('改革和发展', ['改革', '和', '发展'], { articles: 30 }),
    ]);
    const { text, findings } = check('新一轮产业变革和科技革命扑面而来。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['新一轮产业变革和科技革命']);
    expect(findings[0].message).toContain('“科技革命和产业变革”颠倒成了“产业变革和科技革命”');
    expect(findings[0].fix).toBeUndefined(); // a reorder of wording, offered in the editor
    expect(flagged('处理好发展和改革的关系。', undefined, undefined, profile)).toEqual([]); // a short one is the writer's order
  });

  it('catches the sides of a conjunction swapped where a shorter formulation covers one of them, and a closed series reordered', () => {
    const profile = profileWith([
      ...FORMULATIONS,
      formula('国家创新体系和创新能力建设', ['国家', '创新', '体系', '和', '创新能力', '建设'], { articles: 22 }),
      formula('国家创新能力', ['国家', '创新能力'], { articles: 12 }),
      formula('共商共建共享', ['共商', '共建', '共享'], { articles: 14 }),
      formula('创新驱动发展', ['创新', '驱动', '发展'], { articles: 30 }),
    ]);
    // 国家创新能力 is written exactly at the start of the swap: the swap is still the slip.
    const { text, findings } = check('加快国家创新能力和创新体系建设。坚持共建共商共享原则。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['国家创新能力和创新体系建设', '共建共商共享']);
    expect(findings[0].message).toContain('“创新体系和创新能力”颠倒成了“创新能力和创新体系”');
    expect(findings[1].message).toContain('“共商共建”颠倒成了“共建共商”');
    // The shorter formulation alone, two members of the series, and words of no series reordered are the writer's.
    expect(flagged('国家创新能力稳步提升，要共建共享美好家园，走驱动创新发展之路。', undefined, undefined, profile)).toEqual([]);
    // A series the archive wrote in few articles is not sure enough to judge its order.
    expect(flagged('坚持共建共商共享原则。', undefined, undefined, profileWith([formula('共商共建共享', ['共商', '共建', '共享'], { articles: 6 })]))).toEqual([]);
  });

  it('catches one character added inside a well-used name, quoted or not, whatever word it makes', () => {
    const profile = profileWith([
      ...FORMULATIONS,
      formula('四个现代化', ['四个', '现代化'], { articles: 24, named: true }),
      formula('冰天雪地也是金山银山', ['冰天雪地', '也', '是', '金山', '银山'], { articles: 12, named: true }),
    ]);
    const { text, findings } = check('几代人为四个现代文化奋斗。冰天雪地也都是金山银山。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['四个现代文化', '冰天雪地也都是金山银山']);
    expect(findings[1].message).toContain('多了“都”字');
    // A name of a few articles judges only a quoted variant; a name the archive writes with the
    // character is tolerated; a plain formulation takes a grammatical character between its words.
    const thin = profileWith([formula('四个现代化', ['四个', '现代化'], { articles: 6, named: true })]);
    expect(flagged('几代人为四个现代文化奋斗。', undefined, undefined, thin)).toEqual([]);
    const seen = profileWith([formula('四个现代化', ['四个', '现代化'], { articles: 24, named: true, variants: [{ text: '四个现代文化', edit: 'insertion', articles: 2, count: 2, examples: [] }] })]);
    expect(flagged('几代人为四个现代文化奋斗。', undefined, undefined, seen)).toEqual([]);
    expect(flagged('到二〇二〇年全面建成了小康社会。')).toEqual([]);
  });

  it('catches a word dropped from a long formulation only where the archive keeps that word', () => {
    const long = formula('习近平新时代中国特色社会主义思想', ['习近平', '新', '时代', '中国', '特色', '社会主义', '思想'], { articles: 47, kept: [8, 10] });
    const profile = profileWith([...FORMULATIONS, long]);
    const { text, findings } = check('深入学习习近平新时代中国社会主义思想。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['习近平新时代中国社会主义思想']);
    expect(findings[0].message).toContain('少了“特色”');
    // A word the archive leaves out between the same neighbours (not kept), and too few articles to judge.
    expect(flagged('深入学习习近平新时代特色社会主义思想。', undefined, undefined, profile)).toEqual([]);
    expect(flagged('深入学习习近平新时代中国社会主义思想。', undefined, undefined, profileWith([{ ...long, articles: 12 }]))).toEqual([]);
    // A draft writing the archive's own shorter wording twice seen is tolerated like any variant.
    const seen = profileWith([{ ...long, variants: [{ text: '习近平新时代中国社会主义思想', edit: 'deletion', articles: 3, count: 3, examples: [] }] }]);
    expect(flagged('深入学习习近平新时代中国社会主义思想。', undefined, undefined, seen)).toEqual([]);
  });

  it('catches a word replaced in a long formulation only where the archive never writes another there', () => {
    const market = formula('市场在资源配置中的决定性作用', ['市场', '在', '资源配置', '中', '的', '决定性', '作用'], { articles: 10, fixed: [9, 11] });
    const profile = profileWith([...FORMULATIONS, market]);
    const { text, findings } = check('要发挥市场在资源配置中的基础性作用。', undefined, undefined, profile);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['市场在资源配置中的基础性作用']);
    expect(findings[0].message).toContain('“决定”写成了“基础”');
    expect(findings[0].fix).toBeUndefined(); // an older wording may be quoted on purpose
    // A place the archive fills with other words (not fixed), and one character for another (a plain substitution).
    expect(flagged('要发挥市场在资源分配中的决定性作用。', undefined, undefined, profile)).toEqual([]);
    expect(flagged('要发挥市场在资源配置中的基础性作用。', undefined, undefined, profileWith([{ ...market, fixed: undefined }]))).toEqual([]);
    // A whole word of four characters replaced, judged where the archive fixes that whole word.
    const heritage = formula('城市更新工作中的历史文化保护', ['城市更新', '工作', '中', '的', '历史文化', '保护'], { articles: 12, fixed: [8, 12] });
    const whole = check('要重视城市更新工作中的生态环境保护。', undefined, undefined, profileWith([heritage]));
    expect(whole.findings.map((f) => whole.text.slice(f.start, f.end))).toEqual(['城市更新工作中的生态环境保护']);
    expect(whole.findings[0].message).toContain('“历史文化”写成了“生态环境”');
    expect(flagged('要重视城市更新工作中的生态环境保护。', undefined, undefined, profileWith([{ ...heritage, fixed: [8, 10] }]))).toEqual([]);
    // A word across the middle breaks both halves: the text before it is the anchor.
    const across = formula('城市更新中的历史文化保护工作', ['城市更新', '中', '的', '历史文化', '保护', '工作'], { articles: 12, fixed: [6, 10] });
    expect(flagged('要做好城市更新中的生态环境保护工作。', undefined, undefined, profileWith([across]))).toEqual(['城市更新中的生态环境保护工作']);
  });

  it('catches a member left out of a closed series of three long members, unless the sentence writes it apart', () => {
    const profile = profileWith([...FORMULATIONS, enumeration(['人人有责', '人人尽责', '人人享有'], { articles: 8 })]);
    expect(flagged('社会治理要做到人人有责、人人享有。', undefined, undefined, profile)).toEqual(['人人有责、人人享有']);
    expect(flagged('既要人人尽责，也要人人有责、人人享有。', undefined, undefined, profile)).toEqual([]); // the list split
    // Two of three short members are a pair writers use freely.
    expect(flagged('让居民的幸福感、安全感更加充实。', undefined, undefined, profile)).toEqual([]);
  });

  it('tolerates another word in a slot loose in the core, not a typo; a homophone that is no word even in an open slot', () => {
    const profile = profileWith([...FORMULATIONS, formula('中华民族伟大复兴', ['中华民族', '伟大', '复兴'], { articles: 88, open: [0, 4], loose: [4, 6, 6, 8] })]);
    expect(flagged('实现中华民族伟大振兴。', undefined, undefined, profile)).toEqual([]);
    expect(flagged('实现中华民族伟太复兴。', undefined, undefined, profile)).toEqual(['中华民族伟太复兴']);
    expect(flagged('打萤脱贫攻坚战，要一鼓作气。')).toEqual(['打萤脱贫攻坚战']);
  });

  it('names a formulation’s malformed slots when a profile is read', () => {
    const profile = profileWith([formula('习近平新时代中国特色社会主义思想', ['习近平', '新', '时代', '中国', '特色', '社会主义', '思想'], { kept: [8, 10], fixed: [8, 10] })]);
    expect(parseProfileText(serializeProfile(profile), 'ok.json').error).toBeUndefined();
    const bad = JSON.parse(serializeProfile(profile));
    bad.register.formulations[0].fixed = '8,10';
    expect(parseProfileText(JSON.stringify(bad), 'bad.json').error).toContain('register.formulations[0].fixed');
    bad.register.formulations[0].fixed = [8];
    expect(parseProfileText(JSON.stringify(bad), 'bad.json').error).toContain('register.formulations[0].fixed');
  });

  it('finds nothing with a profile that has no formulations', () => {
    const profile = emptyProfile('old');
    delete (profile.register as Partial<Profile['register']>).formulations;
    expect(check('全面建设小康社会。', undefined, undefined, profile).findings).toEqual([]);
  });
});

// ---- learning, on a small corpus written for this test ----

const OPENINGS = ['清晨的菜市场人头攒动', '山区小学新建了食堂', '老旧小区加装了电梯', '夜校里坐满了年轻人', '河道边修起了步道', '县城的图书馆延长了开放时间', '村里的合作社分了红', '社区医院开设了夜间门诊', '工业园区引进了研发中心', '公交线路延伸到了新城', '养老驿站办起了助餐点', '大学生回乡开起了网店', '街道设立了调解室', '农技员把课堂搬到田间'];
const MIDDLES = ['群众的事再小也是大事', '办法总比困难多', '一件件小事汇成大民生', '改革要向群众要答案', '干部多跑腿群众少跑路', '实干才能出实绩', '服务好不好群众说了算'];

/** Fourteen short articles; the formulation in twelve, its older wording in one. */
function corpus(): CorpusText[] {
  return OPENINGS.map((opening, i) => {
    const middle = MIDDLES[i % MIDDLES.length];
    const formulation = i === 13 ? '全面建设小康社会' : i === 12 ? '' : `${['我们要为', '各地都在', '大家投身', '决胜'][i % 4]}全面建成小康社会${['。', '，', '而奋斗。'][i % 3]}`;
    const text = `第${i + 1}篇评论\n\n${opening}。${middle}，${formulation}${i === 13 ? '曾是我们的目标。' : ''}这些变化看得见、摸得着。\n\n${MIDDLES[(i + 3) % MIDDLES.length]}，${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
    return { ref: `synthetic/${String(i).padStart(2, '0')}.txt`, source: 'synthetic', bytes: Buffer.byteLength(text), meta: {}, text };
  });
}

describe('learning formulations', () => {
  it('keeps the canonical text with its counts and the variant the archive wrote, and merges shards exactly', () => {
    const files = corpus();
    const whole = learnTexts(files, { name: 'synthetic' }).profile;
    const learned = whole.register.formulations.find((f) => f.phrase === '全面建成小康社会');
    expect(learned).toBeDefined();
    expect(learned).toMatchObject({ kind: 'formula', articles: 12, count: 12 });
    expect(learned!.variants).toEqual([{ text: '全面建设小康社会', edit: 'substitution', articles: 1, count: 1, examples: [expect.objectContaining({ headline: '第14篇评论', file: 'synthetic/13.txt' })] }]);
    expect(learned!.examples[0]).toMatchObject({ headline: '第1篇评论', file: 'synthetic/00.txt' });

    const a = learnTexts(files.slice(0, 7), { name: 'synthetic', shard: true }).profile;
    const b = learnTexts(files.slice(7), { name: 'synthetic', shard: true }).profile;
    expect(mergeProfiles([a, b], { name: 'synthetic' }).register.formulations).toEqual(whole.register.formulations);

    // The draft side reads what learning wrote: a homophone that makes no word is a slip, and so is
    // another ordinary word (the older 建设) in a formulation of ten articles or more.
    const lint = (text: string) => lintText(text, whole, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
    const findings = lint('稿件标题\n\n到二〇二〇年全面建城小康社会。');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('本报 12 篇文章写作“全面建成小康社会”，没有一篇写作“全面建城小康社会”');
    expect(lint('稿件标题\n\n到二〇二〇年全面建设小康社会。').map((f) => f.message)).toEqual([expect.stringContaining("仅 1 篇写作“全面建设小康社会”")]);
  });
});

describe('learning formulations from a few articles', () => {
  /** Eight short articles: four quote a name, five write a long formula of content words, three a list of four-character members. */
  function fewArticles(): CorpusText[] {
    return OPENINGS.slice(0, 8).map((opening, i) => {
      const name = i < 4 ? `${['城市治理推行', '街道试点', '区里上线'][i % 3]}“一网统管”，${MIDDLES[i % MIDDLES.length]}。` : `${MIDDLES[i % MIDDLES.length]}。`;
      const long = i >= 2 && i < 7 ? `${OPENINGS[(i + 9) % OPENINGS.length]}，${['这是促进', '有利于', '体现了'][i % 3]}人与自然和谐共生。` : `${OPENINGS[(i + 9) % OPENINGS.length]}，离不开多听群众意见。`;
      const list = i >= 5 ? `${MIDDLES[(i + 3) % MIDDLES.length]}，${['干部要', '大家都能', '青年应当'][i % 3]}坚定信念、勇于担当、清正廉洁。` : `${MIDDLES[(i + 3) % MIDDLES.length]}。`;
      const text = `第${i + 1}篇短评\n\n${opening}。${name}${long}${list}\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
      return { ref: `few/${i}.txt`, source: 'few', bytes: Buffer.byteLength(text), meta: {}, text };
    });
  }

  it('keeps a quoted name and a list of four-character members from three or four articles, a long formula of content words from five', () => {
    const learned = learnTexts(fewArticles(), { name: 'few' }).profile.register.formulations;
    expect(learned.find((f) => f.phrase === '一网统管')).toMatchObject({ kind: 'formula', articles: 4, named: true });
    expect(learned.find((f) => f.phrase === '人与自然和谐共生')).toMatchObject({ kind: 'formula', articles: 5 });
    expect(learned.find((f) => f.phrase === '坚定信念、勇于担当、清正廉洁')).toMatchObject({ kind: 'enumeration', articles: 3 });
    // A phrase of two words in three articles is no formulation yet.
    expect(learned.find((f) => f.phrase === '多听群众意见')).toBeUndefined();
  });

  it('keeps a long formula whose content words are joined by 的 and 和 from five articles', () => {
    const files = OPENINGS.slice(0, 6).map((opening, i) => {
      const text = `第${i + 1}篇随笔\n\n${opening}。${MIDDLES[i % MIDDLES.length]}，${['要着力提升', '关键在于', '各地都在加强'][i % 3]}基层医疗队伍的建设和服务能力。\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
      return { ref: `joined/${i}.txt`, source: 'joined', bytes: Buffer.byteLength(text), meta: {}, text };
    });
    const learned = learnTexts(files, { name: 'joined' }).profile.register.formulations;
    expect(learned.find((f) => f.phrase === '基层医疗队伍的建设和服务能力')).toMatchObject({ kind: 'formula' });
  });

  it('opens an edge word only for other words of its kind, unless the archive often writes the rest without it', () => {
    // Fourteen articles: some write the formula, `withVerb` more the part after its first word behind a verb.
    const learn = (canonical: number, withVerb: number) =>
      learnTexts(
        OPENINGS.map((opening, i) => {
          const phrase = i < canonical ? `${['各地都在推广', '学校要教好', '大家都要学好'][i % 3]}国家通用语言文字` : `${['各地都在推广', '学校要教好'][i % 2]}通用语言文字`;
          const text = `第${i + 1}篇小评\n\n${opening}。${MIDDLES[i % MIDDLES.length]}，${i < canonical + withVerb ? phrase : '孩子们读书更方便了'}。\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
          return { ref: `edge/${i}.txt`, source: 'edge', bytes: Buffer.byteLength(text), meta: {}, text };
        }),
        { name: 'edge' },
      ).profile;
    const few = learn(12, 2);
    expect(few.register.formulations.find((f) => f.phrase === '国家通用语言文字')).toMatchObject({ articles: expect.any(Number), open: [] });
    const lint = (profile: Profile, text: string) => lintText(text, profile, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
    expect(lint(few, '稿件标题\n\n推广国度通用语言文字。').map((f) => f.message)).toEqual([expect.stringContaining('国家通用语言文字')]);
    // Written without it a third as often as with it, the first word is a modifier: its slot stays open.
    const many = learn(10, 4);
    expect(many.register.formulations.find((f) => f.phrase === '国家通用语言文字')?.open).toEqual([0, 2]);
    expect(lint(many, '稿件标题\n\n推广国度通用语言文字。')).toEqual([]);
  });

  it('keeps a long 对…的 phrase whose first word the archive fills freely, and judges the rest of it', () => {
    // Eleven articles write it with 市民, four with another subject: those are no evidence against its wording.
    const files = [...OPENINGS, '菜农把直播间开到了大棚'].map((opening, i) => {
      const subject = i < 11 ? '市民' : ['居民', '游客', '居民', '村民'][i - 11];
      const text = `第${i + 1}篇杂谈\n\n${opening}。${MIDDLES[i % MIDDLES.length]}，${['城市规划要回应', '公共服务要装下', '每一项改革都承载着'][i % 3]}${subject}对美好未来的向往。\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
      return { ref: `future/${i}.txt`, source: 'future', bytes: Buffer.byteLength(text), meta: {}, text };
    });
    const { profile } = learnTexts(files, { name: 'future' });
    expect(profile.register.formulations.find((f) => f.phrase === '市民对美好未来的向往')).toMatchObject({ kind: 'formula', open: [0, 2] });
    const lint = (text: string) => lintText(text, profile, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
    expect(lint('稿件标题\n\n要回应市民对美好未来的响往。').map((f) => f.message)).toEqual([expect.stringContaining('同音字')]);
    expect(lint('稿件标题\n\n要回应居民对美好未来的向往。')).toEqual([]);
  });

  it('keeps a list of three short unlike members, all as long, as a formulation, not as a phrase of the table', () => {
    // Twelve articles over a year write the same list of two-character members.
    const files = OPENINGS.slice(0, 12).map((opening, i) => {
      const text = `第${i + 1}篇短论\n\n${opening}。${MIDDLES[i % MIDDLES.length]}，${['青年在', '大家在', '我们在'][i % 3]}学习、工作、生活中都要讲诚信。\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
      return { ref: `year/2024${String(1 + i).padStart(2, '0')}15-${i}.txt`, source: 'year', bytes: Buffer.byteLength(text), meta: {}, text };
    });
    const { profile } = learnTexts(files, { name: 'year' });
    expect(profile.register.phrases.find((p) => p.phrase === '学习、工作、生活')).toBeUndefined();
    const list = profile.register.formulations.find((f) => f.phrase === '学习、工作、生活');
    expect(list).toMatchObject({ kind: 'enumeration' });
    expect(list!.articles).toBeGreaterThanOrEqual(10);
    const findings = lintText('稿件标题\n\n在工作、学习、生活中都要讲诚信。', profile, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('学习、工作、生活')]);
  });

  it('keeps a list of unlike members written in two months as a formulation, not as a phrase of the table', () => {
    // Twelve dated articles of two months (a campaign's): the list is fixed wording, but too bunched
    // in time to be formulaic language.
    const files = OPENINGS.slice(0, 12).map((opening, i) => {
      const text = `第${i + 1}篇快评\n\n${opening}。${MIDDLES[i % MIDDLES.length]}，${['防汛要打好', '全力打好汛期', '各地坚决打赢这场'][i % 3]}攻坚战、持久战、主动仗。\n\n${OPENINGS[(i + 5) % OPENINGS.length]}。\n`;
      return { ref: `dated/2024070${1 + (i % 9)}-${i}.txt`.replace(/(\d{8})/, (d) => (i < 6 ? d : `202408${d.slice(6)}`)), source: 'dated', bytes: Buffer.byteLength(text), meta: {}, text };
    });
    const { profile } = learnTexts(files, { name: 'dated' });
    expect(profile.register.phrases.find((p) => p.phrase === '攻坚战、持久战、主动仗')).toBeUndefined();
    const list = profile.register.formulations.find((f) => f.phrase === '攻坚战、持久战、主动仗');
    expect(list).toMatchObject({ kind: 'enumeration' });
    expect(list!.articles).toBeGreaterThanOrEqual(10);
    const findings = lintText('稿件标题\n\n我们要打好攻坚战、主动仗、持久战。', profile, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('攻坚战、持久战、主动仗')]);
  });
});
