import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const bylineFormat = defineRule({
  id: 'byline-format',
  family: 'byline',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
