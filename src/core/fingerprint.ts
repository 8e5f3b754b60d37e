import type { TrainingTable } from './pipeline/training-table';

/**
 * A short content fingerprint of a training table (schema, every column's values and the labels), so a
 * model can say which data it was trained on and two models trained on the same data can be recognised.
 * Not a security hash: two independent 32-bit mixes (cyrb53-style) over the values' bits give 64 bits,
 * shown as 16 hex digits.
 */
export function fingerprintTable(table: TrainingTable): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (word: number) => {
    h1 = Math.imul(h1 ^ word, 2654435761);
    h2 = Math.imul(h2 ^ word, 1597334677);
  };
  const text = (value: string) => {
    for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
    mix(0x1f);
  };
  const words = (values: Float64Array | Int32Array) => {
    const bits = new Uint32Array(values.buffer, values.byteOffset, values.byteLength / 4);
    for (let i = 0; i < bits.length; i++) mix(bits[i]);
  };
  const { schema } = table;
  for (const name of [...schema.features, '\u0000', schema.label, '\u0000', ...schema.classes]) text(name);
  for (const column of table.columns) {
    mix(column.kind.length);
    if (column.kind === 'number') words(column.values);
    else if (column.kind === 'date') words(column.times);
    else {
      for (const value of column.values) text(value);
      words(column.codes);
    }
  }
  words(table.y);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
