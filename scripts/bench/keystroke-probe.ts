// Child process of the bench: the keystroke measurement (keystroke.ts) on the segmenter
// OPINION_LINT_SEGMENTER names (the bench's own process has chosen the native one already).
// Prints one JSON line.
//   tsx scripts/bench/keystroke-probe.ts <draft-file> <edits-json-file>

import { readFileSync } from 'node:fs';
import { measureKeystrokes } from './keystroke';

const [draftFile, editsFile] = process.argv.slice(2);

measureKeystrokes(readFileSync(draftFile, 'utf8'), JSON.parse(readFileSync(editsFile, 'utf8')), {
  tagBaseline: process.env.OPINION_LINT_SEGMENTER !== 'portable',
})
  .then((result) => process.stdout.write(JSON.stringify(result) + '\n'))
  .catch((err) => {
    process.stderr.write(String(err?.stack ?? err) + '\n');
    process.exit(1);
  });
