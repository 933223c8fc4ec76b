import { defineRule } from './rule';
import type { RuleFinding } from '../types';
import type { Figure } from '../figures/extract';
import { draftConflicts } from '../figures/conflicts';
import {
  figureEvidence,
  findPublishedConflict,
  formatValue,
  publishedWhere,
  quantityName,
  quotedSentence,
} from '../figures/match';
import { partitionPoint } from '../text/partition';

/** How many figures on either side of a figure, in its sentence, can corroborate a retelling of it. */
const BESIDE = 4;

/** The figures next to `f` in its sentence (a pasted table puts thousands in one). */
function besideOf(f: Figure, inSentence: readonly Figure[]): Figure[] {
  const at = partitionPoint(inSentence.length, (k) => inSentence[k].start < f.start);
  return [...inSentence.slice(Math.max(0, at - BESIDE), at), ...inSentence.slice(at + 1, at + 1 + BESIDE)];
}

const SLIP_NOTE: Record<string, string> = {
  transposed: '两处数字相同而顺序不同，像是录入时颠倒了数位',
  digit: '两处只差一位数字，像是录入笔误',
  'extra-digit': '两处只差一位数字（多写或漏写一位），像是录入笔误',
  magnitude: '两处数字相同而数量级不同（万、亿之差），像是单位写错',
  restated: '两处说法几乎相同而数值不同',
};

export const figureConflict = defineRule({
  id: 'figure-conflict',
  family: 'figure',
  description: '同一数据前后不一致，或与本报已发表的数字不符',
  defaultSeverity: 'error',
  docs: {
    why:
      '同一项数据在稿件中给出不同数值，或与本报已发表文章中的数值不符，必有一处出错。“同一项数据”按所指来认：所计的事物（中心名词及量词、单位）、所做的事（发放、建成）、' +
      '是总量还是新增或增减、地点范围和时间（2024年末与截至2024年底相同），不论句式如何（社区食堂总数达到46个 / 全区64个社区食堂）；' +
      '简称与全称算同一事物，简称从本报文章或稿件自己“全称（简称）”的写法中学得（国内生产总值（GDP）→ 地区生产总值与GDP）。' +
      '两处数值数位颠倒或只差一位是录入笔误的有力证据；说法几乎一字不差而数值不同也算。不同年份、不同地方的对比（去年……今年，全市……其中某区）、' +
      '目标和计划、数值范围、同一句内的几个数字都不互相比较；“超过”“近”“约”等限定词会被考虑在内：“超30万”与“32万”并不矛盾。' +
      '与本报已发表文章比对时，稿件照搬某句而改了数字，或写明同一年份的同一数据而数值不同，都会指出该文章的标题和日期；档案中“目前”的数字按文章发表的日期认时间，稿件中没写地方的数字按稿件所写的本地认。' +
      '稿件后文用“N的X”（4.7万人次的培训规模）回指前文的数据而数值不同，也算前后不一致。',
    example: '截至2024年底，全区社区食堂总数达到46个。……全区64个社区食堂已全部接入助餐平台。 → 核对后统一为同一数值',
    options: { checkPublished: '是否与本报已发表的数字比对（默认 true）' },
  },
  defaultOptions: { checkPublished: true },
  check(doc, profile, options) {
    const out: RuleFinding[] = [];
    const { figures, scene, pairs } = draftConflicts(doc, profile);
    const flagged = new Set<Figure>();
    for (const { earlier, later, why } of pairs) {
      flagged.add(later);
      const name = quantityName(later, earlier);
      const earlierLine = doc.lineOf(earlier.start);
      out.push({
        start: later.start,
        end: later.end,
        message: `“${name}”前后数值不一致：此处为${later.raw}，第 ${earlierLine + 1} 行为${earlier.raw}（${SLIP_NOTE[why]}）。请核对数据来源后统一。`,
        related: [{ start: earlier.start, end: earlier.end, message: `同一数据在此处为${earlier.raw}，与第 ${doc.lineOf(later.start) + 1} 行的${later.raw}不一致` }],
        evidence: figureEvidence(later, {
          sentence: quotedSentence(doc.text, doc.sentences[later.sentence], later),
          other: { raw: earlier.raw, sentence: quotedSentence(doc.text, doc.sentences[earlier.sentence], earlier), line: earlierLine },
        }),
      });
    }
    if (options.checkPublished) {
      for (const f of figures) {
        if (flagged.has(f)) continue;
        const published = findPublishedConflict(f, profile, besideOf(f, scene.bySentence.get(f.sentence) ?? []), scene.home);
        if (!published) continue;
        out.push({
          start: f.start,
          end: f.end,
          message:
            `数字“${f.raw}”与${publishedWhere(published, profile!)}中的同一数据（${formatValue(published.value, published.unit)}）不符，` +
            '请核对数值及统计口径、时间。',
          evidence: figureEvidence(f, { conflictsWith: published, sentence: quotedSentence(doc.text, doc.sentences[f.sentence], f) }),
        });
      }
    }
    return out;
  },
});
