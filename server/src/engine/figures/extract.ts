// Finds the statistics in a draft: a number (Arabic, full-width or Chinese numerals) with a unit,
// a measure word or %. Years, dates, ordinals, codes (1号线, S43, 5G) and numbers inside quoted
// slogans or 《titles》 are not statistics. Each figure carries the content words of its clause
// (to tell whether two figures measure the same thing) and, once cues are applied, the attribution
// that sources it. Three rules, the learner and hovers read the same extraction, cached per draft.

import { draftMemo, type ParsedDraft, type Sentence } from '../parse/draft';
import type { Token } from '../text/segmenter';
import type { Profile } from '../profile/types';
import type { Span } from '../types';
import { partitionPoint } from '../text/partition';
import { matchesOf } from '../text/matches';
import { AhoCorasick } from '../phrases/aho-corasick';
import { clauseKey, readQuantities, type Quantity } from './quantity';
import { timeAnchors } from './time';
import { CN_DIGIT, magnitudeExponent, oneSignificantDigit, parseChineseNumber, scale, toHalfWidthDigits } from './numerals';

export { parseChineseNumber, toHalfWidthDigits } from './numerals';

export type NumeralStyle = 'arabic' | 'chinese';
/** How a figure bounds the quantity: 超30万 is a lower bound, 近30万 an upper one, 约30万 approximate. */
export type FigureQualifier = 'exact' | 'min' | 'max' | 'approx';

export interface Attribution extends Span {
  /** The cue as written (显示, 据, or a whole 《named document》). */
  cue: string;
}

export interface Figure extends Span {
  /** The figure as written, number through unit (超/近 prefixes excluded). */
  raw: string;
  /** Normalised value: 30万人次 → 300000, 5% → 5, 三百 → 300. */
  value: number;
  /** Unit or measure word without magnitude ('人次', '元', '%'); '' for a bare 363.9万. */
  unit: string;
  numeral: NumeralStyle;
  /** A Chinese numeral with one significant digit at most (百, 两万, 三十): an idiomatic round figure. */
  roundMagnitude: boolean;
  qualifier: FigureQualifier;
  /** Content words (nouns, verbs, time words) of the clause carrying the figure, in text order. */
  subject: string[];
  /** Index into doc.sentences. */
  sentence: number;
  /** The clause (between commas/semicolons) that carries the figure. */
  clause: Span;
  /**
   * number: digits or a Chinese numeral with a unit; words: a proportion or multiple in words (九成,
   * 过半, 三分之一, 两倍, 翻番); duration: a time span stated as achieved (压缩到28个工作日); limit:
   * a level brought to a bound, with no unit from the list (电能利用效率降至1.2以下).
   */
  kind: FigureKind;
  /** One end of a range (20～30个): a bound, never a value to compare. */
  range?: boolean;
  /** What is measured, where and when (quantity.ts). */
  quantity: Quantity;
  /** The clause with its figures masked, hashed: recognises a published clause restated (quantity.ts clauseKey). */
  clauseKey: string;
  attribution?: Attribution;
}

export type FigureKind = 'number' | 'words' | 'duration' | 'limit';

/** Units and measure words that make a number a statistic; longest forms first when matching. */
export const FIGURE_UNITS: readonly string[] = [
  // money
  '元', '美元', '欧元', '日元', '英镑', '港元', '港币', '人民币',
  // rates
  '个百分点', '百分点', '倍',
  // people and things
  '人次', '架次', '车次', '班次', '户次', '人', '名', '位', '户', '家', '个', '项', '件', '条', '所', '座', '部', '台',
  '辆', '列', '架', '艘', '套', '份', '篇', '本', '册', '张', '栋', '幢', '间', '处', '块', '株', '棵', '头', '只', '匹',
  '批', '类', '种', '支', '例', '宗', '笔', '单', '场', '次', '起', '岁', '床', '盏', '根', '片', '所',
  // measures
  '公里', '千米', '米', '厘米', '毫米', '平方米', '平方公里', '平方千米', '立方米', '亩', '公顷', '吨', '千克', '公斤',
  '克', '毫克', '微克', '斤', '升', '毫升', '千瓦时', '千瓦', '兆瓦', '吉瓦', '瓦', '摄氏度', '度', '标箱', '字',
].filter((u, i, all) => all.indexOf(u) === i);

/** Latin units that may follow a number (10万P of computing power); anything else Latin marks a code (5G, S43). */
const LATIN_UNITS = ['EFLOPS', 'PFLOPS', 'kWh', 'MW', 'GW', 'kW', 'PB', 'TB', 'GB', 'EB', 'km', 'kg', 'P'];

/** Units by their first character, longest first: a figure tries only the units its next character can start. */
const UNITS_BY_FIRST_CHAR = new Map<string, string[]>();
for (const unit of [...FIGURE_UNITS].sort((a, b) => b.length - a.length)) {
  UNITS_BY_FIRST_CHAR.set(unit[0], [...(UNITS_BY_FIRST_CHAR.get(unit[0]) ?? []), unit]);
}

/** Bodies that source the count of their own work where it is told (市政务服务局共受理…): see bodyAtWork. */
const BODY_AT_WORK_CUES = ['局', '中心', '法院', '支队'];

/** Built-in attribution cues; the profile adds the ones learned from the corpus. */
export const BASE_ATTRIBUTION_CUES: readonly string[] = [
  '据', '根据', '依据', '数据显示', '统计', '发布', '公布', '来源', '报告', '介绍', '表示', '指出', '称', '获悉', '显示',
  '测算', '调查', '表明', '披露', '透露', '通报', '公报', '监测', '普查', '报道', '了解到', '援引', '白皮书', '年鉴',
  '数据', '说法', '口径', '信息', ...BODY_AT_WORK_CUES, '告诉记者', '对记者说', '向记者', '调研', '问卷', '提到', '数字', '说', '台账', '报表', '成绩单', '材料', '答复', '答案',
];

/** A learned cue counts once the corpus showed it near figures this many times. */
export const DEFAULT_MIN_CUE_COUNT = 3;

/** What ends the name of a body whose data or word sources a figure (商务局, 水利部门, 统计中心). */
const ORGANISATION = '(?:局|委|办|厅|署|部|部门|中心|院|所|会|站|司(?!机)|组织|机构|单位|公司|集团|平台|政府|官方|银行|央行|大学|高校|支队|大队|馆|馆方|校方|院方|警方|主办方|承办方)';
/** What a body did with the data it gives (统计局提供的数据, 民政局给出的数字, 商务局晒出的成绩单). */
const RELEASED = '(?:提供|发布|公布|公开|给出|晒出|掌握|统计|通报|汇总|获取|获得|拿到)?';
/** Documents whose word is a source (这份总结的说法, 年报的口径). */
const DOCUMENT = '(?:总结|报告|公报|通报|材料|文件|年报|白皮书|报道|资料|台账)';
/** What was made public (当地公开的信息, 官方公布的数据). */
const PUBLISHED = '(?:公开|公布|发布|披露)的';
/** A body's own record or word of a figure (商务局的数据, 统计局给出的这组数字, 推广中心的测产数据, 民政局的台账), or one made public. */
const bodyRecord = (noun: string) =>
  new RegExp(`(?<=${ORGANISATION}${RELEASED}的(?:这组|这些|这项|这份|这个|一份|最新|年度)?[\u4e00-\u9fff]{0,3}|${PUBLISHED})${noun}`, 'g');
/** A record or a body's word within the clause ahead (根据国家统计局的数据): what makes 根据 a source. */
const RECORD_AHEAD = `(?=[^，,。；;]{0,20}(?:统计|数据|显示|发布|公布|介绍|调查|监测|测算|报告|公报|普查|通报|口径|说法|资料|年鉴|${ORGANISATION}))`;
/** Verbs of a body's own work, after which its figures are its own count. */
const BODY_WORK = '(?:受理|办理|办结|查处|审结|审理|处置|接到|接收|发放|审批|出警|救助|登记|培训|开展)';
/**
 * A body, as the doer of its own work, sources the count of it: 局 in 市政务服务局共受理. Only in its
 * own sentence: the next one is the writer's again.
 */
const bodyAtWork = (suffix: string) => new RegExp(`(?<=[\u4e00-\u9fff])${suffix}(?=(?:共|累计|已|今年|全年|上半年|下半年|去年)?${BODY_WORK})`, 'g');

/** People who speak for a body or a field (负责人, 局长, 业内人士). */
const SPEAKER = '(?:负责人|局长|主任|处长|科长|站长|所长|院长|书记|经理|专家|人士|工作人员|干部)';

// Cues that are cues only in some company: 据 and 称 not inside another word (数据, 名称…); 数据, 说法
// and 口径 only as a body's (统计中心的数据, 发改委的说法, 统计局的口径), not 这组数据来之不易 (the
// draft's own figures); 提到 only after a body (交通部门也提到), not 文章提到 or 前面提到.
const CONTEXT_CUE: Record<string, RegExp> = {
  据: /(?<![数证占字单票收凭论盘根依])据(?![点守])/g,
  // 根据 and 依据 before a record or a body's word (根据国家统计局的数据), not a preposition of
  // method (系统根据技能和位置推送岗位).
  根据: new RegExp(`根据${RECORD_AHEAD}`, 'g'),
  依据: new RegExp(`依据${RECORD_AHEAD}`, 'g'),
  称: /(?<![名堪号简对匀俗职昵尊统总爱著])称(?![号为赞职谓之呼道心霸])/g,
  数据: bodyRecord('数据'),
  数字: bodyRecord('数字'),
  报表: bodyRecord('报表'),
  成绩单: bodyRecord('成绩单'),
  材料: bodyRecord('材料'),
  答复: bodyRecord('答复'),
  答案: bodyRecord('答案'),
  台账: new RegExp(`(?<=${ORGANISATION}(?:的)?)台账`, 'g'),
  // 监测 as a source: 监测显示, 监测数据, 经监测, 环境监测站的监测; not 智能监测全面铺开.
  监测: new RegExp(`监测(?=显示|表明|发现|数据|结果|报告)|(?<=经|${ORGANISATION}(?:的)?)监测`, 'g'),
  说法: new RegExp(`(?<=(?:${ORGANISATION}|${DOCUMENT})的)说法`, 'g'),
  口径: new RegExp(`(?<=(?:${ORGANISATION}|${DOCUMENT})的(?:统计)?)口径`, 'g'),
  信息: bodyRecord('信息'),
  // A body reporting its own work (市政务服务局共受理群众诉求…, 区法院全年审结案件…).
  ...Object.fromEntries(BODY_AT_WORK_CUES.map((suffix) => [suffix, bodyAtWork(suffix)])),
  提到: new RegExp(`(?<=${ORGANISATION}(?:也|还|曾|在通报中|在答复中)?)提到`, 'g'),
  // 说 after a body or someone speaking for one, before what was said (街道负责人说，…).
  说: new RegExp(`(?<=(?:${ORGANISATION}|${SPEAKER})[^，,。；;：:！？]{0,8})说(?=[，,：:])`, 'g'),
};

const TITLE = /《[^《》\n]{1,60}》/g;

const D = '[0-9０-９]';
/** A number, matched where it starts (sticky): numberMatches finds where numbers may start. */
const NUMBER = new RegExp(
  `(百分之)?(?:(${D}{1,3}(?:,${D}{3})+(?!${D})|${D}+(?:[.．]${D}+)?)([十百千万亿]*)|([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]*)?))`,
  'y',
);

/** By UTF-16 unit: 1 for a character a NUMBER match can start with, 2 for a Chinese digit (零…九). */
const NUMBER_START = new Uint8Array(0x10000);
for (const c of '0123456789０１２３４５６７８９十百千万亿') NUMBER_START[c.charCodeAt(0)] = 1;
for (const c of '零〇一二两三四五六七八九') NUMBER_START[c.charCodeAt(0)] = 2;

/** 三个工作日, 五天: a lone digit (not 一, which is a word more than a count) before a time unit may be an achieved duration. */
function smallDuration(text: string, at: number): boolean {
  return text[at] !== '一' && text[at] !== '零' && text[at] !== '〇' && DURATION_UNIT.test(text.slice(at + 1, at + 6));
}

/**
 * The next NUMBER match of `text` at or after `from` that may be a figure (null: none), as a global
 * NUMBER would find it, but tried only where a number can start. A lone Chinese digit (一 of 一个,
 * 统一) is passed over unless a time unit follows (smallDuration): it is never a figure otherwise
 * (readFigure's single-digit rule), and most matches in prose are these.
 */
function nextNumber(text: string, from: number): RegExpExecArray | null {
  for (let at = from; at < text.length; at++) {
    const start = NUMBER_START[text.charCodeAt(at)];
    if (!start || (start === 2 && !NUMBER_START[text.charCodeAt(at + 1)] && text.charCodeAt(at + 1) !== 0x70b9 /* 点 */ && !smallDuration(text, at))) continue;
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (m) return m;
  }
  return null;
}

const LOWER_BOUND_BEFORE = /(不低于|不少于|至少|最少|超过|超出|超|逾|突破|高达|多达|上)$/;
const UPPER_BOUND_BEFORE = /(不超过|不高于|不多于|至多|最多|将近|接近|不到|不足|近)$/;
const APPROX_BEFORE = /(大约|约为|约)$/;
const LOWER_BOUND_AFTER = /^(以上|多)/;
const UPPER_BOUND_AFTER = /^(以下|以内|不到|不足)/;
const APPROX_AFTER = /^(左右|上下)/;

/** The bound the words around a figure set (`before` ends where it starts, `after` starts where it ends). */
function boundAround(before: string, after: string): FigureQualifier {
  // Upper bounds first: 不超过 ends with 超过.
  if (UPPER_BOUND_BEFORE.test(before) || UPPER_BOUND_AFTER.test(after)) return 'max';
  if (LOWER_BOUND_BEFORE.test(before) || LOWER_BOUND_AFTER.test(after)) return 'min';
  if (APPROX_BEFORE.test(before) || APPROX_AFTER.test(after)) return 'approx';
  return 'exact';
}

// Verbs that carry no information about which quantity is meant.
const SUBJECT_STOPWORDS = new Set([
  '是', '有', '为', '达', '达到', '超过', '突破', '实现', '共有', '成为', '进行', '开展', '已经', '其中',
  '将近', '接近', '不到', '不足', '大约', '左右', '以上', '以下', '低于', '高于', '不少', '至少', '最多',
]);
/** The marks that end a clause, by UTF-16 unit: clauseAround walks a clause character by character for every number. */
const CLAUSE_BREAK_UNIT = new Uint8Array(0x10000);
for (const c of '，,；;：:。！？!?') CLAUSE_BREAK_UNIT[c.charCodeAt(0)] = 1;

/** Time units a duration is counted in, as written → as compared (28个工作日 and 28工作日 are one unit). */
const DURATION_UNIT = /^(个工作日|工作日|个小时|小时|个月|个星期|星期|分钟|秒钟|秒|天|周)/;
const ACHIEVED_BEFORE =
  /(压缩|缩短|缩减|减少|降低|降至|降到|减至|减到|缩至|提速|提前|节省|节约|只需|仅需|只要|仅用|只用|用时|耗时|办结|控制在|压减|最快|最短|平均)[^，,；;。]{0,8}$/;
const ACHIEVED_AFTER = /^(以?内|之内)?(即可|就能|就可|便可)?(办结|办完|完成|到账|审结|答复|回复|办理完毕|拿到|领到|出证)|^(压缩|压减|缩短|缩减|减少|降低|降)(到|至|为)/;
/**
 * A duration or a words figure that is required or planned is no reported fact (要在3个工作日内办结,
 * 力争让八成以上的合作社…，把审批时间压缩到5天): a cue before it in its sentence (after the last
 * semicolon), unless 已 or 目前 follows the cue (按照计划，目前已压缩到…).
 */
const PLANNED_BEFORE = /目标|力争|计划|争取|确保|规划|预计|拟|(?<![只主需重还])要(?![素点])|必须|应当|不得/;

function plannedBefore(text: string, at: number): boolean {
  // A semicolon ends what a cue governs (今年计划再建20家；……占到三成).
  const before = text.slice(Math.max(text.lastIndexOf('；', at - 1), text.lastIndexOf(';', at - 1)) + 1, at);
  const cue = PLANNED_BEFORE.exec(before);
  return cue !== null && !/已|目前|如今/.test(before.slice(cue.index));
}

/** A duration stated as achieved, read at `p` (after the number) of `text`: its unit, or undefined. */
function achievedDuration(text: string, clauseStart: number, at: number, p: number): { unit: string; length: number } | undefined {
  const unit = DURATION_UNIT.exec(text.slice(p))?.[0];
  if (!unit) return undefined;
  const before = text.slice(clauseStart, at);
  const after = text.slice(p + unit.length);
  if (!ACHIEVED_BEFORE.test(before) && !ACHIEVED_AFTER.test(after)) return undefined;
  if (plannedBefore(text, at)) return undefined;
  return { unit: unit.replace(/^个/, ''), length: unit.length };
}

/** A level brought down or up to a bound (降至, 控制在): its verb right before the number. */
const LIMIT_BEFORE = /(?:降至|降到|降低[到至]|下降[到至]|减至|减[少低][到至]|压缩[到至]|压减[到至]|缩小[到至]|控制在|保持在|稳定在|升至|提高[到至]|提升[到至]|增至)$/;
/** The bound after a bare number or one with a unit the unit list lacks (1.2以下, 30分贝以下, 0.5毫克/升以内). */
const LIMIT_AFTER = /^([A-Za-z\u4e00-\u9fff/]{0,4}?)(?:以下|以内|之内|以上)/;

/**
 * A limit or level stated as achieved, read at `p` (after the number) of `text`, where no unit from
 * the list follows: 电能利用效率降至1.2以下, 噪声控制在55分贝以内, 降到1.25. Its unit ('' for a bare ratio) or
 * undefined. A plan (力争把…降至1.2以下) is left to the plan reading, like any figure.
 */
function achievedLimit(text: string, clauseStart: number, at: number, p: number): { unit: string } | undefined {
  if (!LIMIT_BEFORE.test(text.slice(clauseStart, at).replace(/了$/, ''))) return undefined;
  const bound = LIMIT_AFTER.exec(text.slice(p));
  if (bound && !/[的以之年月日号]/.test(bound[1])) return { unit: bound[1] };
  // A bare ratio with decimals ending its clause is a level too (电能利用效率降到1.25。).
  if (/\.[0-9]/.test(text.slice(at, p)) && (p === text.length || CLAUSE_BREAK_UNIT[text.charCodeAt(p)])) return { unit: '' };
  return undefined;
}

function matchUnit(text: string, at: number): string | undefined {
  if (/[%％‰]/.test(text[at] ?? '')) return text[at] === '‰' ? '‰' : '%';
  for (const unit of UNITS_BY_FIRST_CHAR.get(text[at]) ?? []) {
    if (!text.startsWith(unit, at)) continue;
    // 3个月, 3个小时, 12个年头 are durations, not counts.
    if (unit === '个' && /^[多半]?(月|小时|工作日|星期|年头)/.test(text.slice(at + 1))) return undefined;
    // 5部门 counts the bodies that signed a document, no statistic (部 is a unit in 3部电梯).
    if (unit === '部' && text[at + 1] === '门') return undefined;
    return unit;
  }
  for (const unit of LATIN_UNITS) {
    if (text.startsWith(unit, at) && !/[A-Za-z0-9]/.test(text[at + unit.length] ?? '')) return unit;
  }
  return undefined;
}

/** 天 counts days where its clause names a number of days (优良天数达到247天); elsewhere it is a span of time. */
function dayCount(text: string, clauseStart: number, at: number, p: number): string | undefined {
  return text[p] === '天' && text.slice(clauseStart, at).includes('天数') ? '天' : undefined;
}

interface Scope {
  quotes: Span[];
  titles: Span[];
}

const inside = (spans: Span[], at: number) => spans.some((s) => s.start < at && at < s.end);

/** Reads the figure whose number starts at `m.index` of `sentence.text`, or undefined when it is no statistic. */
function readFigure(doc: ParsedDraft, sentence: Sentence, index: number, m: RegExpExecArray, tokens: () => Token[], scope: Scope): Figure | undefined {
  const text = sentence.text;
  const [whole, percentPrefix, arabic, arabicMagnitude, chinese] = m;
  const at = m.index;
  // Every test on `before` is anchored at its end and a few characters long: a window keeps a
  // sentence with thousands of figures from rescanning its whole start for each one.
  const before = text.slice(Math.max(0, at - 16), at);
  const prev = before.slice(-1);
  const docStart = sentence.start + at;
  if (inside(scope.quotes, docStart) || inside(scope.titles, docStart)) return undefined;
  if (prev === '第' || /[A-Za-z]/.test(prev)) return undefined;
  // Vague amounts: 几十个, 数十家, 若干 (人数43.1万人 and 总数46个 are not).
  if (chinese && /[几数若]$/.test(before) && !percentPrefix) return undefined;

  let value: number;
  let numeral: NumeralStyle;
  let roundMagnitude = false;
  let p = at + whole.length;
  if (arabic) {
    numeral = 'arabic';
    const digits = toHalfWidthDigits(arabic).replace(/,/g, '');
    value = scale(digits, magnitudeExponent(arabicMagnitude));
  } else {
    numeral = 'chinese';
    // 三四个, 七八十岁: adjacent digits give a vague range, not 34 or 780.
    if (/[一二两三四五六七八九]{2}/.test(chinese)) return undefined;
    const parsed = parseChineseNumber(chinese);
    if (parsed === undefined) return undefined;
    value = parsed;
    // 百, 两万, 三千: one significant digit is an idiomatic round figure, not a precise count.
    roundMagnitude = oneSignificantDigit(value);
    // A duration stated as achieved is a figure however small (压缩到三个工作日, 十个工作日内办结).
    const achieved = !percentPrefix && achievedDuration(text, clauseStartOf(text, at), at, p) !== undefined;
    // A bare magnitude is a figure only as an approximation (超百名, 上千人, 万余人); 万家灯火 is not.
    if (/^[十百千万亿]+$/.test(chinese) && !achieved && !LOWER_BOUND_BEFORE.test(before) && !UPPER_BOUND_BEFORE.test(before) && !/[多余]/.test(text[p] ?? '')) return undefined;
    // 一个、两项、三大: single-digit Chinese counts are rhetoric, not statistics.
    if (value < 10 && !percentPrefix && !achieved) return undefined;
    // 千家万户, 十分: the numeral must be a numeral token of its own.
    const numStart = sentence.start + at + (percentPrefix?.length ?? 0);
    const numEnd = sentence.start + p;
    const overlapping = tokens().filter((t) => t.end > numStart && t.start < numEnd);
    if (!overlapping.length || overlapping.some((t) => t.tag !== 'm' && t.tag !== 'mq')) return undefined;
  }
  if (text[p - 1] === '.' || text[p] === '.' && /\d/.test(text[p + 1] ?? '')) return undefined;
  if (text[p] === '几') return undefined;

  let qualifier: FigureQualifier = 'exact';
  if (/[多余来]/.test(text[p] ?? '') && !percentPrefix) {
    qualifier = text[p] === '来' ? 'approx' : 'min';
    p++;
  }
  const magnitude = /^[万亿]+/.exec(text.slice(p))?.[0] ?? '';
  if (magnitude) {
    value = scale(String(value), magnitudeExponent(magnitude));
    p += magnitude.length;
  }
  const clauseStart = clauseStartOf(text, at);
  const duration = percentPrefix ? undefined : achievedDuration(text, clauseStart, at, p);
  let unit = percentPrefix ? '%' : duration ? duration.unit : (matchUnit(text, p) ?? dayCount(text, clauseStart, at, p));
  let kind: FigureKind = duration ? 'duration' : 'number';
  // A bare number with a magnitude (常住人口增至363.9万) is read below as it always was.
  const limit = unit === undefined && numeral === 'arabic' && !percentPrefix && !arabicMagnitude && !magnitude ? achievedLimit(text, clauseStart, at, p) : undefined;
  if (limit) {
    unit = limit.unit;
    p += limit.unit.length;
    kind = 'limit';
  }
  if (unit === undefined && /[A-Za-z]/.test(text[p] ?? '')) return undefined; // 5G, 4K: a code
  if (unit === undefined) {
    // A bare Arabic number with a magnitude (常住人口363.9万) still states a quantity.
    if (!(numeral === 'arabic' && (arabicMagnitude || magnitude))) return undefined;
    unit = '';
  } else if (!percentPrefix && !limit) p += duration ? duration.length : unit.length;
  // 前3名 is a ranking.
  if ((unit === '名' || unit === '位') && /[前后]$/.test(before)) return undefined;

  const after = text.slice(p);
  // 60岁以上老年人: an age bracket that defines a group, not a measured figure; 94岁的老人, 他今年65岁,
  // 年满60岁: one person's age or a threshold (平均年龄35岁 and 预期寿命78.6岁 are statistics).
  if (unit === '岁' && (/^(及以上|以上|以下|及以下|的)/.test(after) || /(今年|已经|已|刚|年满|满)$/.test(before))) return undefined;
  if (qualifier === 'exact') qualifier = boundAround(before, after);

  return newFigure(doc, sentence, index, at, p, { value, unit, numeral, roundMagnitude, qualifier, kind });
}

/** The figure written from `at` to `p` of the sentence; its subject, quantity and clause key come later (rawFigures). */
function newFigure(
  doc: ParsedDraft,
  sentence: Sentence,
  index: number,
  at: number,
  p: number,
  read: Pick<Figure, 'value' | 'unit' | 'numeral' | 'roundMagnitude' | 'qualifier' | 'kind'>,
): Figure {
  const start = sentence.start + at;
  const end = sentence.start + p;
  // Every figure has every field, `range` and `attribution` too (undefined until set): the rules and
  // the learner then meet figures of one shape, which V8 compiles for once.
  return {
    start,
    end,
    raw: doc.text.slice(start, end),
    ...read,
    subject: [],
    sentence: index,
    clause: clauseAround(sentence, at, p),
    range: undefined,
    quantity: NO_QUANTITY,
    clauseKey: '',
    attribution: undefined,
  };
}

/**
 * Proportions and multiples written in words: 七成, 过半, 近半数, 三分之一, 两倍, 翻了一番, and 一半
 * after a change (下降了一半). 大半年, 近半个世纪 and 一成不变 are no figures.
 */
const WORD_FIGURE = new RegExp(
  [
    '([一二两三四五六七八九])成(?![员果本就为功长绩熟效立交品年都型份分事衣套片批群规语])',
    '(超过半数|超半数|半数以上|一半以上|过半数|过半(?![年月天个小日世])|近半数|近半(?![年月天个小日世])|将近一半|接近一半|近一半|超过一半|逾半数|半数)',
    '(?<=(?:下降|减少|降低|缩短|压缩|减|增长|增加|提高|提升|降|少|占|达)了?)(一半)',
    '([一二三四五六七八九十]|[一二三四五六七八九]?十[一二三四五六七八九]?|千)分之([一二三四五六七八九十]+)',
    '(?<![成数几加])([一二两三四五六七八九十])倍',
    '翻了?(?:近|将近|约)?([一两二三四])?番',
    // 1/3的老旧小区, 2/5以上: a fraction in digits, as a share (not a date: 的, 以上 or 左右 follows).
    '(?<![0-9/.])([1-9])/([1-9][0-9]?)(?![0-9/.])(?=的|以上|左右)',
  ].join('|'),
  'g',
);
/** What one of WORD_FIGURE's matches contains: most sentences are not scanned for them. */
const WORD_FIGURE_HINT = /[一二两三四五六七八九]成|[过近逾]半|半数|一半|分之|[一二两三四五六七八九十]倍|番/;
const hasWordFigure = (text: string) => WORD_FIGURE_HINT.test(text) || (text.includes('/') && /[1-9]\/[1-9]/.test(text));

function readWordFigure(doc: ParsedDraft, sentence: Sentence, index: number, m: RegExpExecArray, tokens: () => Token[], scope: Scope): Figure | undefined {
  const text = sentence.text;
  const at = m.index!;
  const start = sentence.start + at;
  if (inside(scope.quotes, start) || inside(scope.titles, start)) return undefined;
  const [whole, tenths, half, halfAfterChange, denominator, numerator, times, doublings, digitNumerator, digitDenominator] = m;
  let value: number;
  let unit = '%';
  let qualifier: FigureQualifier = 'exact';
  if (tenths) {
    // 七成 must be a numeral word of its own: 统一成, 八成新 are not.
    const token = tokens().find((t) => t.start <= start && start < t.end);
    if (!token || !/^(近|超|逾|约|占|达|不足|不到)?[一二两三四五六七八九]成$/.test(token.word)) return undefined;
    value = CN_DIGIT[tenths] * 10;
  } else if (half || halfAfterChange) {
    value = 50;
    const phrase = half ?? '';
    if (/^(近|将近|接近)/.test(phrase)) qualifier = 'max';
    else if (/^(超|过|逾)|以上$/.test(phrase)) qualifier = 'min';
  } else if (denominator) {
    const d = denominator === '千' ? 1000 : parseChineseNumber(denominator);
    const n = parseChineseNumber(numerator);
    if (!d || n === undefined || n >= d) return undefined;
    value = Number(((n / d) * 100).toPrecision(4));
  } else if (digitNumerator) {
    const n = Number(digitNumerator);
    const d = Number(digitDenominator);
    if (n >= d) return undefined;
    value = Number(((n / d) * 100).toPrecision(4));
  } else if (times) {
    value = times === '两' ? 2 : parseChineseNumber(times)!;
    unit = '倍';
  } else {
    if (!/番$/.test(whole)) return undefined;
    value = doublings === '两' || doublings === '二' ? 4 : doublings === '三' ? 8 : doublings === '四' ? 16 : 2;
    unit = '倍';
  }
  const before = text.slice(Math.max(0, at - 16), at);
  if (plannedBefore(text, at)) return undefined;
  const p = at + whole.length;
  const after = text.slice(p);
  if (qualifier === 'exact') qualifier = boundAround(before, after);
  return newFigure(doc, sentence, index, at, p, { value, unit, numeral: 'chinese', roundMagnitude: true, qualifier, kind: 'words' });
}

/** Placeholder until the sentence's quantities are read (rawFigures). */
const NO_QUANTITY: Quantity = { thing: [], modifiers: [], verb: '', measure: 'level', scope: '', whole: '', time: '', part: false, plan: false, reached: false, per: false, basis: '' };

/** Where the clause holding offset `at` of a sentence's text starts, in that text. */
function clauseStartOf(text: string, at: number): number {
  let s = at;
  while (s > 0 && !CLAUSE_BREAK_UNIT[text.charCodeAt(s - 1)]) s--;
  return s;
}

function clauseAround(sentence: Sentence, from: number, to: number): Span {
  const text = sentence.text;
  const s = clauseStartOf(text, from);
  let e = to;
  while (e < text.length && !CLAUSE_BREAK_UNIT[text.charCodeAt(e)]) e++;
  return { start: sentence.start + s, end: sentence.start + e };
}

const YEAR_IN_TEXT = /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})年/g;

/**
 * Content words of a clause (nouns, verbs, abbreviations), minus the figures' own tokens, plus the
 * time words of the whole sentence: 到2050年，比重将升至27.5% is scoped by a year in another clause.
 */
function subjectWords(clause: Span, tokens: Token[], figureSpans: Span[], sentenceTimes: readonly string[]): { subject: string[] } {
  const words: string[] = [...sentenceTimes];
  // Tokens and figures are in document order: start at the clause instead of scanning the sentence.
  // Figures never straddle a clause break, so the ones in this clause start inside it.
  let firstFigure = firstStartingAtOrAfter(figureSpans, clause.start);
  while (firstFigure > 0 && figureSpans[firstFigure - 1].end > clause.start) firstFigure--;
  for (let i = firstEndingAfter(tokens, clause.start); i < tokens.length && tokens[i].start < clause.end; i++) {
    const t = tokens[i];
    if (t.start < clause.start || t.end > clause.end) continue;
    while (firstFigure < figureSpans.length && figureSpans[firstFigure].end <= t.start) firstFigure++;
    let inFigure = false;
    for (let k = firstFigure; k < figureSpans.length && figureSpans[k].start < t.end; k++) if (t.end > figureSpans[k].start && t.start < figureSpans[k].end) inFigure = true;
    if (inFigure) continue;
    if (!/^(n|v|j)/.test(t.tag) || t.word.length < 2 || SUBJECT_STOPWORDS.has(t.word)) continue;
    if (/[0-9０-９]/.test(t.word)) continue;
    words.push(t.word);
  }
  return { subject: [...new Set(words)] };
}

/** Time words of a whole sentence (explicit years and time tokens), shared by all its figures. */
function sentenceTimeWords(sentence: Sentence, tokens: Token[]): string[] {
  const words: string[] = [];
  for (const y of matchesOf(YEAR_IN_TEXT, sentence.text)) words.push(`${/^[0-9０-９]/.test(y[1]) ? toHalfWidthDigits(y[1]) : parseChineseNumber(y[1])}年`);
  for (const t of tokens) if (t.tag === 't' && isTimeWord(t.word)) words.push(t.word);
  return [...new Set(words)];
}

/** Index of the first span (in a list sorted by start) that starts at or after `offset`. */
function firstStartingAtOrAfter(spans: readonly Span[], offset: number): number {
  return partitionPoint(spans.length, (i) => spans[i].start < offset);
}

/** Index of the first span (in a list sorted by start whose ends also rise, like tokens) that ends after `offset`. */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  return partitionPoint(spans.length, (i) => spans[i].end <= offset);
}

const RELATIVE_TIME = /^(今年|去年|明年|前年|当年|同期|目前|当前|此前|如今|现在|近年|近年来|上半年|下半年|全年|年初|年底|年末|本月|上月|今天|昨天)$/;

const TIME_WORD = new RegExp(`^\\d{4}年$|${RELATIVE_TIME.source}|^[一二三四]季度$|^前[一二三]季度$`);

/** An explicit year (2024年) or a relative time (今年, 上半年). */
function isTimeWord(w: string): boolean {
  return TIME_WORD.test(w);
}

/** Time words in a subject. */
export function timeWords(subject: readonly string[]): string[] {
  return subject.filter(isTimeWord);
}


interface RawExtraction {
  figures: Figure[];
  /** Tokens of sentence `index`, tagged on first use: most sentences hold no figure and need none. */
  tokensOf(index: number): Token[];
}

/** draftMemo's keys: a draft's raw extraction, and its figures by cue set. */
const RAW = {};
const ATTRIBUTED = {};

function rawFigures(doc: ParsedDraft): RawExtraction {
  return draftMemo(doc, RAW, () => extractRaw(doc));
}

function extractRaw(doc: ParsedDraft): RawExtraction {
  const tokensBySentence: Token[][] = [];
  const tokensOf = (index: number) => (tokensBySentence[index] ??= doc.tokensIn(doc.sentences[index]));
  const figures: Figure[] = [];
  let firstQuote = 0;
  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    // Quotes are sorted and do not span paragraphs: walk them alongside the sentences.
    while (firstQuote < doc.quotes.length && doc.quotes[firstQuote].end <= sentence.start) firstQuote++;
    // Most sentences hold no number: what readFigure needs is made for the others only.
    let m = nextNumber(text, 0);
    const inWords = hasWordFigure(text);
    if (!m && !inWords) return;
    const titles = text.includes('《') ? [...matchesOf(TITLE, text)].map((t) => ({ start: sentence.start + t.index!, end: sentence.start + t.index! + t[0].length })) : [];
    const quotes: Span[] = [];
    for (let q = firstQuote; q < doc.quotes.length && doc.quotes[q].start < sentence.end; q++) if (doc.quotes[q].end > sentence.start) quotes.push(doc.quotes[q]);
    const scope = { quotes, titles };
    const found: Figure[] = [];
    const tokensHere = () => tokensOf(index);
    for (; m; m = nextNumber(text, m.index + m[0].length)) {
      const f = readFigure(doc, sentence, index, m, tokensHere, scope);
      if (f) found.push(f);
    }
    if (inWords) {
      for (const w of matchesOf(WORD_FIGURE, text)) {
        const f = readWordFigure(doc, sentence, index, w, tokensHere, scope);
        if (f && !found.some((g) => g.start < f.end && f.start < g.end)) found.push(f);
      }
    }
    if (!found.length) return;
    borrowRangeUnits(doc, sentence, index, found, quotes);
    found.sort((a, b) => a.start - b.start);
    const tokens = tokensOf(index);
    const times = sentenceTimeWords(sentence, tokens);
    for (const f of found) Object.assign(f, subjectWords(f.clause, tokens, found, times));
    const quantities = readQuantities(sentence, tokens, found, timeAnchors(text));
    found.forEach((f, k) => {
      f.quantity = quantities[k];
      f.clauseKey = clauseKey(doc.text, f.clause, found, f, sentence);
    });
    figures.push(...found);
  });
  return { figures, tokensOf };
}

/** Range marks between two figures (20%～30%, 20—30个). */
export const RANGE_MARKS = ['～', '~', '—', '–', '－', '-', '至', '到'];

const RANGE_START = new RegExp(`(${D}+(?:[.．]${D}+)?)(?:[${RANGE_MARKS.slice(0, 6).join('')}]|至|到)(?=${D})`, 'g');

// 20～30个: the first number of a range takes the unit of the second.
function borrowRangeUnits(doc: ParsedDraft, sentence: Sentence, index: number, found: Figure[], quotes: Span[]) {
  for (const m of matchesOf(RANGE_START, sentence.text)) {
    const start = sentence.start + m.index!;
    const end = start + m[1].length;
    if (found.some((f) => f.start <= start && f.end > start)) continue;
    const next = found.find((f) => f.start === start + m[0].length);
    if (!next || next.numeral !== 'arabic' || /[A-Za-z第]/.test(sentence.text[m.index! - 1] ?? '')) continue;
    if (inside(quotes, start)) continue;
    const value = Number(toHalfWidthDigits(m[1]));
    const magnitude = next.value / Number(toHalfWidthDigits(/^[0-9０-９.．,]+/.exec(next.raw)![0]).replace(/,/g, ''));
    const exponent = Math.round(Math.log10(magnitude || 1));
    found.push({ ...next, start, end, raw: doc.text.slice(start, end), value: scale(String(value), exponent), qualifier: 'min', sentence: index, range: true });
    if (next.qualifier === 'exact') next.qualifier = 'max';
    next.range = true;
  }
}

/** Learned cues by the count table they come from and the count they need (a profile's table is read once). */
const trustedCues = new WeakMap<Record<string, number>, Map<number, string[]>>();

/** Learned cues the profile trusts (seen at least `minCount` times), besides the built-in ones. */
export function learnedCues(profile: Profile | undefined, minCount = DEFAULT_MIN_CUE_COUNT): readonly string[] {
  const counts = profile?.register.attributionCues;
  if (!counts) return [];
  let byCount = trustedCues.get(counts);
  if (!byCount) trustedCues.set(counts, (byCount = new Map()));
  let cues = byCount.get(minCount);
  if (!cues) {
    cues = Object.keys(counts)
      .filter((c) => counts[c] >= minCount && !BASE_ATTRIBUTION_CUES.includes(c))
      .sort();
    byCount.set(minCount, cues);
  }
  return cues;
}

/**
 * Finds the cues of one list in a span in one pass (Aho–Corasick); a context cue (据, 说, 数据…)
 * counts where its own test, run on the span alone, passes at that occurrence.
 */
class CueFinder {
  private readonly automaton: AhoCorasick;
  /** By cue: its context test, sticky (it must match where the cue word starts). */
  private readonly inContext: (RegExp | undefined)[];

  constructor(readonly cues: readonly string[]) {
    this.automaton = new AhoCorasick(cues);
    this.inContext = cues.map((c) => (Object.hasOwn(CONTEXT_CUE, c) ? new RegExp(CONTEXT_CUE[c].source, 'y') : undefined));
  }

  /** The first attribution in `span` of the text: a 《named document》, else the cue listed first among those starting first. */
  first(text: string, span: Span): Attribution | undefined {
    const piece = text.slice(span.start, span.end);
    const title = TITLE_IN_PIECE.exec(piece);
    let bestStart = title ? title.index : Infinity;
    // The title wins a tie; among cues, the one listed first.
    let bestCue = -1;
    const length = this.automaton.patternLength;
    const hits = this.automaton.matches(piece);
    for (let k = 0; k < hits.length; k += 2) {
      const cue = hits[k];
      const start = hits[k + 1] - length[cue];
      if (start > bestStart || (start === bestStart && (bestCue < 0 || cue >= bestCue))) continue;
      if (!this.usedAt(piece, cue, start)) continue;
      bestStart = start;
      bestCue = cue;
    }
    if (bestCue >= 0) {
      const cue = this.cues[bestCue];
      return { cue, start: span.start + bestStart, end: span.start + bestStart + cue.length };
    }
    return title ? { cue: title[0], start: span.start + title.index, end: span.start + title.index + title[0].length } : undefined;
  }

  /** Whether each cue is used as one somewhere in `piece`, by cue index. */
  usedIn(piece: string): boolean[] {
    const used = this.cues.map(() => false);
    const length = this.automaton.patternLength;
    const hits = this.automaton.matches(piece);
    for (let k = 0; k < hits.length; k += 2) {
      const cue = hits[k];
      if (!used[cue] && this.usedAt(piece, cue, hits[k + 1] - length[cue])) used[cue] = true;
    }
    return used;
  }

  private usedAt(piece: string, cue: number, start: number): boolean {
    const test = this.inContext[cue];
    if (!test) return true;
    test.lastIndex = start;
    return test.test(piece);
  }
}

const TITLE_IN_PIECE = /《[^《》\n]{1,60}》/;

/** A finder per list of cues added to the built-in ones (by `extraCues.join('|')`): a profile's learned cues. */
const cueFinders = new Map<string, CueFinder>();

function cueFinder(extraCues: readonly string[], key = extraCues.join('|')): CueFinder {
  let finder = cueFinders.get(key);
  if (!finder) cueFinders.set(key, (finder = new CueFinder([...BASE_ATTRIBUTION_CUES, ...extraCues])));
  return finder;
}

/** The built-in cues used as cues in `piece` (据 in 数据 is none), in their list's order. */
export function baseCuesIn(piece: string): string[] {
  const used = cueFinder([], '').usedIn(piece);
  return BASE_ATTRIBUTION_CUES.filter((_, i) => used[i]);
}

/** The sentence before is in the same paragraph or ends the paragraph right before (comments aside). */
export function adjoinsPrevious(doc: ParsedDraft, sentence: number): boolean {
  if (sentence === 0) return false;
  const from = doc.sentences[sentence - 1].paragraph;
  const to = doc.sentences[sentence].paragraph;
  for (let p = from + 1; p < to; p++) if (doc.paragraphs[p].kind !== 'comment') return false;
  return true;
}

/**
 * The statistics of a draft, each with its attribution found in its own sentence or the one before
 * (built-in cues plus `extraCues`, typically `learnedCues(profile)`). Cached per draft and cue set.
 */
export function extractFigures(doc: ParsedDraft, extraCues: readonly string[] = []): Figure[] {
  const key = extraCues.join('|');
  const byCues = draftMemo(doc, ATTRIBUTED, () => new Map<string, Figure[]>());
  const hit = byCues.get(key);
  if (hit) return hit;
  const cues = cueFinder(extraCues, key);
  // Searched only where a figure needs it: most sentences hold no figure.
  const searched = new Map<number, Attribution | undefined>();
  const sentenceCue = (i: number) => {
    if (!searched.has(i)) searched.set(i, cues.first(doc.text, doc.sentences[i]));
    return searched.get(i);
  };
  const figures = rawFigures(doc).figures.map((f) => {
    let own = sentenceCue(f.sentence);
    // A cue later in the figure's own clause is what the counted people did (九成以上的受访者表示…),
    // not who reported the figure: only one past the clause still sources it.
    if (own && own.start >= f.end && own.start < f.clause.end) own = cues.first(doc.text, { start: f.clause.end, end: doc.sentences[f.sentence].end });
    const before = adjoinsPrevious(doc, f.sentence) ? sentenceCue(f.sentence - 1) : undefined;
    const attribution = own ?? (before && !BODY_AT_WORK_CUES.includes(before.cue) ? before : undefined);
    return attribution ? { ...f, attribution } : { ...f };
  });
  byCues.set(key, figures);
  return figures;
}

/** Figures of a draft with the profile's learned cues applied (what the rules use). */
export function extractFiguresFor(doc: ParsedDraft, profile: Profile | undefined, minCueCount = DEFAULT_MIN_CUE_COUNT): Figure[] {
  return extractFigures(doc, learnedCues(profile, minCueCount));
}

/** Tokens of each body sentence, aligned with doc.sentences (shared with the learner). */
/** Tokens of sentence `index` of the draft. */
export function sentenceTokens(doc: ParsedDraft, index: number): Token[] {
  return rawFigures(doc).tokensOf(index);
}

/** The interval a figure allows, given its qualifier. */
export function figureInterval(f: { value: number; qualifier?: FigureQualifier }): [number, number] {
  switch (f.qualifier ?? 'exact') {
    case 'min':
      return [f.value, Infinity];
    case 'max':
      return [-Infinity, f.value];
    case 'approx':
      return [f.value * 0.9, f.value * 1.1];
    default:
      return [f.value, f.value];
  }
}

/** Whether two figures can both be true of one quantity. */
export function valuesCompatible(a: { value: number; qualifier?: FigureQualifier }, b: { value: number; qualifier?: FigureQualifier }): boolean {
  const [a0, a1] = figureInterval(a);
  const [b0, b1] = figureInterval(b);
  const eps = 1e-9 * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return a0 <= b1 + eps && b0 <= a1 + eps;
}

/** Subject words shared by two figures, time words excluded. */
export function sharedSubject(a: readonly string[], b: readonly string[]): { shared: string[]; sizeA: number; sizeB: number } {
  // Being a time word is the word's own property: each side drops its own.
  const wb = new Set<string>();
  for (const w of b) if (!isTimeWord(w)) wb.add(w);
  const shared: string[] = [];
  let sizeA = 0;
  for (const w of a) {
    if (isTimeWord(w)) continue;
    sizeA++;
    if (wb.has(w)) shared.push(w);
  }
  return { shared, sizeA, sizeB: wb.size };
}
