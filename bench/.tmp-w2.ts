import { oursContender } from './ours-contender';
import { WORKLOADS } from './workloads';
for (const w of WORKLOADS) {
  const c = oursContender(w, w.id === 'W4' ? 3200 : 2000);
  c.run(10);
  for (let r = 0; r < 3; r++) {
    const n = w.kind === 'grid' ? 5 : 500;
    const t0 = performance.now(); c.run(n); const s = (performance.now() - t0) / 1000;
    console.log(w.id, Math.round((n * c.itemsPerIteration) / s));
  }
}
