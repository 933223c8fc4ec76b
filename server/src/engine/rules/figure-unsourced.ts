import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const figureUnsourced = defineRule({
  id: 'figure-unsourced',
  family: 'figure',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
