import { defineRule } from './rule';
import type { RuleFinding } from '../types';
import type { NumberStyle } from '../profile/types';
import { extractFigures, parseChineseNumber, toHalfWidthDigits, type Figure, type NumeralStyle } from '../figures/extract';
import {
  approximateDigits,
  arabicPercentWords,
  countFigures,
  fullWidthDigitRuns,
  mixedDigitNumerals,
  mixedMagnitudes,
  rangeUses,
  smallChineseCounts,
  thousandsSeparated,
  twoDigitYears,
} from '../figures/style';
import { toChineseNumber } from '../figures/numerals';
import { formatValue, unitClass } from '../figures/match';
import type { ParsedDraft } from '../parse/draft';

/** Range marks drawn as symbols; 至/到 are words and may stand beside them. */
const SYMBOL_RANGE_MARKS = ['～', '~', '—', '–', '－', '-'];
/** GB/T 15834 marks numeric ranges with a wavy dash. */
const STANDARD_RANGE_MARK = '～';
/** The house norm for numerals counts once the corpus shows this many counts, this lopsided. */
const MIN_NORM_COUNTS = 20;
const NORM_SHARE = 0.8;
const MIN_HOUSE_TWO_DIGIT_YEARS = 3;
const HOUSE_TWO_DIGIT_YEAR_SHARE = 0.2;

// The numeral of a count that converts alone (三百万个 → 300万个); 一亿两千万 does not.
const CHINESE_COUNT = /^([零〇一二两三四五六七八九十百千]+)(?![零〇一二两三四五六七八九十百千点]|[万亿][零〇一二两三四五六七八九十百千])/;

function numeralNorm(style: NumberStyle | undefined, counts: Figure[]): NumeralStyle {
  const total = (style?.arabicCounts ?? 0) + (style?.chineseCounts ?? 0);
  if (style && total >= MIN_NORM_COUNTS) {
    if (style.arabicCounts / total >= NORM_SHARE) return 'arabic';
    if (style.chineseCounts / total >= NORM_SHARE) return 'chinese';
  }
  const chinese = counts.filter((f) => f.numeral === 'chinese').length;
  return chinese > counts.length - chinese ? 'chinese' : 'arabic';
}

/**
 * 五十支, 三百名 in a draft of 312处 and 32.5米: a round count of twenty or more written exactly in
 * Chinese numerals is a statistic like the others. Approximations (三十多个, 上百名), 万 and 亿 figures
 * (两万户), ages (四十岁) and the names of policies (二十条措施) are not.
 */
function roundChineseCounts(figures: readonly Figure[]): Figure[] {
  return figures.filter(
    (f) =>
      f.kind === 'number' &&
      f.numeral === 'chinese' &&
      f.roundMagnitude &&
      f.qualifier === 'exact' &&
      f.value >= 3 &&
      f.value < 1000 &&
      !['%', '‰', '字', '岁'].includes(f.unit),
  );
}

/**
 * 二十条措施, 三十项举措: the name of a policy package counts items of a text, not a statistic; 四十个春秋
 * and 一百个放心 are figures of speech.
 */
const POLICY_AFTER = /^(?:措施|举措|意见|规定|政策|要求|硬招|实招|新政|准则|禁令|红线|细则)/;
const FIGURE_OF_SPEECH_AFTER = /^(?:春秋|年头|寒暑|日夜|昼夜|日日夜夜|放心|满意|不愿意|心眼)/;
const notAStatistic = (doc: ParsedDraft, f: Figure) => {
  const after = doc.text.slice(f.end, f.end + 4);
  return POLICY_AFTER.test(after) || FIGURE_OF_SPEECH_AFTER.test(after);
};

function mixedNumerals(doc: ParsedDraft, counts: Figure[], style: NumberStyle | undefined, round: Figure[]): RuleFinding[] {
  const arabic = counts.find((f) => f.numeral === 'arabic');
  const chinese = counts.find((f) => f.numeral === 'chinese');
  const norm = numeralNorm(style, counts);
  const roundToFlag = norm === 'arabic' ? round.filter((f) => !notAStatistic(doc, f)) : [];
  if (!arabic || (!chinese && !roundToFlag.length)) return [];
  const example = norm === 'arabic' ? arabic : chinese!;
  const out: RuleFinding[] = [];
  for (const f of [...counts, ...roundToFlag]) {
    if (f.numeral === norm) continue;
    if (norm === 'chinese') {
      out.push({
        start: f.start,
        end: f.end,
        message: `本稿计数时而用阿拉伯数字、时而用汉字数字（如“${f.raw}”与“${example.raw}”），应统一；本报惯用汉字数字，请改写“${f.raw}”。`,
      });
      continue;
    }
    const m = CHINESE_COUNT.exec(f.raw);
    const numeral = m ? parseChineseNumber(m[1]) : undefined;
    const fixed = m && numeral !== undefined ? String(numeral) + f.raw.slice(m[1].length) : undefined;
    out.push({
      start: f.start,
      end: f.end,
      message: `本稿计数时而用汉字数字、时而用阿拉伯数字（如“${f.raw}”与“${example.raw}”），应统一为阿拉伯数字${fixed ? `：“${fixed}”` : ''}（GB/T 15835）。`,
      ...(fixed ? { fix: { title: `改为“${fixed}”`, edits: [{ start: f.start, end: f.end, newText: fixed }] } } : {}),
    });
  }
  return out;
}

/**
 * 八家 in a draft that counts 18家, 46家 in digits: the small count is one of the statistics and is
 * written like them, where the same measure word (or its class) is counted in digits. Beside other
 * measures, only as one more thing done in a sentence of Arabic counts (整治隐患点312处，新建堤防32.5米，
 * 调派五支救援队伍): a verb right before it. A small count after a noun or opening a clause is as often
 * a name or a narrative (军事五项, 十三届三次会议, 除夕夜，三所军医大学…).
 */
function smallCountsAmongArabic(doc: ParsedDraft, counts: Figure[]): RuleFinding[] {
  const arabic = counts.filter((f) => f.numeral === 'arabic');
  const out: RuleFinding[] = [];
  for (const c of smallChineseCounts(doc)) {
    const example =
      arabic.find((f) => f.unit === c.unit || (unitClass(f.unit) === unitClass(c.unit) && (f.unit === '个' || c.unit === '个'))) ??
      (doneBefore(doc, c.start) ? arabic.find((f) => doc.sentences[f.sentence].start <= c.start && c.start < doc.sentences[f.sentence].end) : undefined);
    if (!example) continue;
    const fixed = `${c.value}${c.unit}`;
    out.push({
      start: c.start,
      end: c.end,
      message: `本稿计数用阿拉伯数字（如“${example.raw}”），“${c.raw}”也是统计数字，应统一为“${fixed}”（GB/T 15835）。`,
      fix: { title: `改为“${fixed}”`, edits: [{ start: c.start, end: c.end, newText: fixed }] },
    });
  }
  return out;
}

/** Verbs of statistical prose the segmenter may tag otherwise (新建/ns). */
const DONE_VERBS = /^(?:新建|新增|改造|建设|建成|开设|设立|组建|培育|打造|引进|出动|派出|调派|投用|开通)$/;

/** The word right before `at` is a verb of its own (调派五支, 新建三座): the count is what was done. */
function doneBefore(doc: ParsedDraft, at: number): boolean {
  const sentence = doc.sentences.find((x) => x.start <= at && at < x.end);
  if (!sentence) return false;
  const before = doc.tokensIn(sentence).filter((t) => t.end <= at);
  const last = before[before.length - 1];
  return last !== undefined && last.end === at && last.word.length >= 2 && (/^v/.test(last.tag) || DONE_VERBS.test(last.word));
}

/**
 * 百分之六十 in a draft that writes 30% elsewhere: percentages in statistics are written in digits
 * with % (GB/T 15835). 百分之百 is an idiom (百分之百的努力).
 */
function chinesePercentages(figures: readonly Figure[]): RuleFinding[] {
  const example = figures.find((f) => f.unit === '%' && f.numeral === 'arabic' && f.raw.endsWith('%'));
  if (!example) return [];
  const out: RuleFinding[] = [];
  for (const f of figures) {
    if (f.unit !== '%' || f.numeral !== 'chinese' || !f.raw.startsWith('百分之') || f.raw === '百分之百') continue;
    const fixed = `${f.value}%`;
    out.push({
      start: f.start,
      end: f.end,
      message: `本稿百分数用阿拉伯数字（如“${example.raw}”），“${f.raw}”应统一写作“${fixed}”（GB/T 15835）。`,
      fix: { title: `改为“${fixed}”`, edits: [{ start: f.start, end: f.end, newText: fixed }] },
    });
  }
  return out;
}

/** A house that prints two-digit years in a fifth of its years or more keeps them (learned, not the standard). */
function houseWritesTwoDigitYears(style: NumberStyle | undefined): boolean {
  if (!style || style.twoDigitYears < MIN_HOUSE_TWO_DIGIT_YEARS) return false;
  return style.twoDigitYears / (style.twoDigitYears + (style.fullYears ?? 0)) >= HOUSE_TWO_DIGIT_YEAR_SHARE;
}

/** The century of the draft's four-digit years, when they all share one. */
function draftCentury(doc: ParsedDraft): string | undefined {
  const centuries = new Set<string>();
  for (const s of doc.sentences) for (const m of s.text.matchAll(/(?<![0-9０-９])([12１２][0-9０-９])[0-9０-９]{2}年/g)) centuries.add(toHalfWidthDigits(m[1]));
  return centuries.size === 1 ? [...centuries][0] : undefined;
}

function rangeMarkNorm(style: NumberStyle | undefined, used: string[]): string {
  const house = SYMBOL_RANGE_MARKS.map((m) => [m, style?.rangeMarks[m] ?? 0] as const).filter(([, n]) => n > 0);
  house.sort((a, b) => b[1] - a[1] || (a[0] === STANDARD_RANGE_MARK ? -1 : b[0] === STANDARD_RANGE_MARK ? 1 : 0));
  if (house.length) return house[0][0];
  if (used.includes(STANDARD_RANGE_MARK)) return STANDARD_RANGE_MARK;
  const counts = new Map<string, number>();
  for (const m of used) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

export const figureFormat = defineRule({
  id: 'figure-format',
  family: 'figure',
  description: '数字用法不合规范或与本报习惯不一致',
  defaultSeverity: 'warning',
  docs: {
    why:
      '数字写法应符合 GB/T 15835《出版物上数字用法》并与本报习惯一致：不用全角数字；同一篇稿件计数不混用汉字数字和阿拉伯数字（在46项、18项之间写“十二个”，' +
      '在312处、32.5米之间写“五十支”，在18家之外写“八家”，在“新建堤防32.5米”的同一句里写“调派五支队伍”；“三大”“三个务必”“三个‘坚持’”、总括前文列举的“三项服务”、概数“三十多个”“上百名”和“二十条措施”不算）；' +
      '阿拉伯数字不与“千”“百”连用（1千余人、5万3千应写作1000余人、5.3万）；' +
      '相邻两数表示概数用汉字且不加顿号（3、4年应写作三四年；1、2号线是编号）；“百分之”后不接阿拉伯数字（百分之30应写作30%）；稿中已写“30%”的，不再写“百分之六十”；' +
      '一个数里不混用汉字数字和阿拉伯数字（二0二四年、二〇2四年应写作2024年）；' +
      '年份写全（2021年，不写21年、’21年、23年起、24年上半年、截至24年、早在19年、19年以来、与22年相比、是21年建成的、句首的“24年，”；' +
      '“工作了19年”“19年来”是时长，不算；本报已发表文章惯用两位年份的除外）；' +
      '中文正文的数字不加千分撇；数值范围的连接号全文统一（本报惯用的连接号从已发表文章中学得）。能确定正确写法时提供一键修正。',
    example: '新增学位３０００个，服务1,000户家庭，21年底完成20%-30%的改造，其余为20%～30% → 新增学位3000个，服务1000户家庭，2021年底……',
  },
  defaultOptions: {},
  check(doc, profile) {
    const out: RuleFinding[] = [];
    const style = profile?.house.numberStyle;

    // 百分之30 and 二0二四年 are fixed whole: full-width digits and a two-digit tail (2〇24年) in them too.
    const rewritten: { start: number; end: number }[] = [];
    for (const p of arabicPercentWords(doc)) {
      const chinese = /[至到]/.test(p.fixed) ? undefined : toChineseNumber(p.digits);
      rewritten.push(p);
      out.push({
        start: p.start,
        end: p.end,
        message: `“百分之”后面不接阿拉伯数字：“${p.raw}”应写作“${p.fixed}”${chinese ? `（通篇用汉字数字的，写作“百分之${chinese}”）` : ''}（GB/T 15835）。`,
        fix: { title: `改为“${p.fixed}”`, edits: [{ start: p.start, end: p.end, newText: p.fixed }] },
      });
    }
    for (const m of mixedDigitNumerals(doc)) {
      rewritten.push(m);
      const fixed = m.year ? `${m.arabic}年` : m.arabic;
      const end = m.year ? m.end + 1 : m.end;
      out.push({
        start: m.start,
        end,
        message: m.year
          ? `年份中汉字数字与阿拉伯数字混用：“${m.raw}年”应写作“${fixed}”（年份用阿拉伯数字，GB/T 15835）。`
          : `数字中汉字数字与阿拉伯数字混用：“${m.raw}”应统一写作“${fixed}”（GB/T 15835）。`,
        fix: { title: `改为“${fixed}”`, edits: [{ start: m.start, end, newText: fixed }] },
      });
    }

    for (const run of fullWidthDigitRuns(doc)) {
      if (rewritten.some((r) => r.start <= run.start && run.end <= r.end)) continue;
      const fixed = toHalfWidthDigits(run.raw);
      out.push({
        start: run.start,
        end: run.end,
        message: `全角数字“${run.raw}”应改为半角“${fixed}”（GB/T 15835）。`,
        fix: { title: `改为“${fixed}”`, edits: [{ start: run.start, end: run.end, newText: fixed }] },
      });
    }

    for (const sep of thousandsSeparated(doc)) {
      const fixed = sep.raw.replace(/,/g, '');
      out.push({
        start: sep.start,
        end: sep.end,
        message: `中文正文中的数字不加千分撇：“${sep.raw}”应写作“${fixed}”。`,
        fix: { title: `改为“${fixed}”`, edits: [{ start: sep.start, end: sep.end, newText: fixed }] },
      });
    }

    // Worked out only for a draft that writes a two-digit year (few do): it scans every sentence.
    let century: string | undefined | null = null;
    for (const year of houseWritesTwoDigitYears(style) ? [] : twoDigitYears(doc)) {
      if (rewritten.some((r) => r.start < year.end && year.start < r.end)) continue;
      if (century === null) century = draftCentury(doc);
      const fixed = century ? `${century}${year.digits}年` : undefined;
      out.push({
        start: year.start,
        end: year.end,
        message: `年份不应简写为两位：“${year.raw}”请写全${fixed ? `为“${fixed}”` : `四位（如“${year.digits >= '50' ? '19' : '20'}${year.digits}年”，请核实）`}（GB/T 15835）。`,
        ...(fixed ? { fix: { title: `改为“${fixed}”`, edits: [{ start: year.start, end: year.end, newText: fixed }] } } : {}),
      });
    }

    for (const m of mixedMagnitudes(doc)) {
      const fixed = formatValue(m.value, '');
      out.push({
        start: m.start,
        end: m.end,
        message: `阿拉伯数字不与“千”“百”连用：“${m.raw}”应写作“${fixed}”（GB/T 15835）。`,
        fix: { title: `改为“${fixed}”`, edits: [{ start: m.start, end: m.end, newText: fixed }] },
      });
    }

    for (const a of approximateDigits(doc)) {
      out.push({
        start: a.start,
        end: a.end,
        message: `相邻两数表示概数应用汉字数字且不加顿号：“${a.raw}”应写作“${a.chinese}”（GB/T 15835）。`,
        fix: { title: `改为“${a.chinese}”`, edits: [{ start: a.start, end: a.end, newText: a.chinese }] },
      });
    }

    const figures = extractFigures(doc);
    out.push(...chinesePercentages(figures));
    const counts = countFigures(figures);
    out.push(...mixedNumerals(doc, counts, style, roundChineseCounts(figures)));
    if (numeralNorm(style, counts) === 'arabic') out.push(...smallCountsAmongArabic(doc, counts));

    const ranges = rangeUses(doc, figures).filter((r) => SYMBOL_RANGE_MARKS.includes(r.mark));
    const marks = ranges.map((r) => r.mark);
    if (new Set(marks).size > 1) {
      const norm = rangeMarkNorm(style, marks);
      const others = [...new Set(marks)].filter((m) => m !== norm);
      for (const r of ranges) {
        if (r.mark === norm) continue;
        out.push({
          start: r.start,
          end: r.end,
          message: `本稿数值范围的连接号不统一（“${[norm, ...others].join('”“')}”混用），请统一为“${norm}”：${r.from.raw}${norm}${r.to.raw}。`,
          fix: { title: `改为“${norm}”`, edits: [{ start: r.start, end: r.end, newText: norm }] },
        });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  },
});
