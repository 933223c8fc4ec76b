import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const sloganDensity = defineRule({
  id: 'slogan-density',
  family: 'slogan',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
