/**
 * Connects a challenge to the running playground: the epoch budget becomes the run's limit, every snapshot
 * is checked against the goal, and a goal that could not be read is told to the host as an `error` event
 * (the goal panel tells the learner).
 */
import type { Snapshot } from '../../../workers/protocol';
import type { AxonEvent } from '../embed/messages';
import type { ChallengeSession } from './session.svelte';

/** The part of the Playground a challenge needs. */
export interface ChallengeHost {
  snapshotListeners: Set<(snapshot: Snapshot) => void>;
  setSettings(patch: { maxEpochs: number }): void;
}

export function startChallenge(pg: ChallengeHost, session: ChallengeSession, post: ((event: AxonEvent) => void) | null): () => void {
  if (session.config.error) {
    post?.({ axon: 1, type: 'error', message: session.config.error });
    return () => {};
  }
  if (session.goal?.maxEpochs) pg.setSettings({ maxEpochs: session.goal.maxEpochs });
  const listener = (snapshot: Snapshot) => session.observe(snapshot);
  pg.snapshotListeners.add(listener);
  return () => pg.snapshotListeners.delete(listener);
}

/** The `goalReached` event for the host. */
export function goalReachedEvent(session: ChallengeSession, epoch: number, results: Record<string, number>): AxonEvent {
  return { axon: 1, type: 'goalReached', challenge: session.config.id, goal: session.goalText, epoch, results };
}
