// How a text writes numbers (GB/T 15835): full-width digits, thousands separators, two-digit years,
// range marks, Arabic vs Chinese numerals for counts. The learner counts these into the profile's
// NumberStyle; figure-format flags the same spans in a draft.

import type { ParsedDraft } from '../parse/draft';
import type { NumberStyle } from '../profile/types';
import type { Span } from '../types';
import { RANGE_MARKS, type Figure } from './extract';
import { matchesOf } from '../text/matches';
import { CN_DIGIT, toHalfWidthDigits } from './numerals';

export interface StyleSpan extends Span {
  raw: string;
}

export interface RangeUse extends Span {
  /** The mark between the two figures ('～', '-', '至'…). */
  mark: string;
  from: Figure;
  to: Figure;
}

/**
 * Every match of `pattern` in the headline and the sentences. `needed`: what any match contains; a
 * draft without it anywhere (most drafts, for each of these patterns) is not scanned piece by piece,
 * nor is a piece without it (a cheaper test than the pattern's look-arounds).
 */
function scan(doc: ParsedDraft, pattern: RegExp, needed: RegExp): (StyleSpan & { match: RegExpExecArray })[] {
  const out: (StyleSpan & { match: RegExpExecArray })[] = [];
  if (!needed.test(doc.text)) return out;
  // The headline is printed too: its digits follow the same norms.
  for (const s of doc.headline ? [doc.headline, ...doc.sentences] : doc.sentences) {
    const piece = doc.text.slice(s.start, s.end);
    if (!needed.test(piece)) continue;
    for (const m of matchesOf(pattern, piece)) out.push({ start: s.start + m.index!, end: s.start + m.index! + m[0].length, raw: m[0], match: m });
  }
  return out;
}

/** Runs of full-width digits (３０, ２０２４, ３．５). */
export function fullWidthDigitRuns(doc: ParsedDraft): StyleSpan[] {
  return scan(doc, /[０-９](?:[０-９]|[．.](?=[０-９]))*/g, /[０-９]/);
}

/** Numbers grouped with thousands separators (1,000 or 12,345,678). */
export function thousandsSeparated(doc: ParsedDraft): StyleSpan[] {
  return scan(doc, /(?<![0-9０-９.,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]|,[0-9])/g, /[0-9],[0-9]/);
}

const YEAR_PART_AFTER =
  '[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月|[底末]|初(?![步具心衷期次见])|起(?![码步跑飞草点来身伏])|上半年|下半年|前[一二三]季度|第?[一二三四]季度|全年|前后(?![的相判对比变两])';
/** A season or holiday of a year up to 39 (24年春节); 70年国庆 is an anniversary's. */
const SEASON_AFTER = /^(?:春节|国庆|汛期|暑期|暑假|寒假|[春夏秋冬](?:天|季)|GDP|CPI)/;
/** 的 and a part or a record of a year (24年的数据, 19年的夏天); 70年的历史 and 28年的奋战 are durations. */
const YEAR_OF_AFTER = '的(?:数据|统计|夏天|夏季|春天|春季|秋天|秋季|冬天|冬季|春节|国庆|汛期|高考|中考|年初|年底|年末|上半年|下半年|第?[一二三四]季度|[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月|政府工作报告|统计公报)';
/** After NN年, what makes it a year: a month or part of the year, 起, or a verb and 以来 (19年试点以来; 40年以来 and 40年来 are durations). */
const YEAR_CONTEXT_AFTER = new RegExp(`^(?:${YEAR_PART_AFTER}|${YEAR_OF_AFTER}|[\\u4e00-\\u9fff]{2}以来)`);
/**
 * Before NN年: a point in time is meant (截至24年, 自22年, 早在19年, 回到20年, 到了23年), unless a
 * duration follows (从30年前, 早在10年前). 于 of 低于, 高于, 等于 compares a duration (不低于20年).
 */
const YEAR_CONTEXT_BEFORE = /(?:截至|截止|(?<![各来亲独])自|(?<![低高大小等少多过属对至终由基鉴关善])于|(?<![打听自服顺])从|早在|回到|到了|直到|直至|时至|进入|迈入)\s?$/;
/** What makes NN年 a duration even after 从 or 早在: 从30年前, 早在10年间, 于20年内, 进入90年代, 从10年缩短到5年. */
const DURATION_AFTER = /^(?:代|来|间|里|内|中|多|后|前(?!后)|左右|之(?:久|后|前|间|内)|以(?!来)|的(?:时间|历程|努力|奋斗|发展|坚守|光阴|岁月)|(?:缩短|延长|压缩|缩减|减少|增加|提高|降低|调整|减)[到至为])/;
/**
 * 是 or 在 before NN年 and an event after it (是21年建成的, 在22年启动): the year of the event. 在30年发展中
 * is a duration, and so is a plan's 在 (力争在10年建成: within ten years).
 */
const EVENT_YEAR_BEFORE = /(?<!力争|计划|争取|预计|打算|要|将|用|能|可)(?:是|在)$/;
/** A comparison with a year (与23年相比, 较22年同期, 比23年增长): 与20年前相比 is a duration (DURATION_AFTER). */
const COMPARED_BEFORE = /(?:与|较|和|同|比)$/;
const COMPARED_AFTER = /^(?:相比|同期|比较|相较|持平|增长|增加|下降|减少|提高|上升|降低|多出|少了)/;
/** The second year of a pair or span whose first is written in full (2023年和24年, 2021—23年). */
const AFTER_FULL_YEAR_BEFORE = /[12][0-9]{3}年?(?:和|、|与|及|至|到|—|–|-|～|~)$/;
/** A year in brackets (去年（23年）): what else would be bracketed there. */
const BRACKETED = { before: /[（(]$/, after: /^[）)]/ };
/** Where a clause starts with 到 or 至 (到25年，全市将…; 延长到30年 is a duration). */
const CLAUSE_OPENER_BEFORE = /(?:^|[，,。；;！？\n])(?:到|至|等到|而到)$/;
/**
 * A whole place as subject and what it did that year (全县22年完成造林): a recent year only (19 to 39),
 * for 全省10年累计投入 and 全县12年义务教育 are durations.
 */
const PLACE_BEFORE = /(?:全[市省区县国镇乡]|我[国省市区县]|该[省市区县]|本[省市区县])$/;
const PLACE_YEAR_AFTER = /^(?:完成|实现|新增|接待|GDP|地区生产总值)/;
const EVENT_AFTER =
  /^(?:正式|首次|率先|全面|就|才)?(?:建成|建立|启动|开通|投用|投入使用|开工|竣工|成立|实施|施行|出台|印发|发布|开始|举办|召开|获批|上线|推出|落地|挂牌|揭牌|试点|开业|通车|落成|设立|颁布|新建|新增)/;
/** NN年 heading a clause and followed by a comma or the place it speaks of (24年，全市…): a year up to 39 (70年，弹指一挥间 is a duration). */
const CLAUSE_HEAD_BEFORE = /(?:^|[，,。；;！？\n])$/;
const CLAUSE_HEAD_AFTER = /^(?:[，,]|全[市省区县国]|我[国市省区县])/;
/** A clause head before 以来 (19年以来，…): since that year; 40年以来 mid-clause is a duration. */
const CLAUSE_HEAD_SINCE = /^以来/;
const APOSTROPHES = '’\'‘';
/** Two digits before 年, not part of a longer number; the context decides whether it is a year. */
const TWO_DIGITS_NIAN = /(?<![0-9０-９.．])[0-9]{2}年/g;
const FULL_YEAR = /(?<![0-9０-９.．])[12][0-9]{3}年/g;

/** Years written in full (2024年): with twoDigitYears, the house's norm for years. */
export function fullYears(doc: ParsedDraft): number {
  return scan(doc, FULL_YEAR, /[12][0-9]{3}年/).length;
}

export interface TwoDigitYear extends StyleSpan {
  /** The two digits. */
  digits: string;
  /** Apostrophe before the digits (’21年), part of the span. */
  apostrophe: boolean;
}

/**
 * Years written with two digits, in the contexts where 年 after two digits is a year, never a
 * duration: with an apostrophe (’21年), before a month (21年3月), a part of the year (21年底, 21年初,
 * 21年上半年, 21年一季度, 21年全年, 22年前后, 24年的数据) or 起 (23年起; 10年初步建成 and 20年起步 are
 * not years); after a word that points at a time (截至24年, 早在19年, 回到20年, 到25年 opening a
 * clause, 全县22年); in a comparison (与23年相比) or brackets; after 是/在 and before an event
 * (是21年建成的); heading a clause (21年，全市…; 19年以来). 工作了19年, 19年来 and
 * 在30年发展中 are durations.
 */
export function twoDigitYears(doc: ParsedDraft): TwoDigitYear[] {
  const out: TwoDigitYear[] = [];
  for (const s of scan(doc, TWO_DIGITS_NIAN, /[0-9]{2}年/)) {
    const before = doc.text.slice(Math.max(0, s.start - 4), s.start);
    const after = doc.text.slice(s.end, s.end + 12);
    const apostrophe = APOSTROPHES.includes(before.slice(-1)) && before !== '';
    const digits = s.raw.slice(0, 2);
    const clauseHead = s.start === 0 || CLAUSE_HEAD_BEFORE.test(doc.text.slice(s.start - 1, s.start)) || isPieceStart(doc, s.start);
    const year =
      apostrophe ||
      (!before.endsWith('第') && YEAR_CONTEXT_AFTER.test(after)) ||
      (digits < '40' && SEASON_AFTER.test(after)) ||
      (YEAR_CONTEXT_BEFORE.test(before) && !DURATION_AFTER.test(after)) ||
      (EVENT_YEAR_BEFORE.test(before) && EVENT_AFTER.test(after)) ||
      (COMPARED_BEFORE.test(before) && COMPARED_AFTER.test(after)) ||
      (BRACKETED.before.test(before) && BRACKETED.after.test(after)) ||
      AFTER_FULL_YEAR_BEFORE.test(doc.text.slice(Math.max(0, s.start - 7), s.start)) ||
      (digits < '40' && CLAUSE_OPENER_BEFORE.test(doc.text.slice(Math.max(0, s.start - 5), s.start)) && !DURATION_AFTER.test(after)) ||
      (digits >= '19' && digits < '40' && PLACE_BEFORE.test(before) && (PLACE_YEAR_AFTER.test(after) || EVENT_AFTER.test(after))) ||
      (digits < '40' && clauseHead && (CLAUSE_HEAD_AFTER.test(after) || CLAUSE_HEAD_SINCE.test(after)));
    if (!year) continue;
    out.push({ start: apostrophe ? s.start - 1 : s.start, end: s.end, raw: (apostrophe ? before.slice(-1) : '') + s.raw, digits, apostrophe });
  }
  return out;
}

/** Whether `at` starts the headline or a sentence (where a clause head needs no punctuation before it). */
function isPieceStart(doc: ParsedDraft, at: number): boolean {
  return doc.headline?.start === at || doc.sentences.some((s) => s.start === at);
}

/** Value ranges between two figures of one sentence (20%～30%, 20-30个); year spans are not figures. */
export function rangeUses(doc: ParsedDraft, figures: readonly Figure[]): RangeUse[] {
  const out: RangeUse[] = [];
  for (let i = 0; i + 1 < figures.length; i++) {
    const from = figures[i];
    const to = figures[i + 1];
    if (from.sentence !== to.sentence || from.unit !== to.unit) continue;
    const mark = doc.text.slice(from.end, to.start);
    if (!RANGE_MARKS.includes(mark)) continue;
    out.push({ start: from.end, end: to.start, mark, from, to });
  }
  return out;
}

/**
 * Counts whose numeral style tells the house norm: 300个 vs 三百个. Not percentages, durations,
 * round Chinese figures (两万, 十多个), nor the name of a formula (十六字方针).
 */
export function countFigures(figures: readonly Figure[]): Figure[] {
  return figures.filter((f) => f.kind === 'number' && f.unit !== '%' && f.unit !== '‰' && !f.roundMagnitude && !(f.numeral === 'chinese' && f.unit === '字'));
}

export function emptyNumberStyle(): NumberStyle {
  return { arabicCounts: 0, chineseCounts: 0, fullWidthDigits: 0, thousandsSeparators: 0, twoDigitYears: 0, fullYears: 0, rangeMarks: {} };
}

/** One text's number-style counts. */
export function scanNumberStyle(doc: ParsedDraft, figures: readonly Figure[]): NumberStyle {
  const style = emptyNumberStyle();
  for (const f of countFigures(figures)) {
    if (f.numeral === 'arabic') style.arabicCounts++;
    else style.chineseCounts++;
  }
  style.fullWidthDigits = fullWidthDigitRuns(doc).length;
  style.thousandsSeparators = thousandsSeparated(doc).length;
  style.twoDigitYears = twoDigitYears(doc).length;
  style.fullYears = fullYears(doc);
  for (const r of rangeUses(doc, figures)) style.rangeMarks[r.mark] = (style.rangeMarks[r.mark] ?? 0) + 1;
  return style;
}

export interface MixedMagnitude extends StyleSpan {
  /** The value written (5万3千 → 53000). */
  value: number;
}

// 1千余人, 3百多, 5万3千: Arabic digits take only 万 and 亿 after them (GB/T 15835); 千米, 千克,
// 千瓦, 百分点 are units.
const MIXED_MAGNITUDE = /(?<![0-9０-９.．])([0-9]+(?:\.[0-9]+)?)(?:([万亿])([0-9]+))?([千百])(?![米克瓦卡帕焦赫伏分])/g;

/** Arabic digits with 千 or 百 (1千, 3百, 5万3千). */
export function mixedMagnitudes(doc: ParsedDraft): MixedMagnitude[] {
  return scan(doc, MIXED_MAGNITUDE, /[0-9][千百]/).map((s) => {
    const [, lead, big, rest, small] = s.match;
    const smallScale = small === '千' ? 1e3 : 1e2;
    const value = big ? Number(lead) * (big === '万' ? 1e4 : 1e8) + Number(rest) * smallScale : Number(lead) * smallScale;
    return { start: s.start, end: s.end, raw: s.raw, value };
  });
}

export interface ApproximateDigits extends StyleSpan {
  /** The two digits in Chinese, as GB/T 15835 writes an approximation (三四). */
  chinese: string;
}

const CN_DIGITS = '〇一二三四五六七八九';
// 3、4年, 5、6个: two neighbouring digits make an approximation; 1、2号线, 3、4月 and 第3、4名 list
// items, not an amount.
// 三、四个 is the same approximation with a 顿号 it does not take.
const APPROXIMATE_DIGITS = /(?<![0-9０-９.．第一二三四五六七八九十])([1-8一二三四五六七八])、([2-9二三四五六七八九])(?![0-9０-９])(?=个|年|天|周|名|人|家|次|所|项|条|倍|岁|万|亿|千|百|十)(?!个月份)/g;

const digitValue = (c: string) => (/[0-9]/.test(c) ? Number(c) : CN_DIGITS.indexOf(c));

/** Two neighbouring digits written as an approximation with 、 (3、4年, 三、四个). */
export function approximateDigits(doc: ParsedDraft): ApproximateDigits[] {
  return scan(doc, APPROXIMATE_DIGITS, /[1-8一二三四五六七八]、[2-9二三四五六七八九]/)
    .filter((s) => digitValue(s.match[2]) === digitValue(s.match[1]) + 1)
    .map((s) => ({ start: s.start, end: s.end, raw: s.raw, chinese: CN_DIGITS[digitValue(s.match[1])] + CN_DIGITS[digitValue(s.match[2])] }));
}

export interface SmallChineseCount extends StyleSpan {
  value: number;
  unit: string;
}

// 八家, 五个, 十个: a count of three to ten in Chinese numerals. 一, 两 are words more than counts (一个,
// 两项); 三大, 第五个, 这三家, 前三名, quoted formulas (“四个全面”, 三个“坚持”) and fixed terms (八项规定,
// 三次分配, 三条红线) are no counts.
const SMALL_CHINESE_COUNT = /(?<![第前后这那每其哪几数逐各零〇一二两三四五六七八九十百千万亿])([三四五六七八九十])(家|个|所|座|项|条|名|位|户|辆|台|场|次|张|支|批|人)(?![大方面字点步代意自全坚必务统文规原基举一“「‘"]|月|多月|小时|工作日|星期|红线|底线|分配|产业|清单|指头)/g;

/** A list just before a count sums it up (汽车、仪器和材料三个赛道): the count is the list's, not a statistic. */
const LISTED_BEFORE = /、[^，,；;。！？：:]*$/;
/** The reporter's own legwork (记者走访了三个社区，其中两家…): narrative, not a statistic. */
const REPORTING_BEFORE = /走访|采访|探访|调研|参观|来到|蹲点|实地|记者/;

/** Counts of three to ten written in Chinese numerals, outside quotes and not summing up a list. */
export function smallChineseCounts(doc: ParsedDraft): SmallChineseCount[] {
  return scan(doc, SMALL_CHINESE_COUNT, /[三四五六七八九十](家|个|所|座|项|条|名|位|户|辆|台|场|次|张|支|批|人)/)
    .filter((s) => {
      const before = doc.text.slice(Math.max(0, s.start - 30), s.start);
      const sentence = doc.sentences.find((x) => x.start <= s.start && s.start < x.end);
      const sentenceBefore = sentence ? doc.text.slice(sentence.start, s.start) : before;
      return !doc.quotes.some((q) => q.start < s.start && s.start < q.end) && !LISTED_BEFORE.test(before) && !REPORTING_BEFORE.test(sentenceBefore);
    })
    .map((s) => ({ start: s.start, end: s.end, raw: s.raw, value: s.match[1] === '十' ? 10 : CN_DIGITS.indexOf(s.match[1]), unit: s.match[2] }));
}

export interface ArabicPercentWords extends StyleSpan {
  /** The same percentage with %: 百分之30 → 30%, 百分之3至5 → 3%至5%. */
  fixed: string;
  /** The lower value as written in digits (30, 5.2), half-width. */
  digits: string;
}

const PERCENT_DIGITS = '[0-9０-９]+(?:[.．][0-9０-９]+)?';
// 百分之30, 百分之5.2, 百分之3至5: 百分之 takes a Chinese numeral; with digits the house writes 30%.
// A % written after it as well (百分之30%) goes with it.
const ARABIC_PERCENT_WORDS = new RegExp(`百分之\\s?(${PERCENT_DIGITS})(?:(至|到|～|~|—|-)(?:百分之)?(${PERCENT_DIGITS}))?[%％]?`, 'g');

/** 百分之 followed by Arabic digits (百分之30), with the % form that replaces it. */
export function arabicPercentWords(doc: ParsedDraft): ArabicPercentWords[] {
  return scan(doc, ARABIC_PERCENT_WORDS, /百分之\s?[0-9０-９]/).map((s) => {
    const [, from, mark, to] = s.match;
    const a = toHalfWidthDigits(from);
    const fixed = mark ? `${a}%${mark}${toHalfWidthDigits(to)}%` : `${a}%`;
    return { start: s.start, end: s.end, raw: s.raw, fixed, digits: a };
  });
}

export interface MixedDigitNumeral extends StyleSpan {
  /** All in Arabic digits (二0二四 → 2024). */
  arabic: string;
  /** Followed by 年: a year. */
  year: boolean;
}

const ARABIC_DIGIT = /[0-9０-９]/;
const DIGIT_RUN = /(?<![〇零一二三四五六七八九0-9０-９])[〇零一二三四五六七八九0-9０-９]{2,}(?![〇零一二三四五六七八九0-9０-９])/g;

/**
 * Chinese and Arabic digits mixed in one number: 二0二四年, 二〇2四年, 2〇24年, 1〇0个 (an IME slip
 * between 〇 and 0). Either digits of the two kinds alternate (二0二四, 1〇0), or a year of four
 * digits mixes them (二〇24年). 统一2个 and 之一30 are a word's last character before a number.
 */
export function mixedDigitNumerals(doc: ParsedDraft): MixedDigitNumeral[] {
  const out: MixedDigitNumeral[] = [];
  for (const s of scan(doc, DIGIT_RUN, /[〇零一二三四五六七八九][0-9０-９]|[0-9０-９][〇零一二三四五六七八九]/)) {
    const year = doc.text[s.end] === '年';
    let start = s.start;
    // A year is its last four digits (统一2〇24年, 自二0二四年); elsewhere a Chinese digit ending the
    // word before (统一, 之一, 唯一) is not part of the number.
    if (year && s.raw.length > 4) start = s.end - 4;
    else if (!(year && s.raw.length === 4) && /[\u4e00-\u9fff]/.test(doc.text[s.start - 1] ?? '') && !ARABIC_DIGIT.test(s.raw[0]) && ARABIC_DIGIT.test(s.raw[1])) start = s.start + 1;
    const raw = doc.text.slice(start, s.end);
    const kinds = [...raw].map((c) => (ARABIC_DIGIT.test(c) ? 'a' : 'c'));
    if (!kinds.includes('a') || !kinds.includes('c')) continue;
    const changes = kinds.filter((k, i) => i > 0 && k !== kinds[i - 1]).length;
    if (changes < 2 && !(year && raw.length === 4)) continue;
    const arabic = [...raw].map((c) => (ARABIC_DIGIT.test(c) ? toHalfWidthDigits(c) : String(CN_DIGIT[c]))).join('');
    out.push({ start, end: s.end, raw, arabic, year });
  }
  return out;
}
