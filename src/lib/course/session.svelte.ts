/**
 * A challenge while it runs: follows the training snapshots, keeps the learner's best figures, notices the
 * moment the goal is met (once), tells the host, and reports to the course's LRS when the host gave one.
 */
import type { Snapshot } from '../../../workers/protocol';
import type { XapiCommand } from '../embed/messages';
import type { ChallengeConfig } from './challenges';
import { evaluateGoal, formatGoal, isBetter, type Goal, type Measured } from './goal';

export interface Reached {
  epoch: number;
  /** each condition's value at that moment, in the goal's order */
  values: number[];
}

export interface ReportStatus {
  kind: 'sending' | 'sent' | 'failed';
  text: string;
}

export interface SessionHooks {
  /** the goal was met (called once) */
  onReached?: (reached: Reached, results: Record<string, number>) => void;
  /** the LRS could not take the result */
  onReportFailed?: (message: string) => void;
  /** the host page's origin, for the default xAPI actor */
  hostOrigin?: () => string | null;
  now?: () => number;
}

function measured(snapshot: Snapshot, record: Snapshot['current']): Measured {
  return {
    epoch: record.epoch,
    params: snapshot.params.length,
    trainLoss: record.trainLoss,
    testLoss: record.testLoss,
    trainAccuracy: record.trainAccuracy,
    testAccuracy: record.testAccuracy,
    trainR2: record.trainR2 ?? Number.NaN,
    testR2: record.testR2 ?? Number.NaN
  };
}

export class ChallengeSession {
  readonly config: ChallengeConfig;
  readonly goal: Goal | null;
  /** the best value seen for each condition (NaN until one is seen) */
  best: number[] = $state([]);
  /** each condition's value in the latest snapshot */
  latest: number[] = $state([]);
  reached: Reached | null = $state(null);
  /** the epoch budget was used up in this run without meeting the goal */
  outOfEpochs = $state(false);
  report: ReportStatus | null = $state(null);
  /** the LRS and its credentials: memory only, never written anywhere */
  #xapi: XapiCommand | null = null;
  #hooks: SessionHooks;
  #startedAt: number;

  constructor(config: ChallengeConfig, hooks: SessionHooks = {}) {
    this.config = config;
    this.goal = config.goal;
    this.#hooks = hooks;
    this.#startedAt = (hooks.now ?? Date.now)();
    const count = this.goal?.conditions.length ?? 0;
    this.best = Array.from({ length: count }, () => Number.NaN);
    this.latest = Array.from({ length: count }, () => Number.NaN);
  }

  /** The goal as `goal=` text (what a host and the LRS are told). */
  get goalText(): string {
    return this.goal ? formatGoal(this.goal) : '';
  }

  observe(snapshot: Snapshot): void {
    const goal = this.goal;
    if (!goal) return;
    // Every epoch since the last snapshot counts, not only the moment the snapshot was taken.
    const moments = [...snapshot.epochs, snapshot.current].map((record) => measured(snapshot, record));
    const best = [...this.best];
    let latest = this.latest;
    let spent = false;
    for (const moment of moments) {
      const evaluation = evaluateGoal(goal, moment);
      latest = evaluation.values;
      if (!evaluation.outOfEpochs) {
        evaluation.values.forEach((value, i) => {
          if (isBetter(goal.conditions[i], value, best[i])) best[i] = value;
        });
      }
      if (evaluation.met && !this.reached) this.#reach({ epoch: moment.epoch, values: evaluation.values });
      spent = evaluation.outOfEpochs || (goal.maxEpochs !== null && moment.epoch >= goal.maxEpochs && !snapshot.running);
    }
    this.best = best;
    this.latest = latest;
    this.outOfEpochs = spent && !this.reached;
  }

  /** The host's LRS. A goal already met is reported at once. */
  setXapi(command: XapiCommand): void {
    if (!this.goal) throw new Error(this.config.error ?? 'This embed has no goal to report.');
    this.#xapi = command;
    if (this.reached) void this.#sendReport(this.reached);
  }

  #reach(reached: Reached): void {
    this.reached = reached;
    const results: Record<string, number> = {};
    this.goal!.conditions.forEach((c, i) => (results[c.measure] = reached.values[i]));
    this.#hooks.onReached?.(reached, results);
    if (this.#xapi) void this.#sendReport(reached);
  }

  async #sendReport(reached: Reached): Promise<void> {
    const xapi = this.#xapi;
    if (!xapi || !this.goal) return;
    this.report = { kind: 'sending', text: 'Sending your result to the course…' };
    try {
      // Only a challenge with an LRS loads the statement code.
      const { sendStatement } = await import('./xapi');
      await sendStatement({
        endpoint: xapi.endpoint,
        auth: xapi.auth,
        actor: xapi.actor,
        activity: xapi.activity,
        appOrigin: location.origin,
        hostOrigin: this.#hooks.hostOrigin?.() ?? null,
        challengeId: this.config.id,
        title: this.config.title,
        goalText: this.goalText,
        goal: this.goal,
        values: reached.values,
        epoch: reached.epoch,
        durationMs: (this.#hooks.now ?? Date.now)() - this.#startedAt
      });
      this.report = { kind: 'sent', text: 'Your result was sent to the course.' };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.report = { kind: 'failed', text: `Your result could not be sent to the course: ${detail}. The playground keeps working.` };
      this.#hooks.onReportFailed?.(`xAPI: the result could not be sent: ${detail}`);
    }
  }
}
