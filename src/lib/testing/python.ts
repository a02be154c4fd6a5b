/**
 * The Python that tests run to read our exported files: the first of `python3`, `/usr/bin/python3` that
 * can import numpy and h5py (a pyenv python3 often has neither; Debian's has both once
 * `apt-get install python3-numpy python3-h5py` ran, as .ci/run does). Never a silent skip: without one,
 * the test fails and says what to install.
 */
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['python3', '/usr/bin/python3'];
let found: string | null | undefined;

export function numpyPython(): string {
  if (found === undefined) {
    found = null;
    for (const candidate of CANDIDATES) {
      const probe = spawnSync(candidate, ['-c', 'import numpy, h5py'], { encoding: 'utf8' });
      if (!probe.error && probe.status === 0) {
        found = candidate;
        break;
      }
    }
  }
  if (found === null) {
    throw new Error(`No Python with numpy and h5py (tried ${CANDIDATES.join(', ')}): apt-get install python3-numpy python3-h5py`);
  }
  return found;
}

/** Runs `script` with `input` on stdin and returns stdout; throws with stderr when Python fails. */
export function runPython(script: string, input = ''): string {
  const run = spawnSync(numpyPython(), ['-c', script], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`Python could not be started: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`Python failed (exit ${run.status}):\n${run.stderr}`);
  return run.stdout;
}
