#!/usr/bin/env node
// Runs every suite (unit, type check, lint, build, end-to-end), prints each suite's result,
// and ends with one line that sums them: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { filesWithTestHooks } from './test-hooks.mjs';

const reports = 'test-results';
mkdirSync(reports, { recursive: true });

/** Run a command with inherited output; true when it exits 0. */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

/** Run vitest with a JSON report and read the counts from it (a crash counts as one failure). */
function vitest(name, extraArgs) {
  const outputFile = join(reports, `${name}.json`);
  rmSync(outputFile, { force: true });
  const ok = run('npx', ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`]);
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    const failed = report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
    return { name, passed: report.numPassedTests, failed };
  } catch {
    return { name, passed: 0, failed: 1 };
  }
}

/** A whole command counted as one check. */
function check(name, command, args) {
  const ok = run(command, args);
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

const suites = [];
suites.push(vitest('unit', []));
suites.push(check('types (svelte-check + worker tsc)', 'npm', ['run', '--silent', 'check']));
suites.push(check('lint', 'npm', ['run', '--silent', 'lint']));
// The production build first: it must carry no test hook. Then the test build the end-to-end tests drive.
const build = check('build', 'npm', ['run', '--silent', 'build']);
suites.push(build);
if (build.failed === 0) {
  const hooked = filesWithTestHooks('build');
  if (hooked.length) console.error(`The production build carries test hooks in: ${hooked.join(', ')}`);
  suites.push({ name: 'production build has no test hooks', passed: hooked.length ? 0 : 1, failed: hooked.length ? 1 : 0 });
}
const testBuild = build.failed === 0 && run('npm', ['run', '--silent', 'build'], { ...process.env, AXON_TEST_HOOKS: '1' });
if (testBuild) suites.push(vitest('e2e', ['--config', 'vitest.e2e.config.ts']));
else suites.push({ name: 'e2e (skipped: the build failed)', passed: 0, failed: 1 });

console.log('\nSuites:');
for (const s of suites) console.log(`  ${s.name}: ${s.passed} passed, ${s.failed} failed`);
const passed = suites.reduce((sum, s) => sum + s.passed, 0);
const failed = suites.reduce((sum, s) => sum + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
