import { houseByline, houseFormExample } from '../byline/house';
import type { RuleFinding } from '../types';
import { defineRule } from './rule';

export const bylineMissing = defineRule({
  id: 'byline-missing',
  family: 'byline',
  description: '稿件缺少本报要求的作者署名',
  defaultSeverity: 'error',
  docs: {
    why: '按本报已发表文章学到的版式，评论稿在标题下一行署名（如“●王英”）。漏署名的稿件需要退回补全，越早发现越好。若本报多数文章不署名（学到的署名模型不要求署名），本规则不报告。',
    example: '标题下直接是正文 → 在标题下一行加上“●王英”',
  },
  defaultOptions: {},
  check(doc, profile) {
    const house = houseByline(profile.house.byline);
    if (!house || !house.expected || !doc.headline) return [];
    // A byline anywhere (even misplaced or malformed) is the other byline rules' business.
    if (doc.bylineCandidates.length > 0) return [];
    const form = houseFormExample(house);
    const where = house.position === 'end' ? '文末' : '标题下一行';
    const finding: RuleFinding = {
      start: doc.headline.start,
      end: doc.headline.end,
      message: `稿件缺少作者署名。本报署名格式为“${form}”，请在${where}补上作者署名。`,
      evidence: {
        kind: 'byline',
        houseForm: form,
        details: `本报 ${profile.house.byline.articlesWithByline}/${profile.house.byline.articles} 篇文章有署名，署名位于${where}。`,
      },
    };
    return [finding];
  },
});
