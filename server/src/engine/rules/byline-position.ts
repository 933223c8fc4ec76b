import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const bylinePosition = defineRule({
  id: 'byline-position',
  family: 'byline',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
