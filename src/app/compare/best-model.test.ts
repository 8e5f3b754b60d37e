import { describe, expect, it } from 'vitest';
import { bestSummary, pickBest } from './best-model';

const summary = (mean: number, sd = 0) => ({ mean, sd, min: mean, max: mean });
function row(name: string, accuracy: number, macroF1 = accuracy, logLoss = 0.2, sd = 0) {
  return { name, accuracy: summary(accuracy, sd), macroF1: summary(macroF1), logLoss: summary(logLoss) };
}

describe('pickBest', () => {
  it('marks the highest mean accuracy, and says so', () => {
    const scores = [row('k-NN', 0.953), row('Forest', 0.96), row('Network', 0.94)];
    const pick = pickBest(scores);
    expect(pick).toEqual({ best: [1], decidedBy: 'accuracy', contenders: [0, 1, 2], withinSpread: [] });
    expect(pick && bestSummary(scores, pick)).toBe('Best: Forest, with the highest mean accuracy (96.0%).');
  });

  it('breaks a tie on accuracy by macro F1, and names the figure that decided', () => {
    const scores = [row('k-NN', 0.96, 0.955), row('Forest', 0.96, 0.961), row('Network', 0.9)];
    const pick = pickBest(scores);
    expect(pick).toMatchObject({ best: [1], decidedBy: 'macroF1', contenders: [0, 1] });
    expect(pick && bestSummary(scores, pick)).toBe(
      'Best: Forest. It ties with k-NN on mean accuracy (96.0%); its higher macro F1 (96.1%) decides.',
    );
  });

  it('treats means that show the same (to 0.1%) as a tie, as a reader of the table would', () => {
    // 0.96 and 0.9604 both show as 96.0%: macro F1 decides, not the invisible 0.0004.
    const pick = pickBest([row('A', 0.9604, 0.95), row('B', 0.96, 0.97)]);
    expect(pick).toMatchObject({ best: [1], decidedBy: 'macroF1' });
  });

  it('then by the lower log loss', () => {
    const scores = [row('A', 0.96, 0.96, 0.3), row('B', 0.96, 0.96, 0.12), row('C', 0.96, 0.95, 0.01)];
    const pick = pickBest(scores);
    // C loses on macro F1 before log loss is looked at, whatever its log loss.
    expect(pick).toMatchObject({ best: [1], decidedBy: 'logLoss', contenders: [0, 1] });
    expect(pick && bestSummary(scores, pick)).toMatch(
      /^Best: B\. It ties with A on mean accuracy \(96\.0%\) and macro F1 \(96\.0%\); its lower log loss \(0\.120\) decides\.$/,
    );
  });

  it('marks every row that ties on all three figures', () => {
    const scores = [row('A', 0.96), row('B', 0.9), row('C', 0.96)];
    const pick = pickBest(scores);
    expect(pick).toMatchObject({ best: [0, 2], decidedBy: 'tie' });
    expect(pick && bestSummary(scores, pick)).toBe(
      'Best: A and C, tied on mean accuracy (96.0%), macro F1 and log loss.',
    );
    const all = [row('A', 0.96), row('B', 0.96)];
    const allPick = pickBest(all);
    expect(allPick && bestSummary(all, allPick)).toMatch(/^All 2 tie: .*each is marked best\.$/);
  });

  it('says which others are within one standard deviation of the best', () => {
    const scores = [row('A', 0.97, 0.97, 0.2, 0.02), row('B', 0.955), row('C', 0.9)];
    const pick = pickBest(scores);
    expect(pick).toMatchObject({ best: [0], withinSpread: [1] });
    expect(pick && bestSummary(scores, pick)).toMatch(
      /B is within one standard deviation of it \(± 2\.0 points\), so the difference may be chance\.$/,
    );
  });

  it('marks nothing with fewer than two rows', () => {
    expect(pickBest([])).toBeNull();
    expect(pickBest([row('A', 0.9)])).toBeNull();
  });
});
