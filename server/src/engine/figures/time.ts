// When a figure holds: the time anchor of its sentence (2024年末, 截至2024年底, 今年上半年, 目前,
// 三年前), read from the text before the figure. Two phrasings of one anchor get one key
// (截至2024年底 and 2024年末 are both '2024末'); a comparison's baseline (比上年末, 较2020年) is no
// anchor. Keys are plain strings so that the profile can store them.
//
// Key grammar: <year><part>, either may be empty.
//   year: '2024' | 'Y0' (今年) | 'Y-1' (去年) | 'Y-2' (前年) | 'Y+1' (明年) | 'now' (目前, 如今)
//         | 'past:<words>' (此前, 三年前, 曾) | 'span:<words>' (五年来, “十四五”时期)
//   part: '' (the year) | '全' (全年: the whole year, said so) | '末' (year end, and what 截至/到 a
//         year means) | '初' | 'H1' | 'H2' | 'Q1'…'Q4' | 'Q1-3' (前三季度) | 'M5' (5月) | '以来'
//         (2019年以来) | '假' (a holiday or season: 国庆假期, 暑期, 春运, or a span of days as
//         short as one: 10月1日至7日)

import { matchesOf } from '../text/matches';
import { partitionPoint } from '../text/partition';
import { parseChineseNumber, toHalfWidthDigits } from './numerals';

const YEAR = '[0-9０-９]{4}年|[〇零一二三四五六七八九]{4}年';
const RELATIVE_YEAR = '今年|本年度|本年|去年|上一年|上年|前年|明年';
const MONTH = '(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|底|末)?';
const MONTH_NUMBER = '(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])';
const DAY_NUMBER = '(?:[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
/** A span of days (10月1日至7日, 1月28日到2月4日): as long as a holiday, it is one when short (DAY_SPAN_HOLIDAY). */
const DAY_SPAN = `${MONTH_NUMBER}月${DAY_NUMBER}日(?:至|到|—|－|-|～|~)(?:${MONTH_NUMBER}月)?${DAY_NUMBER}日`;
/** Holidays and seasons: a few days or weeks of a year, never the year (假期接待游客860万人次 is not the 前三季度's 2860万). */
const HOLIDAY = '(?:国庆|春节|五一|劳动节|端午|中秋|元旦|清明|“五一”|“十一”)?(?:假期|长假|小长假|黄金周)|春节期间|节假日|春运|暑期|暑假|寒假';
/** Months from one to another (1至9月, 1—6月): a quarter, a half or the year when they make one. */
const MONTH_RANGE = `${MONTH_NUMBER}月?(?:至|到|—|－|-|～|~)${MONTH_NUMBER}月份?`;
/** The first months of a year (前11个月, 前5月): the range from January. */
const FIRST_MONTHS = `前${MONTH_NUMBER}个?月`;
const PART = `(?:年?底|年?末|年?初(?![步心衷期次])|全年|上半年|下半年|前[一二三]季度|第?[一二三四]季度|以来|${DAY_SPAN}|${MONTH_RANGE}|${FIRST_MONTHS}|${MONTH}|${HOLIDAY})`;
const NOW = '截至目前|截止目前|到目前为止|目前|当前|现在|如今|眼下|现阶段|至今';
const PAST = '(?:[0-9]+|[一二三四五六七八九十几两]+)年前|此前|以前|过去|当时|起初|最初|原来|原先|曾经|曾';
const SPAN = '(?:近|过去)?(?:[0-9]+|[一二三四五六七八九十几两]+)年(?:来|间|里)|近年来|多年来|“?十[一二三四五六七]五”?(?:时期|期间|以来)';
const PART_ONLY = '全年|上半年|下半年|前[一二三]季度|第?[一二三四]季度|年底|年末|年初';

const TIME = new RegExp(
  `(截至|截止到|截止|到|至)?(?:(${YEAR})|(${RELATIVE_YEAR}))(${PART})?|(${NOW})|(${PAST})|(${SPAN})|(${PART_ONLY})|(?<![0-9０-９年])(${DAY_SPAN}|${MONTH_RANGE}|${FIRST_MONTHS}|${MONTH})|(${HOLIDAY})`,
  'g',
);

/** Days a span may last and still be read as a holiday's (a long weekend to the Spring Festival's week and more). */
const DAY_SPAN_HOLIDAY = 16;
const DAY_SPAN_PARTS = /^(.+?)月(.+?)日[^月日]+?(?:(.+?)月)?(.+?)日$/;

function monthOrDay(n: string): number {
  return /^[0-9０-９]/.test(n) ? Number(toHalfWidthDigits(n)) : (parseChineseNumber(n) ?? 0);
}

const MONTH_RANGE_PARTS = /^(.+?)月?(?:至|到|—|－|-|～|~)(.+?)月份?$/;
/** Month ranges that make a named part of the year (1至12月 is 全年: '全'). */
const NAMED_MONTH_RANGES: Record<string, string> = { '1-3': 'Q1', '4-6': 'Q2', '7-9': 'Q3', '10-12': 'Q4', '1-6': 'H1', '7-12': 'H2', '1-9': 'Q1-3', '1-12': '全' };

/** A range of months as a time part (1至9月 is 前三季度's 'Q1-3'), or undefined when `part` is none. */
function monthRangeKey(part: string): string | undefined {
  if (part.includes('日')) return undefined;
  const first = /^前(.+?)个?月$/.exec(part);
  if (first) {
    const to = monthOrDay(first[1]);
    if (!(to >= 1 && to <= 12)) return undefined;
    return to === 1 ? 'M1' : (NAMED_MONTH_RANGES[`1-${to}`] ?? `M1-${to}`);
  }
  const m = MONTH_RANGE_PARTS.exec(part);
  if (!m) return undefined;
  const from = monthOrDay(m[1]);
  const to = monthOrDay(m[2]);
  if (!(from >= 1 && to <= 12 && from < to)) return undefined;
  return NAMED_MONTH_RANGES[`${from}-${to}`] ?? `M${from}-${to}`;
}

/** A span of days as a time part: '假' when short enough to be a holiday, else the month it starts in. */
function daySpanKey(span: string): string | undefined {
  const m = DAY_SPAN_PARTS.exec(span);
  if (!m || !span.includes('日')) return undefined;
  const fromMonth = monthOrDay(m[1]);
  const toMonth = m[3] ? monthOrDay(m[3]) : fromMonth;
  const days = (toMonth - fromMonth) * 30 + monthOrDay(m[4]) - monthOrDay(m[2]);
  return days >= 0 && days <= DAY_SPAN_HOLIDAY ? HOLIDAY_PART : `M${fromMonth}`;
}

/**
 * An anchor that dates a release, not the period measured (2024年底公布的数据, 去年发布的报告): the
 * figure is the latest as of then, of some part of that year, so only its year is kept.
 */
const RELEASED_AFTER = /^(?:[^，,；;。]{0,6}?)(?:公布|发布|披露|通报|印发)/;

/** A baseline, not an anchor: 比上年末, 较2020年, 与去年同期相比, 同比. */
const BASELINE_BEFORE = /(比|较|与|同|和|相比|较之|相较于?|低于|高于|超过|超出)$/;

const HOLIDAY_PART = '假';
const HOLIDAY_WHOLE = new RegExp(`^(?:${HOLIDAY})$`);
/** 全年: the whole year, said so (never a part of it the way an unanchored figure may be). */
const YEAR_WHOLE = '全';

const CN_MONTH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

function partKey(part: string | undefined, byYearEnd: boolean): string {
  if (!part) return byYearEnd ? '末' : '';
  const span = daySpanKey(part);
  if (span) return span;
  const months = monthRangeKey(part);
  if (months) return months;
  if (HOLIDAY_WHOLE.test(part)) return HOLIDAY_PART;
  if (part === '全年') return YEAR_WHOLE;
  if (/^年?(底|末)$/.test(part)) return '末';
  if (/^年?初$/.test(part)) return '初';
  if (part === '上半年') return 'H1';
  if (part === '下半年') return 'H2';
  const quarters = /^前([一二三])季度$/.exec(part);
  if (quarters) return `Q1-${CN_MONTH[quarters[1]]}`;
  const quarter = /^第?([一二三四])季度$/.exec(part);
  if (quarter) return `Q${CN_MONTH[quarter[1]]}`;
  const month = /^([0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})月(份|底|末)?$/.exec(part);
  if (month) {
    const m = /^[0-9０-９]/.test(month[1]) ? Number(toHalfWidthDigits(month[1])) : CN_MONTH[month[1]];
    const monthEnd = month[2] === '底' || month[2] === '末';
    // 12月底 is the year's end (截至2024年12月底 / 2024年末).
    if (m === 12 && monthEnd) return '末';
    return `M${m}${monthEnd ? '末' : ''}`;
  }
  return part;
}

function relativeYearKey(word: string): string {
  if (word === '今年' || word === '本年' || word === '本年度') return 'Y0';
  if (word === '去年' || word === '上年' || word === '上一年') return 'Y-1';
  if (word === '前年') return 'Y-2';
  return 'Y+1';
}

export interface TimeAnchor {
  key: string;
  /** Offset (in the sentence) where the anchor was written. */
  at: number;
}

/**
 * The anchors written in `text` (a sentence), in order, baselines left out. A figure's anchor is
 * the last one before it (timeKeyBefore).
 */
export function timeAnchors(text: string): TimeAnchor[] {
  if (!/[年月今前在下时初来先曾去季假暑运]/.test(text)) return [];
  const out: TimeAnchor[] = [];
  for (const m of matchesOf(TIME, text)) {
    const at = m.index!;
    if (BASELINE_BEFORE.test(text.slice(Math.max(0, at - 4), at))) continue;
    const [, by, year, relative, part, now, past, span, partOnly, month, holiday] = m;
    let key: string;
    const released = (year || relative) && RELEASED_AFTER.test(text.slice(at + m[0].length, at + m[0].length + 10));
    if (year) {
      const digits = /^[0-9０-９]/.test(year) ? toHalfWidthDigits(year.slice(0, 4)) : String(parseChineseNumber(year.slice(0, 4)));
      key = digits + (released ? '' : partKey(part, Boolean(by)));
    } else if (relative) {
      const year = relativeYearKey(relative);
      // 今年以来 is this year so far: 今年.
      key = year + (released || (year === 'Y0' && part === '以来') ? '' : partKey(part, Boolean(by)));
    }
    else if (now) key = 'now';
    // Two past anchors are one time only when written alike (三年前 and 此前 may differ).
    else if (past) key = `past:${past}`;
    else if (span) key = `span:${span.replace(/[“”]/g, '')}`;
    else if (partOnly) key = partKey(partOnly, false);
    else if (holiday) key = HOLIDAY_PART;
    else key = partKey(month, false);
    out.push({ key, at });
  }
  return out;
}

/** The anchor key in force at `offset` of the sentence: the last anchor written before it ('' for none). */
export function timeKeyBefore(anchors: readonly TimeAnchor[], offset: number): string {
  const k = partitionPoint(anchors.length, (j) => anchors[j].at < offset);
  return k ? anchors[k - 1].key : '';
}

interface ParsedKey {
  year: string;
  part: string;
}

function parseKey(key: string): ParsedKey {
  if (key.startsWith('span:') || key.startsWith('past:') || key === 'now') return { year: key, part: '' };
  const m = /^([0-9]{4}|Y[-+]?[0-9]+)?(.*)$/.exec(key)!;
  return { year: m[1] ?? '', part: m[2] };
}

/**
 * Parts agree when equal, when one is the whole year and the other its end (a stock at year end), or
 * when one is a month and the other that month's end (截至6月 / 截至6月底 give one stock), or when
 * one is a span from the year's start and the other its last month's end (前三季度 / 截至9月底).
 */
function partsAgree(a: string, b: string): boolean {
  const whole = (p: string) => p === '' || p === YEAR_WHOLE;
  const monthEnd = (m: string, end: string) => MONTH_KEY.test(m) && end === `${m}末`;
  return a === b || (whole(a) && (whole(b) || b === '末')) || (whole(b) && a === '末') || monthEnd(a, b) || monthEnd(b, a) || spanToMonthEnd(a, b) || spanToMonthEnd(b, a);
}

/** The last month of a span from the year's start (前三季度, 1—9月, 上半年). */
const SPAN_LAST_MONTH: Record<string, number> = { Q1: 3, H1: 6, 'Q1-3': 9 };

/** A span from the year's start and its last month's end give one total: what 前三季度 added up to by 9月底. */
function spanToMonthEnd(span: string, end: string): boolean {
  const last = SPAN_LAST_MONTH[span] ?? Number(/^M1-([0-9]{1,2})$/.exec(span)?.[1] ?? NaN);
  return last === 12 ? end === '末' : end === `M${last}末`;
}

const MONTH_KEY = /^M[0-9]{1,2}$/;

/** A span up to now (近年来, 五年来, 多年来): what was done in it adds up to the present stock. */
const CUMULATIVE_SPAN = /^span:.*来$/;

/** What a draft's years say about its present. */
export interface DraftTime {
  /** Its latest explicit year: 2024年末 … 目前全区 … speak of one time. */
  latestYear?: string;
  /**
   * The one relative year it writes when it names no present (今年, 目前) and no explicit year:
   * a piece about last year's figures (去年全市献血7.8万人次 … 8.7万人次献血者) speaks of 去年 throughout.
   */
  onlyRelativeYear?: string;
}

/** Words that name the present wherever they stand in a draft (今年以来 in a sentence without figures too). */
export const PRESENT_WORDS = /今年|本年|目前|当前|现在|如今|眼下|至今/;

/** The present of a draft from the time keys of its (non-plan) figures and whether its text names the present. */
export function draftTime(keys: Iterable<string>, namesPresent = false): DraftTime {
  let latest: string | undefined;
  let present = namesPresent;
  const relative = new Set<string>();
  for (const k of keys) {
    const { year } = parseKey(k);
    if (/^[0-9]{4}$/.test(year)) {
      if (!latest || year > latest) latest = year;
    } else if (year === 'now' || year === 'Y0') present = true;
    else if (/^Y[-+]/.test(year)) relative.add(year);
  }
  const onlyRelativeYear = !latest && !present && relative.size === 1 ? [...relative][0] : undefined;
  return { latestYear: latest, ...(onlyRelativeYear ? { onlyRelativeYear } : {}) };
}

/**
 * Whether two figures of one draft can hold at the same time. No anchor means the draft's present,
 * which is 今年, 目前 and the draft's latest explicit year (2024年末 … 目前全区 …), never a past
 * anchor (去年, 三年前, an earlier year).
 */
export function sameTimeInDraft(a: string, b: string, draft: DraftTime): boolean {
  if (a === b) return true;
  const pa = parseKey(a);
  const pb = parseKey(b);
  const present = (y: string) => y === '' || y === 'now' || y === 'Y0' || y === draft.latestYear || y === draft.onlyRelativeYear || CUMULATIVE_SPAN.test(y);
  // A sentence that names no time at all speaks of the period the draft is about, whichever part of
  // the present year that is (前三季度…1286.4亿元 … 工业增加值1268.4亿元看上去不少).
  if (a === '' || b === '') return present(a === '' ? pb.year : pa.year);
  if (!partsAgree(pa.part, pb.part)) return false;
  if (pa.year === pb.year) return true;
  // '' is the present only when the other side names it: 2024 and 2023 are not both the present.
  return present(pa.year) && present(pb.year) && (pa.year === '' || pa.year === 'now' || pb.year === '' || pb.year === 'now');
}

/** The year a key names, resolved against the year an article was published (undefined: unknown). */
export function resolvedYear(key: string, publishedYear?: number): number | undefined {
  const { year } = parseKey(key);
  if (/^[0-9]{4}$/.test(year)) return Number(year);
  if (publishedYear === undefined) return undefined;
  if (year === 'Y0' || year === 'now') return publishedYear;
  const rel = /^Y([-+][0-9]+)$/.exec(year);
  return rel ? publishedYear + Number(rel[1]) : undefined;
}

/** Two keys that name a year agree on the part of it. */
function partsOfKeysAgree(a: string, b: string): boolean {
  return partsAgree(parseKey(a).part, parseKey(b).part);
}

/**
 * A draft's time agrees with a published figure's on the part of the year. A published 目前 (now),
 * or a figure its article gives no time, is the stock on the day it was printed: the stock at the
 * start of that year when printed in its first quarter, at its end when printed in December, and as
 * of that month or the one before (statistics run a month behind).
 */
export function partAgreesWithPublished(draftKey: string, publishedKey: string, file: string): boolean {
  if (partsOfKeysAgree(draftKey, publishedKey)) return true;
  const date = publishedKey === 'now' || publishedKey === '' ? dateOfPath(file) : undefined;
  if (!date) return false;
  const month = Number(date.slice(5, 7));
  const part = parseKey(draftKey).part;
  if (part === '初') return month <= 3;
  if (part === '末') return month === 12;
  const m = /^M([0-9]{1,2})末?$/.exec(part);
  return m !== null && (Number(m[1]) === month || Number(m[1]) === month - 1);
}

const PATH_DATE = /(?<![0-9])(19[5-9][0-9]|20[0-9]{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01])(?![0-9])/;

/** The publication date (YYYY-MM-DD or YYYYMMDD) in an archive file's path, as YYYY-MM-DD. */
export function dateOfPath(file: string): string | undefined {
  const m = PATH_DATE.exec(file);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The year of the date in an archive file's path: the year its 今年 means. */
export function yearOfPath(file: string): number | undefined {
  const m = PATH_DATE.exec(file);
  return m ? Number(m[1]) : undefined;
}
