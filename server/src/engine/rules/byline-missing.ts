import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const bylineMissing = defineRule({
  id: 'byline-missing',
  family: 'byline',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
