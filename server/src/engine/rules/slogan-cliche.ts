import { defineRule } from './rule';
import type { RuleFinding } from '../types';
import { findFormulaicPhrases } from '../phrases/find';
import { whyFormulaic } from '../phrases/explain';

export const sloganCliche = defineRule({
  id: 'slogan-cliche',
  family: 'slogan',
  description: '使用了语料库中的高频套话',
  defaultSeverity: 'information',
  docs: {
    why: '有些说法在已发表的评论中被许多文章反复使用：分布在不同月份、不同主题的文章里，每篇只用一两次，措辞固定，出现频率远高于一般汉语（以 nodejieba 词典词频为参照）——这是套话，不是话题。用一次不算错，但换成具体、新鲜的表述更有说服力。每个套话每篇稿件只提示一次。',
    example: '“全面深化改革”（语料库中 44 篇文章共用 86 次）→ 写明具体改的是什么，如“取消企业开办的 5 项审批”。',
  },
  defaultOptions: {},
  check(doc, profile, _options, context) {
    const seen = new Set<string>();
    const out: RuleFinding[] = [];
    const occurrences = findFormulaicPhrases(doc, profile).filter((o) => o.stats?.cliche && !o.exempt && !context.allowPhrases.has(o.phrase));
    for (const occ of occurrences) {
      const stats = occ.stats!;
      if (seen.has(occ.phrase)) continue;
      // Nested clichés (疫情防控 inside 疫情防控阻击战) are one formula: report the longest there.
      if (occurrences.some((o) => o !== occ && o.start <= occ.start && o.end >= occ.end && o.end - o.start > occ.end - occ.start)) continue;
      seen.add(occ.phrase);
      const draftCount = occurrences.filter((o) => o.phrase === occ.phrase).length;
      out.push({
        start: occ.start,
        end: occ.end,
        // How much more often than in general Chinese, only when it is more often at all (获得感 is not).
        message: `“${occ.phrase}”是语料库中的高频套话（${stats.articles} 篇文章共用 ${stats.count} 次${stats.keyness >= 1 ? `，使用频率约为一般汉语的 ${Math.round(2 ** stats.keyness)} 倍` : ''}）。可考虑换成更具体的表述。`,
        evidence: {
          kind: 'phrase',
          phrase: occ.phrase,
          corpusCount: stats.count,
          articleCount: stats.articles,
          maxPerArticle: stats.maxPerArticle,
          draftCount,
          keyness: stats.keyness,
          months: stats.months,
          subjects: stats.subjects,
          why: whyFormulaic(stats),
          examples: stats.examples,
        },
      });
    }
    return out;
  },
});
