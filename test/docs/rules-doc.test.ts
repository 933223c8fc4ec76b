// docs/rules.md is what every diagnostic links to (`docs/rules.md#<rule-id>`): it must describe the
// rules as the code defines them. Regenerate with `npm run docs:rules`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/rules';
import { renderRulesDoc } from '../../scripts/rules-doc';

const doc = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');

describe('docs/rules.md', () => {
  it('has a section, anchored by its id, for every rule', () => {
    const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(RULES.map((r) => r.id));
  });

  it('is up to date with the rule modules (run `npm run docs:rules`)', () => {
    expect(doc).toBe(renderRulesDoc());
  });
});
