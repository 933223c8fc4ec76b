import { defineRule } from './rule';
import type { ParsedDraft } from '../parse/draft';
import type { Profile } from '../profile/types';
import type { RuleFinding } from '../types';
import { DEFAULT_MIN_CUE_COUNT, extractFiguresFor } from '../figures/extract';
import { figureEvidence, findPublishedMatch, publishedWhere, restatesSourced } from '../figures/match';
import type { Figure } from '../figures/extract';
import { draftConflicts } from '../figures/conflicts';

export const figureUnsourced = defineRule({
  id: 'figure-unsourced',
  family: 'figure',
  description: '统计数字未注明出处',
  defaultSeverity: 'warning',
  docs: {
    why:
      '评论中的统计数字要经得起核对：带单位、量词或百分号的数，用汉字写的比例和倍数（九成、近半、过半、三分之一、两倍、翻了一番），' +
      '以及作为已办成的事实写出的时限和限值（压缩到28个工作日、3个工作日内办结、电能利用效率降至1.2以下、噪声控制在55分贝以内）。本句或前一句没有“据……”“……显示”“……发布”等出处的数字，读者无从查证，也容易以讹传讹。' +
      '出处提示词在内置词表之外，还会采用从本报已发表文章中学到的说法；某机构的数据、数字、说法、台账（统计中心的数据、商务局给出的数字、发改委的说法）、文件和报告的说法（这份总结的说法）、公开发布的信息（当地公开的信息）和为机构说话的人（街道负责人说）也算出处，' +
      '机构报告自己办的事（市政务服务局共受理群众诉求……）在本句内算出处；“根据”只在后面说到数据、统计或机构时才算（“系统根据技能推送岗位”不算），' +
      '但数字所在分句里被计数者自己的“表示”“介绍”（八成以上的受访家长表示）不算。前文已注明出处的同一数字再次出现时不再提示；给出与前文注明出处的同一数据不同数值的，由 figure-conflict 指出前后不一致，这里不再要求注明出处。与本报已发表文章一致的数字降为提示，并给出该文章。' +
      '年份、日期、序数、线路编号、型号、气温体温读数和引号中的口号不算统计数字；目标、计划和要求中的数字（力争到2028年普及率达到95%、计划再建20家、力争七成以上、周边500米范围内覆盖率力争达到100%……）说的是打算而非事实，也不算。',
    example: '地铁日均客流突破30万人次。 → 据市交通运输局统计，地铁日均客流突破30万人次。',
    options: { minCueCount: '从语料学到的出处提示词至少出现多少次才采用（默认 3）' },
  },
  defaultOptions: { minCueCount: DEFAULT_MIN_CUE_COUNT },
  check(doc, profile, options) {
    const out: RuleFinding[] = [];
    // Sourced figures by unit and value.
    const sourced = new Map<string, Figure[]>();
    const figures = extractFiguresFor(doc, profile, options.minCueCount);
    const retold = retoldSourced(doc, profile, figures);
    for (const f of figures) {
      if (f.attribution) {
        const key = `${f.unit}|${f.value}`;
        const list = sourced.get(key);
        if (list) list.push(f);
        else sourced.set(key, [f]);
      }
      // A target or plan (力争到2028年普及率达到95%) is no fact to source: the plan is its source; a
      // figure sourced earlier in the draft is sourced there.
      if (f.attribution || f.quantity.plan || restatesSourced(f, sourced)) continue;
      if (isTemperature(doc.text, f)) continue;
      // Another value of a quantity the draft sourced earlier is a slip figure-conflict names, with
      // the source at hand: a second finding asking for a source would point the writer the wrong way.
      if (retold.has(f.start)) continue;
      const published = findPublishedMatch(f, profile);
      if (published) {
        out.push({
          start: f.start,
          end: f.end,
          severity: 'information',
          message: `数字“${f.raw}”未注明出处；${publishedWhere(published, profile!)}刊载过同一数字，可据此注明来源（如“据……”）。`,
          evidence: figureEvidence(f, { published }),
        });
        continue;
      }
      out.push({
        start: f.start,
        end: f.end,
        message: `数字“${f.raw}”未注明出处：请在本句或前一句写明数据来源（如“据××统计”“××发布的数据显示”），无法核实的数字应删去。`,
        evidence: figureEvidence(f),
      });
    }
    return out;
  },
});

/** Words that make a reading in 度 a temperature (零下二十多度, 气温38度, 体温37.3度), not kilowatt-hours. */
const TEMPERATURE_BEFORE = /(?:零下|气温|温度|高温|低温|体温|室温|水温|地温|最高|最低)[达到至近约了超过高低为是在将降升]{0,3}$/;

/**
 * A temperature describes the weather or a body (零下二十多度的夜里): a reading the writer or anyone
 * there took, not a statistic someone compiled, so it needs no source.
 */
function isTemperature(text: string, f: Figure): boolean {
  if (f.unit === '摄氏度') return true;
  return f.unit === '度' && TEMPERATURE_BEFORE.test(text.slice(Math.max(0, f.start - 8), f.start));
}

/** Where figure-conflict finds a figure giving another value of a quantity an earlier sourced figure gave. */
function retoldSourced(doc: ParsedDraft, profile: Profile | undefined, figures: readonly Figure[]): Set<number> {
  const sourcedAt = new Set(figures.filter((f) => f.attribution).map((f) => f.start));
  if (!sourcedAt.size) return sourcedAt;
  return new Set(draftConflicts(doc, profile).pairs.filter((p) => sourcedAt.has(p.earlier.start)).map((p) => p.later.start));
}
