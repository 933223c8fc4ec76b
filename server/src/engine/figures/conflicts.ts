// The pairs of figures in one draft that give one quantity two values: what figure-conflict reports,
// and what figure-unsourced leaves to it. Found once per draft and profile.

import { draftMemo, type ParsedDraft } from '../parse/draft';
import type { Profile } from '../profile/types';
import { aliasesIn, aliasMap, withAliases } from './aliases';
import { extractFigures, sentenceTokens, type Figure } from './extract';
import { conflictInDraft, sceneOf, unitClass, type DraftConflict, type DraftScene } from './match';

/** How many earlier figures of the same unit class each figure is compared with. */
const MAX_COMPARED = 256;

export interface DraftConflicts {
  /** The draft's figures, abbreviations read as their full names. */
  figures: Figure[];
  scene: DraftScene;
  /** Each later figure with the first earlier one it contradicts. */
  pairs: { earlier: Figure; later: Figure; why: DraftConflict }[];
}

/** draftMemo's key: a draft's conflicts by profile. */
const CONFLICTS = {};

export function draftConflicts(doc: ParsedDraft, profile: Profile | undefined): DraftConflicts {
  const perProfile = draftMemo(doc, CONFLICTS, () => new Map<Profile | undefined, DraftConflicts>());
  let result = perProfile.get(profile);
  if (!result) perProfile.set(profile, (result = findConflicts(doc, profile)));
  return result;
}

function findConflicts(doc: ParsedDraft, profile: Profile | undefined): DraftConflicts {
  // Attribution does not matter here, so the base extraction is enough; abbreviations (GDP) are
  // read as the full names the draft or the archive gave them.
  const extracted = extractFigures(doc);
  const figures = extracted.length ? withAliases(extracted, aliasMap(profile, aliasesIn(doc, (i) => sentenceTokens(doc, i)))) : [];
  const scene = sceneOf(doc, figures);
  const pairs: DraftConflicts['pairs'] = [];
  // Only figures whose units can count one thing can be one quantity.
  const seen = new Map<string, Figure[]>();
  for (const later of figures) {
    const key = unitClass(later.unit);
    let earlierOnes = seen.get(key);
    if (!earlierOnes) seen.set(key, (earlierOnes = []));
    // The nearest MAX_COMPARED figures of the class, earliest first: a draft has a few dozen figures,
    // a pasted data table tens of thousands, which must not cost a comparison of every pair.
    for (let k = Math.max(0, earlierOnes.length - MAX_COMPARED); k < earlierOnes.length; k++) {
      const why = conflictInDraft(earlierOnes[k], later, scene, doc.text);
      if (why) {
        pairs.push({ earlier: earlierOnes[k], later, why });
        break;
      }
    }
    // Appended in place: copying the list for every figure was quadratic in a figure-heavy draft.
    earlierOnes.push(later);
  }
  return { figures, scene, pairs };
}
