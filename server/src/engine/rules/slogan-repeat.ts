import { defineRule } from './rule';
import type { RuleFinding } from '../types';
import { findFormulaicPhrases, type PhraseOccurrence } from '../phrases/find';

export interface SloganRepeatOptions {
  /** Never allow fewer uses than this, whatever the corpus says. */
  minLimit: number;
  /** A fixed limit for every phrase instead of the learned one (0 = use the learned limit). */
  limit: number;
}

const MAX_RELATED = 10;

export const sloganRepeat = defineRule<SloganRepeatOptions>({
  id: 'slogan-repeat',
  family: 'slogan',
  description: '同一口号或套话在稿件中重复过多',
  defaultSeverity: 'warning',
  docs: {
    why: '一篇评论反复使用同一个口号式表述（如“高质量发展”“能级跃升”），读来空泛、像在凑字数。上限从报社已发表文章中学习：单篇文章用得最多的次数，且不少于 2 次；引号里的口号（如“幸福半径”）即使不在语料库的口号表中，也按不少于 2 次计。地名、机构名、人名和稿件标题本身的主题词不算口号。',
    example: '文中第 5 次出现“高质量发展” → 换成具体内容，如“新能源装机容量翻番”，或删去重复。',
    options: {
      minLimit: '最少允许的次数（默认 2）',
      limit: '对所有口号统一使用的次数上限（默认 0，即按语料库学到的上限）',
    },
  },
  defaultOptions: { minLimit: 2, limit: 0 },
  check(doc, profile, options, context) {
    const groups = new Map<string, PhraseOccurrence[]>();
    for (const occ of findFormulaicPhrases(doc, profile)) {
      if (context.allowPhrases.has(occ.phrase)) continue;
      const list = groups.get(occ.phrase);
      if (list) list.push(occ);
      else groups.set(occ.phrase, [occ]);
    }

    const flagged: { finding: RuleFinding; length: number }[] = [];
    for (const [phrase, list] of groups) {
      const stats = list[0].stats;
      const learned = stats?.maxPerArticle ?? 0;
      const limit = options.limit > 0 ? options.limit : Math.max(options.minLimit, learned);
      if (list.length <= limit) continue;
      const basis = options.limit > 0 ? '配置的上限' : stats ? `语料库中单篇文章最多用 ${learned} 次` : '引号口号的默认上限';
      for (let i = limit; i < list.length; i++) {
        const occ = list[i];
        flagged.push({
          length: phrase.length,
          finding: {
            start: occ.start,
            end: occ.end,
            message: `“${phrase}”在本稿中已出现 ${list.length} 次，这是第 ${i + 1} 次，超过上限 ${limit} 次（${basis}）。建议改用具体事实或换一种说法，删去重复。`,
            related: list.slice(0, Math.min(i, MAX_RELATED)).map((prev, k) => ({ start: prev.start, end: prev.end, message: `第 ${k + 1} 次出现“${phrase}”` })),
            evidence: {
              kind: 'phrase',
              phrase,
              corpusCount: stats?.count ?? 0,
              articleCount: stats?.articles ?? 0,
              maxPerArticle: learned,
              limit,
              draftCount: list.length,
              keyness: stats?.keyness,
              examples: stats?.examples ?? [],
            },
          },
        });
      }
    }
    // Nested table phrases (疫情防控 inside 疫情防控阻击战) would flag the same words twice: keep the longest.
    flagged.sort((a, b) => b.length - a.length || a.finding.start - b.finding.start);
    // Kept findings never overlap and stay sorted by start, so only the neighbours of an insertion
    // point can overlap it (a draft repeating one slogan thousands of times stays linear-ish).
    const kept: RuleFinding[] = [];
    for (const f of flagged) {
      let at = 0;
      for (let hi = kept.length; at < hi; ) {
        const mid = (at + hi) >> 1;
        if (kept[mid].start < f.finding.start) at = mid + 1;
        else hi = mid;
      }
      if ((at > 0 && kept[at - 1].end > f.finding.start) || (at < kept.length && kept[at].start < f.finding.end)) continue;
      kept.splice(at, 0, f.finding);
    }
    return kept;
  },
});
