import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const brokenLine = defineRule({
  id: 'broken-line',
  family: 'typography',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
