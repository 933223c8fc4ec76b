import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const figureConflict = defineRule({
  id: 'figure-conflict',
  family: 'figure',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
