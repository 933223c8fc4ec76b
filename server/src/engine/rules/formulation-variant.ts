import { defineRule } from './rule';
import type { Fix, RuleFinding } from '../types';
import type { FormulationEdit } from '../profile/types';
import { findFormulationVariants, homophone, TOLERATED_ARTICLES, type DraftVariant } from '../phrases/formulations';

export interface FormulationVariantOptions {
  /** A variant the archive wrote in this many articles is its own usage, not a slip. */
  toleratedArticles: number;
  /** Only formulations whose canonical text is in at least this many articles are checked. */
  minArticles: number;
}

export const formulationVariant = defineRule<FormulationVariantOptions>({
  id: 'formulation-variant',
  family: 'slogan',
  description: '固定提法写法与报社一贯写法不一致（错字、颠倒、漏字、缺项、旧提法）',
  defaultSeverity: 'warning',
  docs: {
    why: '党报评论最怕的差错之一是把固定提法写错：“以人民为中心”写成“以人民为核心”，“全面建成小康社会”写成旧提法“全面建设小康社会”，“获得感、幸福感、安全感”颠倒了顺序，“早发现、早报告、早隔离、早治疗”漏掉一项，或者同音字、形近字混进“中华民族伟大复兴”。哪些说法是固定提法，从报社已发表文章中学习：至少 10 篇文章使用、而且几乎总是同一写法的表述和并列提法；报社加引号使用的名称（“四个意识”“两个维护”）、成套的并列提法（“早发现、早报告……”这类各项首字或尾字相同的，各项都是四字以上且字数相同的，或四项以上字数相同的）3 篇文章一贯这样写即可，由三个以上实词组成的长提法（“人与自然和谐共生”），以及十二字以上、四个以上实词间用“的”“和”“与”连接的长提法，5 篇即可。稿件中与它只差一处的写法会被提示：换了、多了、少了一个字或两个字颠倒（能判断时注明是同音字），四字词的前后两半颠倒（“集中统一领导”写成“统一集中领导”），常用而一字不换的提法中间多了一个双字词（“以人民为中心”写成“以人民利益为中心”，“集中力量办大事”写成“集中优势力量办大事”），常用的长提法中漏掉了报社几乎从不省略的双字词（“习近平新时代中国特色社会主义思想”写成“习近平新时代中国社会主义思想”），或把报社在这个位置从不换用的双字或整个词换成了别的（旧提法“市场在资源配置中的基础性作用”），八字以上提法中“和”“与”连接的两部分前后颠倒（“科技革命和产业变革”写成“产业变革和科技革命”），不加顿号连写的成套提法次序颠倒（“共建共治共享”写成“共治共建共享”），并列项换了顺序、相邻两项的词语互换（“转变发展方式、优化经济结构”写成“优化发展方式、转变经济结构”）、少了一项（四项以上的并列提法，或各项四字以上、首尾字相同的三项成套提法）、在中间多了一项或中间某项换成了别的说法（“道路自信、理论自信、历史自信、文化自信”）；同时给出报社的规范写法、两种写法各见于多少篇文章和例文标题。不提示的情形：报社自己在 2 篇以上文章中用过的写法；报社在这个位置本来就换用多种词语（如“打赢／打好脱贫攻坚战”），除非换上的是读音相同、又不成词的错字；报社用得还不多（不足 10 篇）的提法中某个词换成了另一个常用词（不是同音字）；用得不多的并列提法少了一项或两项互换；同一句中另外写到了漏掉的那一项（并列被拆开写）；较短的引号名称（不足七个字）在稿件中没有加引号；词与词之间多了或少了“的”“和”等虚词；同一句里与规范写法并举对照；书名号里的名称。并列项颠倒、两字颠倒、重复打了一个字，可用 --fix 自动改正；其他情形（旧提法可能是有意引用）在编辑器中提供快速修复，由作者决定。在 allowPhrases 中列出某个提法的规范写法，就不再检查它；列出某个变体，这种写法就不再提示。',
    example: '“坚持以人民为核心的发展思想” → “坚持以人民为中心的发展思想”（报社多篇文章这样写，没有一篇写作“以人民为核心”）。',
    options: {
      toleratedArticles: '报社在多少篇文章中用过的变体不再提示（默认 2）',
      minArticles: '规范写法至少见于多少篇文章才检查（默认 0，即按学习时的下限：一般提法 10 篇，引号中的名称和成套的并列提法 3 篇，长提法 5 篇；调高则只查更常用的提法）',
    },
  },
  defaultOptions: { toleratedArticles: TOLERATED_ARTICLES, minArticles: 0 },
  check(doc, profile, options, context) {
    const out: RuleFinding[] = [];
    for (const v of findFormulationVariants(doc, profile, options.toleratedArticles)) {
      const f = v.formulation;
      if (f.articles < options.minArticles) continue;
      if (context.allowPhrases.has(f.phrase) || context.allowPhrases.has(v.text)) continue;
      const difference = describeEdit(v);
      const used = v.seen ? `仅 ${v.seen.articles} 篇写作“${v.text}”` : `没有一篇写作“${v.text}”`;
      const fix: Fix = { title: `改为规范提法“${f.phrase}”`, edits: [{ start: v.start, end: v.end, newText: f.phrase }] };
      out.push({
        start: v.start,
        end: v.end,
        message: `提法“${v.text}”与规范写法“${f.phrase}”不一致：${difference}。本报 ${f.articles} 篇文章写作“${f.phrase}”，${used}。建议改为“${f.phrase}”。`,
        ...(certain(v) ? { fix } : { suggestions: [fix] }),
        evidence: {
          kind: 'formulation',
          canonical: f.phrase,
          variant: v.text,
          edit: v.edit,
          difference,
          canonicalArticles: f.articles,
          variantArticles: v.seen?.articles ?? 0,
          examples: f.examples,
          variantExamples: v.seen?.examples ?? [],
        },
      });
    }
    return out;
  },
});

/**
 * The canonical text is surely what the writer meant when the archive never wrote the variant and
 * the slip is one of form, not of wording: two characters or members swapped, a character doubled
 * (全面建成成小康社会). A substituted character may be an older wording the draft quotes on purpose
 * (全面建设小康社会 in a passage on history), a missing member a deliberate shorter list: those are
 * offered in the editor, not applied by --fix.
 */
function certain(v: DraftVariant): boolean {
  if (v.seen) return false;
  const doubled = v.edit === 'insertion' && v.text.length === v.formulation.phrase.length + 1 && (v.text[v.at] === v.text[v.at - 1] || v.text[v.at] === v.text[v.at + 1]);
  return v.edit === 'transposition' || v.edit === 'order' || doubled;
}

const EDIT_WORDS: Record<FormulationEdit, string> = {
  substitution: '换了一个字',
  insertion: '多了一个字',
  deletion: '少了一个字',
  transposition: '两个字颠倒',
  swap: '词语位置颠倒',
  order: '并列项顺序不同',
  'missing-member': '并列项少了一项',
  'added-member': '并列项多了一项',
  'replaced-word': '换了一个词',
  'replaced-member': '并列项换了一项',
};

/** The difference in plain Chinese: which character or member, where. */
export function describeEdit(v: Pick<DraftVariant, 'edit' | 'at' | 'text' | 'formulation'>): string {
  const canon = v.formulation.phrase;
  switch (v.edit) {
    case 'substitution':
      return homophone(v) ? `“${canon[v.at]}”误作同音字“${v.text[v.at]}”` : `“${canon[v.at]}”写成了“${v.text[v.at]}”`;
    case 'insertion':
      return `多了“${v.text.slice(v.at, v.at + v.text.length - canon.length)}”${v.text.length - canon.length > 1 ? '' : '字'}`;
    case 'deletion':
      return canon.length - v.text.length > 1 ? `少了“${canon.slice(v.at, v.at + canon.length - v.text.length)}”` : `少了“${canon[v.at]}”字`;
    case 'replaced-word': {
      // The differing part, from `at` to the last character that differs.
      let end = canon.length;
      while (end > v.at + 2 && canon[end - 1] === v.text[end - 1]) end--;
      return `“${canon.slice(v.at, end)}”写成了“${v.text.slice(v.at, end)}”`;
    }
    case 'transposition':
      return `“${canon.slice(v.at, v.at + 2)}”颠倒成了“${v.text.slice(v.at, v.at + 2)}”`;
    case 'replaced-member':
    case 'swap': {
      if (v.formulation.kind === 'formula') {
        // The part that differs: a word's halves (集中统一 → 统一集中) or a conjunction's sides.
        let end = 0;
        while (end < canon.length - v.at && canon[canon.length - 1 - end] === v.text[v.text.length - 1 - end]) end++;
        return `“${canon.slice(v.at, canon.length - end)}”颠倒成了“${v.text.slice(v.at, v.text.length - end)}”`;
      }
      const members = v.text.split('、');
      const changed = v.formulation.units.flatMap((m, i) => (members[i] !== m ? [[m, members[i]]] : []));
      return `并列项${changed.map(([m]) => `“${m}”`).join('')}写成了${changed.map(([, w]) => `“${w}”`).join('')}`;
    }
    case 'added-member': {
      const extra = v.text.split('、').find((m) => !v.formulation.units.includes(m));
      return extra ? `并列项多了“${extra}”` : EDIT_WORDS[v.edit];
    }
    case 'missing-member': {
      const members = v.formulation.units;
      const missing = members.find((m) => !v.text.split('、').includes(m));
      return missing ? `并列项少了“${missing}”` : EDIT_WORDS[v.edit];
    }
    default:
      return EDIT_WORDS[v.edit];
  }
}
