import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const sloganCliche = defineRule({
  id: 'slogan-cliche',
  family: 'slogan',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
