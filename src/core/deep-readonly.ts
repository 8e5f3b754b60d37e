/**
 * `T` with every array and object field read-only, all the way down: the type of data read from a schema
 * (valibot infers mutable types), so that code cannot change a model's metadata or settings by accident.
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
