import type { Dataset } from './dataset';

/**
 * A short content fingerprint of a dataset (schema, values and labels), so a model can say which data it
 * was trained on and two models trained on the same data can be recognised. Not a security hash: two
 * independent 32-bit mixes (cyrb53-style) over the raw float bits give 64 bits, shown as 16 hex digits.
 */
export function fingerprintDataset(dataset: Dataset): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (word: number) => {
    h1 = Math.imul(h1 ^ word, 2654435761);
    h2 = Math.imul(h2 ^ word, 1597334677);
  };
  const { schema } = dataset;
  for (const text of [...schema.features, '\u0000', schema.label, '\u0000', ...schema.classes]) {
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    mix(0x1f);
  }
  const bits = new Uint32Array(dataset.x.buffer, dataset.x.byteOffset, dataset.x.length);
  for (let i = 0; i < bits.length; i++) mix(bits[i]);
  for (let i = 0; i < dataset.y.length; i++) mix(dataset.y[i]);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
