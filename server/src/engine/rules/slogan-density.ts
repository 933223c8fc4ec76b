import { defineRule } from './rule';
import { formulaicDensity } from '../phrases/find';

export interface SloganDensityOptions {
  /** Threshold per 1,000 Han characters instead of the corpus P90 (0 = use the corpus P90). */
  threshold: number;
  /** Drafts shorter than this (Han characters) are too short for a meaningful density. */
  minChars: number;
}

export const sloganDensity = defineRule<SloganDensityOptions>({
  id: 'slogan-density',
  family: 'slogan',
  description: '套话密度高于语料库 90% 的文章',
  defaultSeverity: 'warning',
  docs: {
    why: '每千字中口号式、程式化表述的数量，是评论是否“言之有物”的粗略指标。阈值取自报社已发表文章的第 90 百分位：本稿比九成已发表文章还要“满”，就提示在标题处。',
    example: '本稿每千字 42 处套话，语料库 P90 为 31 处 → 删去口号堆砌的段落，补充事实与数据。',
    options: {
      threshold: '每千字套话数的阈值（默认 0，即用语料库的第 90 百分位）',
      minChars: '正文少于此汉字数时不检查（默认 200）',
    },
  },
  defaultOptions: { threshold: 0, minChars: 200 },
  check(doc, profile, options) {
    const { p50, p90 } = profile.register.density;
    const limit = options.threshold > 0 ? options.threshold : p90;
    if (limit <= 0 || doc.hanChars < options.minChars) return [];
    const d = formulaicDensity(doc, profile);
    if (d.perThousand <= limit) return [];
    const anchor = doc.headline ?? doc.paragraphs.find((p) => p.kind === 'body');
    if (!anchor) return [];
    return [
      {
        start: anchor.start,
        end: anchor.end,
        message: `本稿套话密度为每千字 ${d.perThousand} 处（共 ${d.phrases} 处、${d.chars} 字），高于${options.threshold > 0 ? '配置的阈值' : '语料库 90% 的文章'}（每千字 ${limit} 处）。建议删减口号式表述，换成具体事实和数据。`,
        evidence: { kind: 'density', perThousand: d.perThousand, p50, p90: limit, phrases: d.phrases, chars: d.chars },
      },
    ];
  },
});
