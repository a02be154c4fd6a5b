/**
 * Page smoothness while training: serves the production build, opens it in headless Chromium and measures
 *   - idle frame rate (nothing training),
 *   - frame rate, p95 frame and the worker's steps/s while the default network trains, then while
 *     2 → 6×8 tanh → 1 trains on the spiral,
 *   - input-to-paint latency while 6×8 trains: hovering, dragging a node, panning, zooming, typing a learning rate,
 *     four times: the first pass pays the browser's one-time GPU program compiles, the other three, pooled,
 *     are the figure, with the steps/s training keeps meanwhile (the worker rests while a person uses the page),
 *   - the same input with nothing training (the page's own frames: what training adds is the difference),
 *   - the worker's steps/s for 6×8 while the page draws nothing (the page hidden by CSS): the yardstick for
 *     how much of its speed training keeps while the page draws.
 * Training runs at the "as fast as possible" pace, chosen through the Pace menu (FAST_PACE below).
 * Prints figures, never fails on a slow machine.
 *   npm run bench:page            (builds first, with the test hooks, if build/ is missing or lacks them)
 *   npm run bench:page -- --json  (also one JSON line: fps, fps_6x8, input_latency_p95_ms, steps_per_s, ...)
 *   npm run bench:page -- --url=http://127.0.0.1:4600/   (measure a test build served elsewhere, e.g. an older
 *                                  one, back to back with this one: nothing is built or served then)
 *   npm run bench:page -- --trace=/tmp/input.json   (a Chromium trace of the measured input passes, for
 *                                  chrome://tracing or Perfetto: where each slow frame's time went)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch } from '../tests/e2e/browser';
import { sixByEight } from '../tests/e2e/networks';
import { defaultState } from '../src/lib/model/defaults';
import type { PlaygroundState } from '../src/lib/model/playground';
import { frameProbe, latencyFigures, startInputProbe, stopInputProbe, type FrameFigures, type InputLatency } from './page-probes';
import { coresUsed, cpuTicks } from './proc-cpu';
import { filesWithTestHooks } from '../scripts/test-hooks.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const SECONDS = 5;
/** Measured input passes after the first (which pays one-time GPU program compiles), pooled for the figure. */
const INPUT_PASSES = 3;
/** The Pace menu's "as fast as possible" option value: the bench measures the page at full training speed. */
const FAST_PACE = '0';

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

async function loadState(page: Page, state: PlaygroundState): Promise<void> {
  await page.evaluate((s) => (window as unknown as { __axon: { loadState: (s: unknown) => Promise<boolean> } }).__axon.loadState(s), state);
  await page.waitForFunction(() => (window as unknown as { __axon: { snapshot: { epoch: number } | null } }).__axon.snapshot?.epoch === 0, null, { timeout: 60_000 });
  await page.getByTestId('pace').selectOption(FAST_PACE);
}

async function running(page: Page, want: boolean): Promise<void> {
  const now = await page.evaluate(() => (window as unknown as { __axon: { running: boolean } }).__axon.running);
  if (now !== want) await page.getByTestId('play').click();
  await page.waitForFunction((w) => (window as unknown as { __axon: { snapshot: { running: boolean } } }).__axon.snapshot?.running === w, want, { timeout: 10_000 });
}

interface Measured extends FrameFigures {
  /** cores used by the browser's threads meanwhile ("renderer/CrRendererMain", "gpu-process/…"), largest first */
  cpu: [string, number][];
}

/** Frames and steps over `seconds`, what the network canvas did and the CPU the browser used meanwhile. */
async function measureFrames(page: Page, seconds: number): Promise<Measured> {
  const before = cpuTicks(process.pid);
  const started = Date.now();
  const frames = await page.evaluate(frameProbe, seconds);
  return { ...frames, cpu: coresUsed(before, cpuTicks(process.pid), (Date.now() - started) / 1000) };
}

/** Steps/s over `seconds` while nothing on the page is painted (training alone, as far as the page allows). */
async function measureUndrawn(page: Page, seconds: number): Promise<number> {
  const style = await page.addStyleTag({ content: 'body { visibility: hidden !important; }' });
  await page.waitForTimeout(500);
  const figures = await page.evaluate(frameProbe, seconds);
  await style.evaluate((element) => element.parentNode?.removeChild(element));
  return figures.stepsPerSecond;
}

/** Cores used per process kind, then the busiest threads. */
function cpuLine(cpu: [string, number][]): string {
  const kinds = new Map<string, number>();
  for (const [key, used] of cpu) kinds.set(key.split('/')[0], (kinds.get(key.split('/')[0]) ?? 0) + used);
  const total = [...kinds].map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  const threads = cpu.slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  return `${total} (busiest threads: ${threads})`;
}

/** Screen point inside the network canvas at fractions (fx, fy) of its box. */
async function canvasPoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('network-canvas').boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Real input through Chromium: hover, drag a node, pan, zoom, type a learning rate. */
async function gestures(page: Page): Promise<void> {
  const pause = (ms: number) => page.waitForTimeout(ms);
  // Hover across the canvas (links and units): the tooltip follows.
  for (let k = 0; k <= 20; k++) {
    const p = await canvasPoint(page, 0.2 + (0.6 * k) / 20, 0.3 + (0.4 * k) / 20);
    await page.mouse.move(p.x, p.y);
    await pause(40);
  }
  // Drag a hidden node by its box.
  const box = await page.evaluate(() => {
    const pg = (window as unknown as { __axon: { state: { doc: { nodes: { id: string; kind: string }[] } } } }).__axon;
    const node = pg.state.doc.nodes.find((n) => n.kind === 'dense');
    const hook = (window as unknown as { __axonEditor: { nodeScreenBox(id: string): { x: number; y: number; width: number; height: number } | null } }).__axonEditor;
    return node ? hook.nodeScreenBox(node.id) : null;
  });
  if (box) {
    const x = box.x + box.width / 2;
    const y = box.y + Math.min(box.height / 2, 10);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 15; k++) {
      await page.mouse.move(x + k * 3, y + k * 2);
      await pause(40);
    }
    await page.mouse.up();
    // No undo here: an undo while training can take back more than the move (the network's load) and
    // stop training, and the rest of the input would then be measured on an idle page.
  }
  // Pan with the middle button, then zoom with the wheel.
  const start = await canvasPoint(page, 0.5, 0.85);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down({ button: 'middle' });
  for (let k = 1; k <= 15; k++) {
    await page.mouse.move(start.x + k * 4, start.y - k);
    await pause(40);
  }
  await page.mouse.up({ button: 'middle' });
  for (let k = 0; k < 8; k++) {
    await page.mouse.wheel(0, k % 2 === 0 ? -60 : 60);
    await pause(60);
  }
  // Type a learning rate.
  const rate = page.getByTestId('learning-rate');
  await rate.click();
  await rate.press('Control+a');
  for (const ch of '0.03') {
    await page.keyboard.type(ch);
    await pause(60);
  }
  await rate.press('Enter');
  await pause(300);
}

interface InputPass {
  latencies: InputLatency[];
  /** training steps while the gestures ran, and how long they took (ms) */
  steps: number;
  ms: number;
}

const trainingStep = (page: Page) => page.evaluate(() => (window as unknown as { __axon: { snapshot: { step: number } | null } }).__axon.snapshot?.step ?? 0);

/**
 * Runs the gestures (while training unless `training` is false), recording each event's latency to the next
 * frame, and the steps trained meanwhile (the worker rests while a person uses the page: what that costs).
 */
async function measureInput(page: Page, training = true): Promise<InputPass> {
  await page.evaluate(startInputProbe);
  const stepBefore = await trainingStep(page);
  const started = Date.now();
  await gestures(page);
  const ms = Date.now() - started;
  const steps = (await trainingStep(page)) - stepBefore;
  const latencies = await page.evaluate(stopInputProbe);
  const stillTraining = await page.evaluate(() => (window as unknown as { __axon: { running: boolean } }).__axon.running);
  if (training && !stillTraining) throw new Error('Training stopped during the input measurement: its latencies would not be measured while training.');
  return { latencies, steps, ms };
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

function printFrames(title: string, f: Measured): void {
  console.log(`\n${title}`);
  console.log(`  frame rate        ${fmt(f.fps)} fps (p95 frame ${fmt(f.p95FrameMs)} ms, worst ${fmt(f.worstFrameMs)} ms)`);
  if (f.stepsPerSecond > 0) console.log(`  training          ${Math.round(f.stepsPerSecond).toLocaleString('en-US')} steps/s`);
  const ed = f.editor;
  if (ed) {
    const rate = (key: string) => fmt(ed[key] / f.seconds);
    console.log(
      `  network canvas    ${rate('frames')} renders/s, ${rate('snapshots')} snapshots/s received, ${rate('liveUpdates')} drawn/s, ` +
        `${rate('edgeRedraws')} edge redraws/s, ${rate('textureUploads')} heat-map uploads/s`
    );
  }
  if (f.cpu.length) console.log(`  cpu (cores)       ${cpuLine(f.cpu)}`);
  if (f.views) {
    const parts = Object.entries(f.views).map(([name, n]) => `${name} ${fmt(n / f.seconds)}/s`);
    console.log(`  live views        ${parts.join(', ')}`);
  }
}

/** This build, built with the test hooks if needed, served by vite preview on PORT; stop() ends the server. */
function serveThisBuild(): { url: string; stop(): void } {
  // The bench reads the page through its test hooks, which only a test build has (AXON_TEST_HOOKS=1).
  if (!existsSync('build/index.html') || filesWithTestHooks('build').length === 0) {
    spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', env: { ...process.env, AXON_TEST_HOOKS: '1' } });
  }
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    stdio: 'ignore',
    detached: true
  });
  return {
    url: `http://127.0.0.1:${PORT}/`,
    stop() {
      try {
        if (server.pid) process.kill(-server.pid, 'SIGTERM');
      } catch {
        // the server is gone already (it could not take the port): nothing to stop
      }
    }
  };
}

async function main() {
  const given = process.argv.find((a) => a.startsWith('--url='))?.slice('--url='.length);
  const traceFile = process.argv.find((a) => a.startsWith('--trace='))?.slice('--trace='.length);
  const served = given ? { url: given, stop() {} } : serveThisBuild();
  const browser = await launch();
  try {
    await waitForHttp(served.url);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __axon?: { snapshot: unknown } }).__axon?.snapshot, null, { timeout: 90_000 });
    // tsx (esbuild) names inner functions with a `__name` helper that does not exist in the page.
    await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');

    await loadState(page, defaultState());
    await page.waitForTimeout(1000);
    const idle = await measureFrames(page, 3);
    await running(page, true);
    await page.waitForTimeout(1000);
    const small = await measureFrames(page, SECONDS);
    await running(page, false);

    await loadState(page, sixByEight());
    await running(page, true);
    await page.waitForTimeout(1000);
    const big = await measureFrames(page, SECONDS);
    // The first time a page shows something new (the first selection, the inspector, a focused field),
    // the browser compiles GPU programs for it; on SwiftShader that costs one frame several hundred ms.
    // Chromium keeps them in its disk cache, so a person pays it once per browser, not per gesture: the
    // figure that counts is the passes after it. Both are printed.
    const cold = latencyFigures((await measureInput(page)).latencies);
    if (traceFile) await browser.startTracing(page, { categories: ['devtools.timeline', 'gpu', 'viz', 'toplevel', 'v8'] });
    // One pass of 75 events moves by tens of ms from run to run on this machine: the figure pools several.
    const inputPasses: InputPass[] = [];
    for (let k = 0; k < INPUT_PASSES; k++) inputPasses.push(await measureInput(page));
    if (traceFile) writeFileSync(traceFile, await browser.stopTracing());
    const passes = inputPasses.map((p) => p.latencies);
    const latency = latencyFigures(passes.flat());
    const stepsWhileInput = (1000 * inputPasses.reduce((sum, p) => sum + p.steps, 0)) / inputPasses.reduce((sum, p) => sum + p.ms, 0);
    const undrawn = await measureUndrawn(page, 3);
    await running(page, false);
    // The yardstick for what training costs input: the same gestures on the same page with nothing training
    // (what is left is the page's own frames: without GPU acceleration every presented frame costs the GPU
    // process 10–25 ms, and a press or a key is timed to its frame's presentation).
    const idlePasses: InputLatency[][] = [];
    for (let k = 0; k < INPUT_PASSES; k++) idlePasses.push((await measureInput(page, false)).latencies);
    const idleLatency = latencyFigures(idlePasses.flat());

    console.log(`\nIdle page (nothing training), 3 s: ${fmt(idle.fps)} fps (p95 frame ${fmt(idle.p95FrameMs)} ms)`);
    if (idle.cpu.length) console.log(`  cpu (cores)       ${cpuLine(idle.cpu)}`);
    printFrames(`Default network training at full pace, ${SECONDS} s in headless Chromium:`, small);
    printFrames(`2 → 6×8 tanh → 1 on the spiral (batch 10) training at full pace, ${SECONDS} s:`, big);
    console.log(
      `\n6×8 steps/s while the page draws nothing: ${Math.round(undrawn).toLocaleString('en-US')}; ` +
        `while it draws: ${Math.round(big.stepsPerSecond).toLocaleString('en-US')} (${fmt((100 * big.stepsPerSecond) / undrawn, 0)} %)`
    );
    console.log(
      `\nInput while 6×8 trains, first pass (the browser compiles GPU programs for what it shows first): ` +
        `p95 ${fmt(cold.p95Ms)} ms, median ${fmt(cold.medianMs)} ms, worst ${fmt(cold.worstMs)} ms`
    );
    console.log(
      `Input while 6×8 trains, ${INPUT_PASSES} more passes pooled (${latency.count} events: hover, node drag, pan, zoom, typing a learning rate):`
    );
    console.log(`  input-to-frame    p95 ${fmt(latency.p95Ms)} ms, median ${fmt(latency.medianMs)} ms, worst ${fmt(latency.worstMs)} ms`);
    console.log(`  p95 of each pass  ${passes.map((pass) => `${fmt(latencyFigures(pass).p95Ms)} ms`).join(', ')}`);
    for (const [kind, k] of Object.entries(latency.byKind)) console.log(`    ${kind.padEnd(14)} p95 ${fmt(k.p95Ms)} ms over ${k.count}`);
    const slowest = latency.slowest.map((e) => `#${e.index} ${e.type} (${e.kind}) ${fmt(e.ms, 0)} ms`);
    console.log(`  slowest events    ${slowest.join(', ')}`);
    console.log(
      `  training meanwhile ${Math.round(stepsWhileInput).toLocaleString('en-US')} steps/s ` +
        `(${fmt((100 * stepsWhileInput) / undrawn, 0)} % of the undrawn figure: the worker rests while a person uses the page)`
    );
    console.log(
      `Input with nothing training, ${INPUT_PASSES} passes pooled (the page's own frames): p95 ${fmt(idleLatency.p95Ms)} ms, ` +
        `median ${fmt(idleLatency.medianMs)} ms (` +
        Object.entries(idleLatency.byKind)
          .map(([kind, k]) => `${kind} ${fmt(k.p95Ms)}`)
          .join(', ') +
        ')'
    );
    if (process.argv.includes('--json')) {
      console.log(
        JSON.stringify({
          workload: 'page',
          engine: 'axon-worker',
          fps: small.fps,
          p95_frame_ms: small.p95FrameMs,
          steps_per_s_default: small.stepsPerSecond,
          fps_6x8: big.fps,
          p95_frame_ms_6x8: big.p95FrameMs,
          steps_per_s: big.stepsPerSecond,
          steps_per_s_undrawn: undrawn,
          steps_per_s_during_input: stepsWhileInput,
          idle_fps: idle.fps,
          input_latency_p95_ms: latency.p95Ms,
          input_latency_p95_ms_first_pass: cold.p95Ms,
          input_latency_p95_ms_idle: idleLatency.p95Ms
        })
      );
    }
  } finally {
    await browser.close();
    served.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
