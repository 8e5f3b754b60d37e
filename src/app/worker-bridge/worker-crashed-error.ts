/**
 * The worker died or stopped answering while this call was pending. The message is for the user; `reason`
 * says what the bridge saw, for logs and tests.
 */
/** What stopped, in the user's words, for the call that was running. */
const STOPPED: Readonly<Record<string, string>> = {
  train: 'The engine that trains models stopped unexpectedly',
  crossValidate: 'The engine that trains models stopped unexpectedly',
  score: 'The engine that scores files stopped unexpectedly',
  inspectCsv: 'The engine that reads files stopped unexpectedly',
  inspectScoreFile: 'The engine that reads files stopped unexpectedly',
};

export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  readonly reason: string;

  constructor(options: { reason: string; restarted: boolean; method?: string }) {
    const what = STOPPED[options.method ?? ''] ?? 'The prediction engine stopped unexpectedly';
    super(
      options.restarted
        ? `${what} and has been restarted. Try again.`
        : `${what} and could not be restarted. Try again, or reload the page.`,
    );
    this.reason = options.reason;
  }
}
