import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import type { PhraseStats, Profile } from '../../server/src/engine/profile/types';
import { summarizeDraft } from '../../server/src/engine/summary';
import type { Finding } from '../../server/src/engine/types';
import { fixtureProfile } from './fixtures';
import { phraseEntry } from '../helpers/phrase-stats';

function stats(phrase: string): PhraseStats {
  return phraseEntry(phrase, { count: 300, articles: 200, maxPerArticle: 1, keyness: 5, cliche: true });
}

function profile(bylineExpected = true): Profile {
  const p = fixtureProfile();
  // Table phrases count where learning counts them: runs of content words (补短板), not 以…为… frames.
  p.register.phrases = [stats('补短板'), stats('高质量发展')];
  p.house.byline.expected = bylineExpected;
  return p;
}

const DRAFT = `让地铁站的电梯先转起来
●林晓、周岚
城市的公共服务，要先补短板。推动高质量发展，离不开一件件小事。
去年全市新增电梯120部。据市地铁集团介绍，覆盖率达到85%。
推动高质量发展，还要把“最后一公里”真正走通。
`;

function finding(ruleId: string, severity: Finding['severity'], needle = '120部'): Finding {
  const start = DRAFT.indexOf(needle);
  return { ruleId, severity, message: '……', start, end: start + needle.length };
}

describe('summarizeDraft', () => {
  it('reads headline, authors and length off the parse, and counts formulaic phrases as the density rule does', () => {
    const doc = parseDraft(DRAFT);
    const s = summarizeDraft(doc, [], profile());
    expect(s.headline).toBe('让地铁站的电梯先转起来');
    expect(s.authors).toEqual(['林晓', '周岚']);
    expect(s.chars).toBe(doc.hanChars);
    expect(s.formulaicPhrases).toBe(3);
    expect(s.sloganDensity).toBeCloseTo((3 / doc.hanChars) * 1000, 1);
    expect(s.phrases).toEqual(expect.arrayContaining([{ phrase: '高质量发展', count: 2 }, { phrase: '补短板', count: 1 }]));
    expect(s.phrases![0]).toEqual({ phrase: '高质量发展', count: 2 });
    expect(s.bylineStatus).toBe('ok');
  });

  it('counts unsourced figures, leaving out those matching a published figure (information)', () => {
    const doc = parseDraft(DRAFT);
    const findings = [finding('figure-unsourced', 'warning'), finding('figure-unsourced', 'information', '85%'), finding('figure-format', 'warning')];
    expect(summarizeDraft(doc, findings, profile()).unsourcedFigures).toBe(1);
  });

  it('takes the byline status from the byline findings first, then from the learned model', () => {
    const doc = parseDraft(DRAFT);
    expect(summarizeDraft(doc, [finding('byline-format', 'warning', '●林晓、周岚')], profile()).bylineStatus).toBe('malformed');
    expect(summarizeDraft(doc, [finding('byline-position', 'warning', '●林晓、周岚')], profile()).bylineStatus).toBe('misplaced');

    const unsigned = parseDraft(DRAFT.replace('●林晓、周岚\n', ''));
    expect(summarizeDraft(unsigned, [], profile(true))).toMatchObject({ bylineStatus: 'missing', authors: [] });
    expect(summarizeDraft(unsigned, [], profile(false)).bylineStatus).toBe('not-expected');
  });

  it('names the desk for a staff byline', () => {
    const doc = parseDraft(DRAFT.replace('●林晓、周岚', '本报评论员'));
    expect(summarizeDraft(doc, [], profile()).authors).toEqual(['本报评论员']);
  });
});
