import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const figureFormat = defineRule({
  id: 'figure-format',
  family: 'figure',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
