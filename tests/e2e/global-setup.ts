import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { filesWithTestHooks } from '../../scripts/test-hooks.mjs';

/**
 * Serves the production build (vite preview) on APP_PORT, and the example host page on HOST_PORT:
 * a second origin, so the embed test crosses origins as a real course page would.
 */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4391);
export const HOST_PORT = Number(process.env.E2E_HOST_PORT ?? 4392);

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    hostUrl: string;
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Server at ${url} did not answer within ${timeoutMs} ms`);
}

function serve(args: string[]): ChildProcess {
  return spawn('npx', args, { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

export default async function setup(project: TestProject) {
  // The tests read the page through its test hooks, which only a test build has (AXON_TEST_HOOKS=1):
  // build when there is no build, or when the one there is a normal (hook-free) build.
  if (!existsSync('build/index.html') || filesWithTestHooks('build').length === 0) {
    const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', env: { ...process.env, AXON_TEST_HOOKS: '1' } });
    if (built.status !== 0) throw new Error('The build failed; end-to-end tests need build/.');
  }
  const app = serve(['vite', 'preview', '--port', String(APP_PORT), '--strictPort', '--host', '127.0.0.1']);
  // The host page is served by a second preview server of the same folder under another port = another origin.
  const host = serve(['vite', 'preview', '--port', String(HOST_PORT), '--strictPort', '--host', '127.0.0.1']);
  const stop = () => {
    for (const child of [app, host]) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitForHttp(`http://127.0.0.1:${APP_PORT}/`, 30_000);
    await waitForHttp(`http://127.0.0.1:${HOST_PORT}/`, 30_000);
  } catch (error) {
    stop();
    throw error;
  }
  project.provide('appUrl', `http://127.0.0.1:${APP_PORT}`);
  project.provide('hostUrl', `http://localhost:${HOST_PORT}`);
  return stop;
}
