const encoder = new TextEncoder();

/**
 * A stream that delivers exactly these chunks (strings are UTF-8 encoded), one per pull, calling `onPull`
 * with each pull's index first: for tests of readers that must cope with data split anywhere.
 */
export function streamOf(
  chunks: readonly (string | Uint8Array | number[])[],
  onPull?: (index: number) => void,
): ReadableStream<Uint8Array> {
  const queue = chunks.map((chunk) =>
    typeof chunk === 'string'
      ? encoder.encode(chunk)
      : chunk instanceof Uint8Array
        ? chunk
        : new Uint8Array(chunk),
  );
  let pulled = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull?.(pulled++);
        const next = queue.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
    },
    { highWaterMark: 0 },
  );
}
