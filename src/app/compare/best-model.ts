// Which compared algorithm the Compare tab marks "Best", and the sentence that says why.
import type { AlgorithmScore } from '../../core/compare-classifiers';
import { percent } from './compare-figures';

type Scored = Pick<AlgorithmScore, 'name' | 'accuracy' | 'macroF1' | 'logLoss'>;

/** The figure that separated the best from the rest, or `tie` when none did. */
export type DecidedBy = 'accuracy' | 'macroF1' | 'logLoss' | 'tie';

export interface BestPick {
  /** Row indices of the best: one, or several that tie on every figure compared. */
  readonly best: readonly number[];
  readonly decidedBy: DecidedBy;
  /** The rows still level with the best when the deciding figure was compared (the best included). */
  readonly contenders: readonly number[];
  /**
   * The rows whose mean accuracy is lower than the best's as shown but by no more than the best's standard
   * deviation: with that spread across folds, the difference may be chance.
   */
  readonly withinSpread: readonly number[];
}

/**
 * The figures compared, in order, as the table shows them (rounded the same way), so two rows that look
 * equal are treated as equal: mean accuracy (higher wins), then mean macro F1 (higher), then mean log
 * loss (lower).
 */
const FIGURES: readonly { readonly by: Exclude<DecidedBy, 'tie'>; readonly key: (s: Scored) => number }[] = [
  { by: 'accuracy', key: (s) => Math.round(s.accuracy.mean * 1000) },
  { by: 'macroF1', key: (s) => Math.round(s.macroF1.mean * 1000) },
  { by: 'logLoss', key: (s) => -Math.round(s.logLoss.mean * 1000) },
];

/**
 * The best row by mean accuracy, ties broken by macro F1 then log loss; null for fewer than two rows
 * (nothing to compare).
 */
export function pickBest(scores: readonly Scored[]): BestPick | null {
  if (scores.length < 2) return null;
  let candidates = scores.map((_, i) => i);
  let contenders = candidates;
  let decidedBy: DecidedBy = 'tie';
  for (const { by, key } of FIGURES) {
    const top = Math.max(...candidates.map((i) => key(scores[i])));
    const leaders = candidates.filter((i) => key(scores[i]) === top);
    contenders = candidates;
    candidates = leaders;
    if (leaders.length === 1) {
      decidedBy = by;
      break;
    }
  }
  const best = scores[candidates[0]];
  const lead = best.accuracy;
  const shown = FIGURES[0].key;
  const withinSpread = scores
    .map((score, i) => ({ score, i }))
    .filter(({ score }) => shown(score) < shown(best) && lead.mean - score.accuracy.mean <= lead.sd)
    .map(({ i }) => i);
  return { best: candidates, decidedBy, contenders, withinSpread };
}

function names(scores: readonly Scored[], indices: readonly number[]): string {
  const list = indices.map((i) => scores[i].name);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** What the "Best" mark means here, in a sentence or two: who, by which figure, and how sure. */
export function bestSummary(scores: readonly Scored[], pick: BestPick): string {
  const best = scores[pick.best[0]];
  const others = pick.contenders.filter((i) => !pick.best.includes(i));
  const accuracy = percent(best.accuracy.mean);
  let text: string;
  switch (pick.decidedBy) {
    case 'accuracy':
      text = `Best: ${best.name}, with the highest mean accuracy (${accuracy}).`;
      break;
    case 'macroF1':
      text = `Best: ${best.name}. It ties with ${names(scores, others)} on mean accuracy (${accuracy}); its higher macro F1 (${percent(best.macroF1.mean)}) decides.`;
      break;
    case 'logLoss':
      text = `Best: ${best.name}. It ties with ${names(scores, others)} on mean accuracy (${accuracy}) and macro F1 (${percent(best.macroF1.mean)}); its lower log loss (${best.logLoss.mean.toFixed(3)}) decides.`;
      break;
    default:
      text =
        pick.best.length === scores.length && scores.length > 1
          ? `All ${scores.length} tie: the same mean accuracy (${accuracy}), macro F1 and log loss; each is marked best.`
          : `Best: ${names(scores, pick.best)}, tied on mean accuracy (${accuracy}), macro F1 and log loss.`;
  }
  if (pick.withinSpread.length > 0) {
    const verb = pick.withinSpread.length === 1 ? 'is' : 'are';
    text += ` ${names(scores, pick.withinSpread)} ${verb} within one standard deviation of it (± ${(best.accuracy.sd * 100).toFixed(1)} points), so the difference may be chance.`;
  }
  return text;
}
