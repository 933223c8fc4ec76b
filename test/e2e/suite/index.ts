// Entry point VS Code loads as extensionTestsPath: a plain run() that runs the mocha suite in the
// extension host and rejects when any test fails (VS Code then exits with code 1).
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { codeActionTests } from './codeActions.e2e';
import { commandTests } from './commands.e2e';
import { diagnosticsTests } from './diagnostics.e2e';
import { hoverTests } from './hovers.e2e';
import { restrictedTests } from './restricted.e2e';
import { segmenterTests } from './segmenter.e2e';

interface Outcome {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

/**
 * Prints one finished line per test. The extension host's console reaches the workbench (and so the
 * terminal) without printf-style formatting, so mocha's own reporters would print raw "%s" patterns.
 */
function plainReporter(outcome: Outcome) {
  return class PlainReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.on('suite', (suite) => {
        if (suite.title) console.log(`${suite.title}`);
      });
      runner.on('pass', (test) => {
        outcome.passed++;
        console.log(`  ✔ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on('fail', (test, err: Error) => {
        outcome.failed++;
        outcome.failures.push({ title: test.fullTitle(), error: err.message });
        console.log(`  ✘ ${test.title}\n      ${err.message.replace(/\n/g, '\n      ')}`);
      });
    }
  };
}

export function run(): Promise<void> {
  const outcome: Outcome = { passed: 0, failed: 0, failures: [] };
  // OPINION_LINT_E2E_GREP narrows a local run to matching tests (debugging only; CI runs them all).
  const grep = process.env.OPINION_LINT_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: plainReporter(outcome), ...(grep ? { grep } : {}) });
  // Define describe/it as globals for the test modules, as mocha does when it loads files itself.
  mocha.suite.emit('pre-require', globalThis, 'opinion-lint-e2e', mocha);
  if (process.env.OPINION_LINT_E2E_PASS === 'restricted') {
    // An untrusted workspace: the other tests assume full trust (Learn Profile, a house profile).
    restrictedTests();
  } else {
    segmenterTests();
    diagnosticsTests();
    hoverTests();
    codeActionTests();
    commandTests();
  }

  return new Promise((resolve, reject) => {
    mocha.run(() => {
      // The outer runner reads this file, so a run that never happened cannot look like a pass.
      if (process.env.OPINION_LINT_E2E_RESULTS) writeFileSync(process.env.OPINION_LINT_E2E_RESULTS, JSON.stringify(outcome, null, 2));
      console.log(`in-host: ${outcome.passed} passed, ${outcome.failed} failed`);
      if (outcome.failed > 0) reject(new Error(`${outcome.failed} extension test(s) failed`));
      else resolve();
    });
  });
}
