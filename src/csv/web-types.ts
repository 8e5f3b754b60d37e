// src/csv compiles without DOM or Node types (tsconfig.core.json), yet it reads Blobs and byte streams.
// These are the few web-platform shapes it uses; browsers, Web Workers and Node 20 all provide them, and a
// real Blob, ReadableStream<Uint8Array> or AbortSignal is assignable to them.

/** The parts of a `Blob` (or `File`) the CSV reader uses. */
export interface BlobLike {
  stream(): ByteStream;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The parts of a `ReadableStream<Uint8Array>` the CSV reader uses. */
export interface ByteStream {
  getReader(): ByteStreamReader;
}

export interface ByteStreamReader {
  read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The parts of an `AbortSignal` the CSV reader uses. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
