// The native backend: the patched nodejieba addon, built by `npm ci` (scripts/rebuild-nodejieba.mjs)
// for the machine it runs on. One dictionary per process, shared by worker threads (loadShared).

// nodejieba's loader only: it loads the binary on first call, so a missing binary is an error thrown
// (and caught) below, not when this module loads.
import * as nodejieba from 'nodejieba';
import type { JiebaBackend } from './backend';

/**
 * The addon, loaded and checked to be the patched build; throws when it is missing, built for
 * another platform, or stock nodejieba (which lacks tagPacked and the rest).
 */
export function loadNativeBackend(): JiebaBackend {
  // tagNames is the patch's and needs no dictionary: calling it loads the binary.
  if (!Array.isArray(nodejieba.tagNames())) throw new Error('nodejieba is not the patched build');
  return {
    kind: 'native',
    load: (files) => void nodejieba.loadShared(files),
    loadInBackground: async (files) => void (await nodejieba.loadSharedAsync(files)),
    tagPacked: (text) => nodejieba.tagPacked(text),
    tagNames: () => nodejieba.tagNames(),
    referenceFrequency: (word) => nodejieba.referenceFrequency(word),
    phraseReferenceFrequencies: (texts) => nodejieba.phraseReferenceFrequencies(texts),
    referenceTotals: () => nodejieba.referenceTotals(),
  };
}
