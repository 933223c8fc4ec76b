import { defineRule } from './rule';

// PLACEHOLDER: being implemented.
export const punctuationPairing = defineRule({
  id: 'punctuation-pairing',
  family: 'typography',
  description: 'TODO',
  defaultSeverity: 'warning',
  docs: { why: 'TODO', example: 'TODO' },
  defaultOptions: {},
  check() {
    return [];
  },
});
