/** The Output card's one-line figures: losses, accuracy, and what to say when there is no test set or a loss is negative. */
import type { EpochRecord } from '../../../../workers/protocol';
import { negativeLossWarning } from '../../model/loss-fit';

export interface Readout {
  loss: string;
  /** "97.2%", or null for regression */
  accuracy: string | null;
  title: string;
  warning: string | null;
}

export function readout(current: EpochRecord, problem: 'classification' | 'regression', hasTest: boolean): Readout {
  const train = `loss train ${current.trainLoss.toFixed(3)}`;
  const loss = hasTest ? `${train} · test ${current.testLoss.toFixed(3)}` : `${train} · no test set`;
  const rate = hasTest ? current.testAccuracy : current.trainAccuracy;
  const accuracy = problem === 'classification' && Number.isFinite(rate) ? `${(rate * 100).toFixed(1)}%` : null;
  return {
    loss,
    accuracy,
    title: hasTest ? 'Loss on the training and the test set; accuracy on the test set' : 'No test set: loss and accuracy on the training set',
    warning: negativeLossWarning(current.trainLoss)
  };
}
