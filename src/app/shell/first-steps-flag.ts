// Whether the person has said "Got it" to the first-visit steps: read by the shell before the steps'
// code loads (a returning visitor loads none of it), written by the steps.

/** Where the flag lives; per browser profile, like the models. */
const DISMISSED_KEY = 'petal:first-steps-dismissed';

export function firstStepsDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    // Storage blocked (some private modes): show the steps; "Got it" then hides them for this visit.
    return false;
  }
}

export function dismissFirstSteps(): void {
  try {
    localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // Not remembered when storage is blocked; hidden for this visit all the same.
  }
}
