import { describe, expect, it } from 'vitest';
import { OutputBlobs } from './score-part';

const text = async (blob: Blob) => new TextDecoder().decode(await blob.arrayBuffer());

describe('OutputBlobs', () => {
  it('keeps every lent chunk in order, across parts, though the lender writes over it', async () => {
    const blobs = new OutputBlobs(8);
    const lent = new Uint8Array(16);
    const expected: string[] = [];
    // Chunks smaller than, equal to and larger than a part, all written into the same lent buffer.
    for (const piece of ['abc', 'defgh', '12345678', 'ij', 'a much longer chunk', '', 'z']) {
      const bytes = new TextEncoder().encode(piece);
      const view = bytes.length <= lent.length ? lent.subarray(0, bytes.length) : bytes;
      view.set(bytes);
      blobs.add(view);
      lent.fill(63); // '?': what the lender writes next must not show up in the output.
      expected.push(piece);
    }
    const blob = blobs.blob();
    expect(blob.type).toBe('text/csv');
    expect(await text(blob)).toBe(expected.join(''));
  });

  it('makes an empty Blob when nothing was added', async () => {
    expect((await new OutputBlobs(8).blob().arrayBuffer()).byteLength).toBe(0);
  });
});
