#!/usr/bin/env node
// `npm run bench [-- --json]`: the engine benchmark, the MNIST epoch, then the page frame-rate benchmark, each given the same flags.
import { spawnSync } from 'node:child_process';

const flags = process.argv.slice(2);
for (const script of ['bench/engine.bench.ts', 'bench/mnist-epoch.ts', 'bench/page-fps.ts']) {
  const result = spawnSync('npx', ['tsx', script, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
