import { describe, expect, it } from 'vitest';
import { describeGoal, evaluateGoal, formatGoal, isBetter, parseGoal, type Goal, type Measured } from './goal';

const moment = (patch: Partial<Measured> = {}): Measured => ({
  epoch: 100,
  params: 17,
  trainLoss: 0.2,
  testLoss: 0.25,
  trainAccuracy: 0.93,
  testAccuracy: 0.91,
  trainR2: Number.NaN,
  testR2: Number.NaN,
  ...patch
});

function goal(text: string, maxEpochs: string | null = null): Goal {
  const read = parseGoal(text, maxEpochs);
  if (!read.ok) throw new Error(read.message);
  return read.goal;
}

describe('parseGoal', () => {
  it('reads the examples of the course kit', () => {
    expect(goal('test_accuracy>=0.95')).toEqual({ conditions: [{ measure: 'test_accuracy', op: '>=', value: 0.95 }], maxEpochs: null });
    expect(goal('test_loss<=0.1', '500')).toEqual({ conditions: [{ measure: 'test_loss', op: '<=', value: 0.1 }], maxEpochs: 500 });
    expect(goal('params<=20&test_accuracy>=0.9').conditions).toEqual([
      { measure: 'params', op: '<=', value: 20 },
      { measure: 'test_accuracy', op: '>=', value: 0.9 }
    ]);
  });

  it('accepts the spellings people type: spaces, ≥, =<, percentages, "and", commas, upper case', () => {
    expect(goal(' Test_Accuracy ≥ 95% and params =< 30 ; train_loss<1e-2').conditions).toEqual([
      { measure: 'test_accuracy', op: '>=', value: 0.95 },
      { measure: 'params', op: '<=', value: 30 },
      { measure: 'train_loss', op: '<', value: 0.01 }
    ]);
    expect(goal('test_r2>0.8,epochs<=200').conditions.map((c) => c.measure)).toEqual(['test_r2', 'epochs']);
  });

  it('says in one sentence what is wrong with an unreadable goal', () => {
    const message = (text: string, budget: string | null = null) => {
      const read = parseGoal(text, budget);
      return read.ok ? 'read' : read.message;
    };
    expect(message('accuracy>>2')).toBe(
      'The goal cannot be read: "accuracy>>2": unknown measure "accuracy" (known: test_accuracy, train_accuracy, test_loss, train_loss, test_r2, train_r2, params, epochs). Did you mean test_accuracy?'
    );
    expect(message('test_accuracy>>2')).toBe('The goal cannot be read: "test_accuracy>>2": ">>" is not a comparison (use <=, >=, < or >).');
    expect(message('test_accuracy=0.9')).toMatch(/"=" is not a comparison/);
    expect(message('test_accuracy 0.9')).toBe('The goal cannot be read: "test_accuracy 0.9" needs a comparison, e.g. test_accuracy>=0.9.');
    expect(message('test_accuracy>=high')).toBe('The goal cannot be read: "test_accuracy>=high": "high" is not a number.');
    expect(message('test_accuracy>=')).toMatch(/"nothing" is not a number/);
    expect(message('test_accuracy>=95')).toMatch(/between 0 and 1 \(or a percentage such as 95%\)/);
    expect(message('test_loss<=5%')).toMatch(/only accuracies take a percentage/);
    expect(message('params<=2.5')).toMatch(/parameters is a whole number/);
    expect(message('>=0.9')).toMatch(/does not start with a measure/);
    expect(message('')).toMatch(/The goal is empty/);
    expect(message(' , & ')).toMatch(/The goal is empty/);
    expect(message('x'.repeat(400))).toMatch(/longer than 300/);
    expect(message(Array(9).fill('params<=5').join(','))).toMatch(/more than 8 conditions/);
    expect(message('test_loss<=0.1', 'lots')).toBe('max_epochs="lots" is not a whole number from 1 to 1,000,000.');
    expect(message('test_loss<=0.1', '0')).toMatch(/max_epochs="0"/);
  });

  it('writes the goal back for a link and in words', () => {
    const g = goal('params<=20&test_accuracy>=90%', '500');
    expect(formatGoal(g)).toBe('params<=20,test_accuracy>=0.9');
    expect(goal(formatGoal(g)).conditions).toEqual(g.conditions);
    expect(describeGoal(g)).toBe('parameters ≤ 20 and test accuracy ≥ 90 %, within 500 epochs');
    expect(describeGoal(goal('test_loss<0.01234567'))).toBe('test loss < 0.01235');
  });
});

describe('evaluateGoal', () => {
  it('is met only when every condition holds at the same moment', () => {
    const g = goal('params<=20&test_accuracy>=0.9');
    expect(evaluateGoal(g, moment())).toEqual({ met: true, outOfEpochs: false, values: [17, 0.91] });
    expect(evaluateGoal(g, moment({ params: 21 })).met).toBe(false);
    expect(evaluateGoal(g, moment({ testAccuracy: 0.89 })).met).toBe(false);
  });

  it('strict and non-strict comparisons differ at the boundary', () => {
    expect(evaluateGoal(goal('test_loss<=0.25'), moment()).met).toBe(true);
    expect(evaluateGoal(goal('test_loss<0.25'), moment()).met).toBe(false);
    expect(evaluateGoal(goal('train_accuracy>0.93'), moment()).met).toBe(false);
    expect(evaluateGoal(goal('train_accuracy>=0.93'), moment()).met).toBe(true);
  });

  it('a figure that does not apply (NaN) or a diverged loss never meets a goal', () => {
    expect(evaluateGoal(goal('test_r2>=0'), moment()).met).toBe(false);
    expect(evaluateGoal(goal('test_loss<=1'), moment({ testLoss: Number.NaN })).met).toBe(false);
    expect(evaluateGoal(goal('test_loss<=1'), moment({ testLoss: Number.POSITIVE_INFINITY })).met).toBe(false);
  });

  it('counts only within the epoch budget', () => {
    const g = goal('test_accuracy>=0.9', '100');
    expect(evaluateGoal(g, moment({ epoch: 100 }))).toMatchObject({ met: true, outOfEpochs: false });
    expect(evaluateGoal(g, moment({ epoch: 101 }))).toMatchObject({ met: false, outOfEpochs: true });
  });

  it('knows which of two values is closer to the target', () => {
    const [atMost, atLeast] = goal('test_loss<=0.1,test_accuracy>=0.9').conditions;
    expect(isBetter(atMost, 0.2, 0.3)).toBe(true);
    expect(isBetter(atMost, 0.3, 0.2)).toBe(false);
    expect(isBetter(atLeast, 0.8, 0.7)).toBe(true);
    expect(isBetter(atLeast, Number.NaN, 0.7)).toBe(false);
    expect(isBetter(atLeast, 0.1, Number.NaN)).toBe(true);
  });
});
