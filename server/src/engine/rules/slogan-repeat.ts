import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const sloganRepeat = defineRule({
  id: 'slogan-repeat',
  family: 'slogan',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
