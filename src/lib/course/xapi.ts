/**
 * The xAPI "completed" statement a challenge sends to a course's LRS when its goal is met. Loaded lazily
 * (only a challenge with an LRS needs it); plain fetch, a timeout, and errors in words for the learner.
 */
import { formatValue, type Goal } from './goal';

export interface StatementInput {
  endpoint: string;
  /** the Authorization header, as the host passed it */
  auth?: string;
  actor?: Record<string, unknown>;
  /** the activity id; the challenge's address on this site when absent */
  activity?: string;
  /** this site's origin (for ids) and the host page's (for the default actor) */
  appOrigin: string;
  hostOrigin: string | null;
  challengeId: string | null;
  title: string;
  goalText: string;
  goal: Goal;
  /** each condition's value when the goal was met, in the goal's order */
  values: number[];
  epoch: number;
  durationMs: number;
  /** ISO time of the statement; now when absent */
  timestamp?: string;
}

/** ISO 8601 duration, as xAPI wants it: PT12.5S. */
export function isoDuration(ms: number): string {
  return `PT${Math.max(0, Math.round(ms / 100) / 10)}S`;
}

export function activityId(input: Pick<StatementInput, 'activity' | 'appOrigin' | 'challengeId' | 'goalText'>): string {
  if (input.activity) return input.activity;
  const query = input.challengeId ? `challenge=${encodeURIComponent(input.challengeId)}` : `goal=${encodeURIComponent(input.goalText)}`;
  return `${input.appOrigin}/embed?${query}`;
}

export function buildStatement(input: StatementInput): Record<string, unknown> {
  const actor = input.actor ?? {
    objectType: 'Agent',
    // No learner identity was given: a nameless learner of the host page, so the LRS still accepts the statement.
    account: { homePage: input.hostOrigin ?? input.appOrigin, name: 'anonymous' }
  };
  const results: Record<string, number> = {};
  input.goal.conditions.forEach((c, i) => (results[c.measure] = input.values[i]));
  const summary = input.goal.conditions.map((c, i) => `${c.measure} ${formatValue(c.measure, input.values[i])}`).join(', ');
  return {
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
    object: {
      objectType: 'Activity',
      id: activityId(input),
      definition: {
        type: 'http://adlnet.gov/expapi/activities/assessment',
        name: { 'en-US': input.title },
        description: { 'en-US': `Axon challenge: ${input.goalText}` }
      }
    },
    result: {
      completion: true,
      success: true,
      duration: isoDuration(input.durationMs),
      response: summary,
      extensions: {
        [`${input.appOrigin}/xapi/results`]: results,
        [`${input.appOrigin}/xapi/epoch`]: input.epoch
      }
    },
    timestamp: input.timestamp ?? new Date().toISOString()
  };
}

export const XAPI_TIMEOUT_MS = 10_000;

/** Sends the statement; resolves when the LRS accepted it, else throws an Error whose message a learner can read. */
export async function sendStatement(input: StatementInput, fetchImpl: typeof fetch = fetch, timeoutMs = XAPI_TIMEOUT_MS): Promise<void> {
  const url = `${input.endpoint.replace(/\/+$/, '')}/statements`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };
  if (input.auth) headers.Authorization = input.auth;
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(buildStatement(input)), signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`the course's record store did not answer within ${timeoutMs / 1000} s`);
    throw new Error(`the course's record store could not be reached (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw new Error(`the course's record store refused it (HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''})`);
}
