import { houseByline, houseFormExample, houseFormText, type HouseByline } from '../byline/house';
import { formatByline, nameLength } from '../parse/byline';
import type { Byline } from '../parse/draft';
import type { RuleFinding } from '../types';
import { defineRule } from './rule';

const SEPARATOR_NAMES: Record<string, string> = { ' ': '空格', '　': '全角空格', '、': '顿号', '，': '逗号', ',': '半角逗号', '/': '斜杠', '／': '斜杠', ';': '分号', '；': '分号' };

export const bylineFormat = defineRule({
  id: 'byline-format',
  family: 'byline',
  description: '署名格式与本报学到的格式不符',
  defaultSeverity: 'warning',
  docs: {
    why: '同一张报纸的署名应当统一：标记符号、标记与姓名之间是否空格、多位作者的分隔方式都由本报已发表文章学得。常见错误有把“●”打成“•”“·”“○”，写成“文/王英”“作者：王英”，姓名后带句号，或多位作者之间用逗号分隔。',
    example: '• 王英。 → ●王英；●王英，李明 → ●王英 李明',
  },
  defaultOptions: {},
  check(doc, profile) {
    const house = houseByline(profile.house.byline);
    if (!house) return [];
    const out: RuleFinding[] = [];
    for (const byline of doc.bylineCandidates) {
      const finding = checkByline(byline, house);
      if (finding) out.push(finding);
    }
    return out;
  },
});

function checkByline(b: Byline, house: HouseByline): RuleFinding | undefined {
  if (b.form === 'staff') return undefined; // 本报评论员 is the house's own staff signature
  const problems: string[] = [];
  let rewritten: string | undefined;

  if (house.kind === 'marker-name') {
    if (b.form === 'parenthetical-note') {
      if (!b.names.length) {
        problems.push(`本报不用“${b.marker}……）”括注署名，而是署作者姓名，如“${houseFormExample(house)}”`);
      } else {
        problems.push(`本报不用“${b.marker}……）”括注署名`);
        rewritten = houseFormText(house, b.names);
      }
    } else {
      const marker = house.acceptedMarkers.has(b.marker) ? b.marker : house.marker;
      if (!b.marker) problems.push(`署名前缺少本报的标记“${house.marker}”`);
      else if (marker !== b.marker) problems.push(`署名标记“${b.marker}”不是本报用的“${house.marker}”`);
      if (b.spaceAfterMarker) problems.push('标记与姓名之间多了空格');
      if (b.paddedName) problems.push('姓名中间多了空格');
      if (b.trailing) problems.push(`署名末尾多了标点“${b.trailing}”`);
      const separator = separatorProblem(b, house, problems);
      lengthProblems(b, house, problems);
      rewritten = formatByline(marker, b.names, separator);
    }
  } else if (b.form === 'parenthetical-note') {
    const marker = house.acceptedMarkers.has(b.marker) ? b.marker : house.marker;
    if (marker !== b.marker) problems.push(`括注开头“${b.marker}”不是本报用的“${house.marker}”`);
    if (b.halfWidth) problems.push('括注用了半角括号或冒号');
    if (b.spaceAfterMarker) problems.push('括注开头后多了空格');
    if (b.trailing) problems.push(`括注后多了标点“${b.trailing}”`);
    rewritten = `${marker}${b.note ?? ''}）`;
  } else {
    problems.push(`本报不在文中单独署“${b.marker}${b.names.join('')}”，而是在文末以“${house.marker}……）”注明作者`);
  }

  if (!problems.length) return undefined;
  const fix = rewritten && rewritten !== b.raw ? rewritten : undefined;
  // No rewrite at all means the byline is in another form altogether (a note for a `●` house…).
  const advice = fix ? `应改为“${fix}”。` : rewritten === undefined ? `请按本报格式“${houseFormExample(house)}”改写。` : '';
  return {
    start: b.start,
    end: b.end,
    message: `署名格式与本报不符：${problems.join('；')}。${advice}`,
    fix: fix ? { title: `改为本报署名格式“${fix}”`, edits: [{ start: b.start, end: b.end, newText: fix }] } : undefined,
    evidence: { kind: 'byline', found: b.raw, houseForm: fix ?? houseFormExample(house), details: problems.join('；') },
  };
}

/** Reports separators the house does not use (or mixed ones); returns the separator to rewrite with. */
function separatorProblem(b: Byline, house: HouseByline, problems: string[]): string {
  if (b.separators.length === 0) return house.separator;
  const distinct = [...new Set(b.separators)];
  const wrong = distinct.filter((s) => !house.acceptedSeparators.has(s));
  if (wrong.length) {
    problems.push(`多位作者之间应以${describe(house.separator)}分隔，而不是${wrong.map(describe).join('、')}`);
    return house.separator;
  }
  if (distinct.length > 1) {
    problems.push(`多位作者之间的分隔符不统一，应一律用${describe(house.separator)}`);
    return house.separator;
  }
  return distinct[0];
}

function lengthProblems(b: Byline, house: HouseByline, problems: string[]): void {
  const range = house.nameLengths;
  if (!range) return;
  for (const name of b.names) {
    const n = nameLength(name);
    if (n >= range.min && n <= range.max) continue;
    const learned = range.min === range.max ? `${range.min}` : `${range.min}～${range.max}`;
    problems.push(`姓名“${name}”有 ${n} 个字，本报署名的姓名为 ${learned} 个字，请核对是否多写或漏写了字`);
  }
}

function describe(separator: string): string {
  return SEPARATOR_NAMES[separator] ? `${SEPARATOR_NAMES[separator]}“${separator}”` : `“${separator}”`;
}
