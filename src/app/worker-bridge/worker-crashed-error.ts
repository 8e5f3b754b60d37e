/**
 * The worker died or stopped answering while this call was pending. The message is for the user; `reason`
 * says what the bridge saw, for logs and tests.
 */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  readonly reason: string;

  constructor(options: { reason: string; restarted: boolean }) {
    super(
      options.restarted
        ? 'The prediction engine stopped unexpectedly and has been restarted. Try again.'
        : 'The prediction engine stopped unexpectedly and could not be restarted. Try again, or reload the page.',
    );
    this.reason = options.reason;
  }
}
