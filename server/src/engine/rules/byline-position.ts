import { houseByline } from '../byline/house';
import type { Byline, ParsedDraft } from '../parse/draft';
import type { BylinePosition } from '../profile/types';
import type { Fix, TextEdit } from '../types';
import { defineRule } from './rule';

const WHERE: Record<Byline['position'] | BylinePosition, string> = {
  'after-headline': '标题下一行',
  end: '文末',
  elsewhere: '正文中间',
  none: '',
};

export const bylinePosition = defineRule({
  id: 'byline-position',
  family: 'byline',
  description: '署名位置与本报版式不符',
  defaultSeverity: 'warning',
  docs: {
    why: '署名放在哪里由本报版式决定：有的报纸在标题下一行署名（●王英），有的在文末括注作者身份（作者为……）。署名放错位置，排版时容易漏改或重复。位置由本报已发表文章学得，也可在 .opinionlintrc.json 的 byline.position 中指定。',
    example: '正文最后一行“●王英” → 移到标题下一行',
  },
  defaultOptions: {},
  check(doc, profile) {
    const house = houseByline(profile.house.byline);
    const byline = doc.byline;
    if (!house || !byline) return [];
    if (doc.bylineCandidates.some((b) => b.position === house.position)) return [];
    const fix = moveFix(doc, byline, house.position);
    return [
      {
        start: byline.start,
        end: byline.end,
        message: `署名放在了${WHERE[byline.position]}，本报署名位于${WHERE[house.position]}，请把“${byline.raw}”移到${WHERE[house.position]}。`,
        fix,
        evidence: {
          kind: 'byline',
          found: byline.raw,
          houseForm: byline.raw,
          details: `本报 ${profile.house.byline.positionCounts[house.position] ?? 0} 篇有署名的文章把署名放在${WHERE[house.position]}。`,
        },
      },
    ];
  },
});

/**
 * Moves the byline line: removes it with the line break before it and inserts it after the
 * headline (and a ——subtitle) or after the last paragraph. Undefined when that is not safe:
 * no headline, or a comment right before the byline that the removal would take along.
 */
function moveFix(doc: ParsedDraft, byline: Byline, to: BylinePosition): Fix | undefined {
  const before = doc.paragraphs[byline.paragraph - 1];
  if (!before || before.kind === 'comment' || !doc.headline) return undefined;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const content = doc.paragraphs.filter((p) => p.kind !== 'comment');
  let anchor = content.find((p) => p.index === doc.headline!.paragraph)!;
  if (to === 'after-headline') {
    for (const p of content.slice(content.indexOf(anchor) + 1)) {
      if (!/^—{1,2}/.test(p.text)) break;
      anchor = p;
    }
  } else {
    anchor = content[content.length - 1];
  }
  if (anchor.index === byline.paragraph) return undefined;
  // Keep the draft's own paragraph spacing (a blank line before the byline or none).
  const blankLines = /\n[ \t　]*\r?\n/.test(doc.text.slice(before.end, byline.start)) ? eol : '';
  const edits: TextEdit[] = [
    { start: anchor.end, end: anchor.end, newText: eol + blankLines + byline.raw },
    { start: before.end, end: byline.end, newText: '' },
  ].sort((a, b) => a.start - b.start);
  return { title: `把署名移到${WHERE[to]}`, edits };
}
