// Every rule, in the order the docs list them. One rule, one file.

import type { Rule } from './rule';
import { sloganRepeat } from './slogan-repeat';
import { sloganCliche } from './slogan-cliche';
import { sloganDensity } from './slogan-density';
import { formulationVariant } from './formulation-variant';
import { figureUnsourced } from './figure-unsourced';
import { figureConflict } from './figure-conflict';
import { figureFormat } from './figure-format';
import { bylineMissing } from './byline-missing';
import { bylineFormat } from './byline-format';
import { bylinePosition } from './byline-position';
import { punctuationWidth } from './punctuation-width';
import { punctuationPairing } from './punctuation-pairing';
import { brokenLine } from './broken-line';

export const RULES: readonly Rule<any>[] = [
  sloganRepeat,
  sloganCliche,
  sloganDensity,
  formulationVariant,
  figureUnsourced,
  figureConflict,
  figureFormat,
  bylineMissing,
  bylineFormat,
  bylinePosition,
  punctuationWidth,
  punctuationPairing,
  brokenLine,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function getRule(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
