// Why a phrase is in the table, in plain Chinese, from the evidence its entry keeps: the sentence a
// hover and the folder report show under a slogan finding.

import type { PhraseStats } from '../profile/types';

/** E.g. “保驾护航”见于语料库 10 篇文章（跨 5 个月、10 个不同主题），单篇最多用 2 次；措辞固定，使用频率约为一般汉语的 280 倍。 */
export function whyFormulaic(p: PhraseStats): string {
  const spread: string[] = [];
  if (p.months > 1) spread.push(`跨 ${p.months} 个月`);
  if (p.subjects > 1) spread.push(`${p.subjects} 个不同主题`);
  const where = `见于语料库 ${p.articles} 篇文章${spread.length ? `（${spread.join('、')}）` : ''}，共 ${p.count} 次，单篇最多用 ${p.maxPerArticle} 次`;
  if (p.kind === 'enumeration') return `“${p.phrase}”是固定的并列提法：${where}，每次都是这几项、这个顺序。`;
  const traits: string[] = [];
  if (p.cohesion >= 0.5) traits.push('措辞固定（各部分几乎总是连在一起出现）');
  if (p.keyness >= 3) traits.push(`使用频率约为一般汉语的 ${Math.round(2 ** Math.min(p.keyness, 20))} 倍`);
  return `“${p.phrase}”是语料库中的程式化表述：${where}${traits.length ? `；${traits.join('，')}` : ''}。分布广而每篇用得少，是套话而非某篇文章的话题。`;
}
