// The whole test suite, as `npm test` runs it: the unit, rule, conformance, protocol and CLI tests
// (node's runner), then the tests in real editors. Both phases always run, and the output ends with
// one `N passed, N failed` line over all of them, which CI reads.
import { spawn } from 'node:child_process';

function run(args, parse) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const counts = { passed: 0, failed: 0 };
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) parse(line, counts);
    });
    child.on('close', (code) => {
      if (pending) parse(pending, counts);
      resolve({ ...counts, code: code ?? 1 });
    });
  });
}

const unit = await run(['test/run.mjs'], (line, counts) => {
  const pass = /^ℹ pass (\d+)/.exec(line);
  const fail = /^ℹ fail (\d+)/.exec(line);
  if (pass) counts.passed = Number(pass[1]);
  if (fail) counts.failed = Number(fail[1]);
});
const editors = await run(['test/e2e/run.mjs'], (line, counts) => {
  const summary = /^(\d+) passed, (\d+) failed/.exec(line);
  if (summary) [counts.passed, counts.failed] = [Number(summary[1]), Number(summary[2])];
});

// A phase that crashed before reporting counts as one failure, so it can never look green.
const crashed = [unit, editors].filter((p) => p.code !== 0 && p.failed === 0).length;
const passed = unit.passed + editors.passed;
const failed = unit.failed + editors.failed + crashed;
console.log(`\nunit, protocol and CLI tests: ${unit.passed} passed, ${unit.failed} failed; editor tests: ${editors.passed} passed, ${editors.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
