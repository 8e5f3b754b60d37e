// A category column's training values looked up by the bytes of a cell, for batch scoring's byte path:
// a plain file's category cells are found without making a string for each (and without the Map lookup a
// fresh string costs, which hashes it first). A cell that matches no value byte for byte — spaces around
// it, an unseen value, a blank — is left to the text path, which has the rules for those.

/** FNV-1a over bytes: small values, few of them, so a plain hash with linear probing is enough. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

const encoder = new TextEncoder();

export class ByteVocabulary {
  /** Every value's bytes, one after the other; value `v` is `[starts[v], starts[v + 1])`. */
  private readonly text: Uint8Array;
  private readonly starts: Int32Array;
  /** Open addressing: 1 + the value's index, 0 for an empty slot; at most half full. */
  private readonly table: Int32Array;

  /**
   * `values[slot]` is the value the model has at `slot`. Only values whose text is plain ASCII with
   * nothing to trim can be matched byte for byte; the others are found by the text path.
   */
  constructor(values: readonly string[]) {
    const plain = values.map((value) => /^[!-~]([ -~]*[!-~])?$/.test(value));
    const encoded = values.map((value, slot) => (plain[slot] ? encoder.encode(value) : new Uint8Array(0)));
    this.starts = new Int32Array(values.length + 1);
    for (let v = 0; v < values.length; v++) this.starts[v + 1] = this.starts[v] + encoded[v].length;
    this.text = new Uint8Array(this.starts[values.length]);
    encoded.forEach((bytes, v) => {
      this.text.set(bytes, this.starts[v]);
    });
    this.table = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, values.length * 2))));
    const mask = this.table.length - 1;
    for (let v = 0; v < values.length; v++) {
      if (!plain[v]) continue;
      let slot = hashBytes(this.text, this.starts[v], this.starts[v + 1]) & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = v + 1;
    }
  }

  /** The slot of the value whose bytes are exactly `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const { table, text, starts } = this;
    const mask = table.length - 1;
    const length = end - start;
    for (let slot = hashBytes(bytes, start, end) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      const v = table[slot] - 1;
      const from = starts[v];
      if (starts[v + 1] - from !== length) continue;
      let i = 0;
      while (i < length && text[from + i] === bytes[start + i]) i++;
      if (i === length) return v;
    }
    return -1;
  }
}
