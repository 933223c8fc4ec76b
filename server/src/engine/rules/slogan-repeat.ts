import { defineRule } from './rule';
import type { ParsedDraft } from '../parse/draft';
import type { Profile } from '../profile/types';
import type { Evidence, RuleFinding } from '../types';
import { findFormulaicPhrases, type PhraseOccurrence } from '../phrases/find';
import { whyFormulaic } from '../phrases/explain';

export interface SloganRepeatOptions {
  /** Never allow fewer uses than this, whatever the corpus says. */
  minLimit: number;
  /** A fixed limit for every phrase instead of the learned one (0 = use the learned limit). */
  limit: number;
  /** Uses allowed for a quoted slogan (MIN_SLOGAN_CHARS or more) the archive never quoted: one of the draft's own making. */
  unknownQuoteLimit: number;
}

/**
 * A quotation the archive never made is a slogan of the draft's own (“小食堂大民生”) from five
 * characters; a shorter one is a word the draft discusses or coins (“硬核”“四风”“戏台”), which the
 * archive itself repeats freely: people-daily quotes a term of its own four or five times in 32 of 848
 * articles.
 */
const MIN_SLOGAN_CHARS = 5;

const MAX_RELATED = 10;

export const sloganRepeat = defineRule<SloganRepeatOptions>({
  id: 'slogan-repeat',
  family: 'slogan',
  description: '同一口号或套话在稿件中重复过多',
  defaultSeverity: 'warning',
  docs: {
    why: '一篇评论反复使用同一个口号式表述（如“真金白银”“保驾护航”），读来空泛、像在凑字数。哪些说法是套话、一篇文章最多容得下几次，都从报社已发表文章中学习：上限是已发表文章单篇用过的最多次数（不计把它写进标题、以它为题的文章）再加 1 次，且不少于 3 次；语料库里单篇最多用两次的四字说法、语料库引用过的引号口号同样计算。语料库从未引用过的引号口号（五个字以上），超过 3 次才提示；四个字以内、语料库从未引用过的引号词是稿件讨论或新造的词（如“硬核”“四风”），不提示。上限对应语料库平均篇幅的文章，更长的稿件按篇幅成比例放宽，更短的稿件成比例收紧（不少于 3 次）。每个超限的说法只提示一次，标在超过上限的那一处，其余各处列为相关位置。稿件的主题词（与标题共有一半以上字词的，全文用了 6 次以上的说法，或其中的词在全文单独用得多得多的）、书名号里的名称、引号里的项目或产品名称（如“××”工程、带字母的应用名）、作为词语被讨论的引号词（如“对象”这个词）不算口号。',
    example: '文中第 4 次出现“真金白银” → 换成具体内容，如“减免租金 1.2 亿元”，或删去重复。',
    options: {
      minLimit: '最少允许的次数（默认 2）',
      limit: '对所有口号统一使用的次数上限（默认 0，即按语料库学到的上限）',
      unknownQuoteLimit: '语料库从未引用过的引号口号（五个字以上）允许出现的次数（默认 3）',
    },
  },
  defaultOptions: { minLimit: 2, limit: 0, unknownQuoteLimit: 3 },
  check(doc, profile, options, context) {
    const occurrences = findFormulaicPhrases(doc, profile).filter((occ) => !occ.exempt && !context.allowPhrases.has(occ.phrase));
    // No limit is below this one: a phrase used no more often needs no list of its uses (most of a draft's phrases).
    const floor = options.limit > 0 ? options.limit : options.minLimit;
    const uses = new Map<string, number>();
    for (const occ of occurrences) uses.set(occ.phrase, (uses.get(occ.phrase) ?? 0) + 1);
    const groups = new Map<string, PhraseOccurrence[]>();
    for (const occ of occurrences) {
      if (uses.get(occ.phrase)! <= floor) continue;
      const list = groups.get(occ.phrase);
      if (list) list.push(occ);
      else groups.set(occ.phrase, [occ]);
    }

    const flagged: { finding: RuleFinding; length: number }[] = [];
    for (const [phrase, list] of groups) {
      const stats = list.find((o) => o.stats)?.stats;
      const quotedStats = list.find((o) => o.quotedStats)?.quotedStats;
      const stockStats = list.find((o) => o.stockStats)?.stockStats;
      let learned: number;
      let basis: string;
      if (stats) {
        learned = stats.limit;
        basis = `已发表文章不以它为题时，单篇最多用 ${stats.limit - 1} 次，本稿可多用 1 次`;
      } else if (quotedStats) {
        // The floor of the table's limits: a quotation the archive used once per article may come back twice more.
        learned = Math.max(3, quotedStats.maxPerArticle + 1);
        basis = `语料库中引用它的文章单篇最多用 ${quotedStats.maxPerArticle} 次，本稿可多用 ${learned - quotedStats.maxPerArticle} 次`;
      } else if (stockStats) {
        // As for the table: one more use than an article made, and at least 3.
        learned = Math.max(3, stockStats.maxPerArticle + 1);
        basis = `语料库中用过这个四字说法的 ${stockStats.articles} 篇文章，单篇最多用 ${stockStats.maxPerArticle} 次，本稿可多用 ${learned - stockStats.maxPerArticle} 次`;
      } else if (list.every((o) => o.quoted) && [...phrase].length >= MIN_SLOGAN_CHARS) {
        learned = options.unknownQuoteLimit;
        basis = '语料库未引用过的引号口号的上限';
      } else continue;
      const limit = options.limit > 0 ? options.limit : Math.max(options.minLimit, scaledToLength(learned, doc, profile));
      if (list.length <= limit) continue;
      if (options.limit > 0) basis = '配置的上限';
      else if (limit > learned) basis += `；本稿篇幅是语料库平均的 ${(doc.hanChars / meanArticleChars(profile)).toFixed(1)} 倍，上限按篇幅放宽到 ${limit} 次`;
      else if (limit < learned) basis += `；本稿篇幅只有语料库平均的 ${(doc.hanChars / meanArticleChars(profile)).toFixed(1)} 倍，上限按篇幅收紧到 ${limit} 次`;
      const evidence: Evidence = {
        kind: 'phrase',
        phrase,
        corpusCount: stats?.count ?? 0,
        articleCount: stats?.articles ?? quotedStats?.articles ?? stockStats?.articles ?? 0,
        maxPerArticle: stats?.maxPerArticle ?? quotedStats?.maxPerArticle ?? stockStats?.maxPerArticle ?? 0,
        limit,
        draftCount: list.length,
        ...(stats ? { keyness: stats.keyness, months: stats.months, subjects: stats.subjects, why: whyFormulaic(stats) } : {}),
        examples: stats?.examples ?? [],
      };
      // One finding per phrase, on its first use past the limit; the other uses are related places.
      const occ = list[limit];
      const others = list.filter((o) => o !== occ).slice(0, MAX_RELATED);
      flagged.push({
        length: phrase.length,
        finding: {
          start: occ.start,
          end: occ.end,
          message: `“${phrase}”在本稿中出现 ${list.length} 次，超过上限 ${limit} 次（${basis}）。建议改用具体事实或换一种说法，删去重复。`,
          related: others.map((o) => ({ start: o.start, end: o.end, message: `第 ${list.indexOf(o) + 1} 次出现“${phrase}”` })),
          evidence,
        },
      });
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

/** The archive's mean article length in Han characters (0 when it has none). */
function meanArticleChars(profile: Profile): number {
  const { chars, articles } = profile.register;
  return articles > 0 ? chars / articles : 0;
}

/**
 * A learned limit holds for an article of the archive's mean length; a draft several times as long
 * (a theory page, a long report) may use a phrase proportionally more often, and a short one (a
 * 600-character 快评) proportionally less, though never fewer than 3 times for a learned limit.
 */
function scaledToLength(limit: number, doc: ParsedDraft, profile: Profile): number {
  const mean = meanArticleChars(profile);
  return mean > 0 ? Math.max(Math.min(limit, 3), Math.round((limit * doc.hanChars) / mean)) : limit;
}
