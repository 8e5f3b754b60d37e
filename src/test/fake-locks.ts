// The Web Locks API (navigator.locks), in memory, for tests in Node: exclusive locks granted in request
// order, released when the holder's callback settles or when the holder "dies" (releaseHeldBy).

type Grant = {
  holder: string;
  callback: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export class FakeLocks {
  readonly #held = new Map<string, string>();
  readonly #waiting = new Map<string, Grant[]>();

  /** The lock manager one holder (a page, a worker) sees: both call forms of `navigator.locks.request`. */
  for(holder: string) {
    return {
      request: (
        name: string,
        optionsOrCallback: { signal?: AbortSignal } | (() => unknown),
        maybeCallback?: () => unknown,
      ): Promise<unknown> => {
        const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
        const signal = typeof optionsOrCallback === 'function' ? undefined : optionsOrCallback.signal;
        return new Promise((resolve, reject) => {
          const grant: Grant = { holder, callback, resolve, reject };
          const queue = this.#waiting.get(name) ?? [];
          queue.push(grant);
          this.#waiting.set(name, queue);
          signal?.addEventListener('abort', () => {
            const index = queue.indexOf(grant);
            if (index < 0) return;
            queue.splice(index, 1);
            reject(new DOMException('The request was aborted.', 'AbortError'));
          });
          this.#grantNext(name);
        });
      },
    };
  }

  /** Who holds `name`, if anyone. */
  holder(name: string): string | undefined {
    return this.#held.get(name);
  }

  /** The holder is gone (a worker closed or killed): its locks pass to whoever waits for them. */
  releaseHeldBy(holder: string): void {
    for (const [name, owner] of [...this.#held]) {
      if (owner !== holder) continue;
      this.#held.delete(name);
      this.#grantNext(name);
    }
  }

  #grantNext(name: string): void {
    if (this.#held.has(name)) return;
    const next = this.#waiting.get(name)?.shift();
    if (!next) return;
    this.#held.set(name, next.holder);
    Promise.resolve()
      .then(() => next.callback())
      .then(next.resolve, next.reject)
      .finally(() => {
        if (this.#held.get(name) !== next.holder) return;
        this.#held.delete(name);
        this.#grantNext(name);
      });
  }
}
