import { describe, expect, it } from 'vitest';
import { parseGoal, type Goal } from './goal';
import { buildStatement, isoDuration, sendStatement, type StatementInput } from './xapi';

const goal = (parseGoal('params<=30,test_accuracy>=0.9') as { ok: true; goal: Goal }).goal;
const input: StatementInput = {
  endpoint: 'https://lrs.example/xapi/',
  auth: 'Basic abc',
  appOrigin: 'https://axon.example',
  hostOrigin: 'https://course.example',
  challengeId: 'spiral-30',
  title: 'Fit the spiral with ≤ 30 parameters',
  goalText: 'params<=30,test_accuracy>=0.9',
  goal,
  values: [25, 0.93],
  epoch: 412,
  durationMs: 61_234,
  timestamp: '2026-11-30T22:00:00.000Z'
};

interface Statement {
  actor: unknown;
  verb: { id: string };
  object: { id: string; definition: { name: Record<string, string> } };
  result: { extensions: Record<string, unknown> };
}

describe('the xAPI statement', () => {
  it('says the learner completed the challenge, with the figures', () => {
    const statement = buildStatement(input) as unknown as Statement;
    expect(statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect(statement.actor).toEqual({ objectType: 'Agent', account: { homePage: 'https://course.example', name: 'anonymous' } });
    expect(statement.object.id).toBe('https://axon.example/embed?challenge=spiral-30');
    expect(statement.object.definition.name['en-US']).toBe('Fit the spiral with ≤ 30 parameters');
    expect(statement.result).toMatchObject({ completion: true, success: true, duration: 'PT61.2S', response: 'params 25, test_accuracy 93 %' });
    expect(statement.result.extensions['https://axon.example/xapi/results']).toEqual({ params: 25, test_accuracy: 0.93 });
    expect(buildStatement({ ...input, actor: { mbox: 'mailto:a@b.c' }, activity: 'https://course.example/unit/3' })).toMatchObject({
      actor: { mbox: 'mailto:a@b.c' },
      object: { id: 'https://course.example/unit/3' }
    });
    expect(isoDuration(-5)).toBe('PT0S');
  });
});

describe('sendStatement', () => {
  it('posts to <endpoint>/statements with the version header and the host’s authorisation', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const ok = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('["id"]', { status: 200 });
    }) as unknown as typeof fetch;
    await sendStatement(input, ok);
    expect(calls[0].url).toBe('https://lrs.example/xapi/statements');
    expect(calls[0].init.headers).toMatchObject({ Authorization: 'Basic abc', 'X-Experience-API-Version': '1.0.3' });
    expect(JSON.parse(calls[0].init.body as string).verb.display['en-US']).toBe('completed');
  });

  it('a refusal, a network failure and a timeout each become a sentence', async () => {
    const refuse = (async () => new Response('no', { status: 401, statusText: 'Unauthorized' })) as unknown as typeof fetch;
    await expect(sendStatement(input, refuse)).rejects.toThrow("the course's record store refused it (HTTP 401 Unauthorized)");
    const broken = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(sendStatement(input, broken)).rejects.toThrow("could not be reached (Failed to fetch)");
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    await expect(sendStatement(input, hang, 20)).rejects.toThrow('did not answer within 0.02 s');
  });
});
