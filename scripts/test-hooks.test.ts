import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesWithTestHooks } from './test-hooks.mjs';

describe('filesWithTestHooks', () => {
  it('finds the page and editor hooks in built JavaScript, and nothing in a clean build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-build-'));
    mkdirSync(join(dir, '_app'));
    writeFileSync(join(dir, '_app', 'clean.js'), 'const a=1;window.addEventListener("load",()=>a);');
    expect(filesWithTestHooks(dir)).toEqual([]);
    writeFileSync(join(dir, '_app', 'page.js'), 'window.__axon = pg;');
    writeFileSync(join(dir, 'editor.js'), 'w.__axonEditor=hook');
    writeFileSync(join(dir, '_app', 'worker.js'), 'setTimeout(()=>{throw new Error("Deliberate crash (test of the restart path)")})');
    expect(filesWithTestHooks(dir).map((p: string) => p.slice(dir.length + 1)).sort()).toEqual(['_app/page.js', '_app/worker.js', 'editor.js']);
  });
});
