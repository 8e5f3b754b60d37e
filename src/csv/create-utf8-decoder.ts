import { CsvError } from './csv-error';

interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

// Module-scoped, so src/csv needs no DOM or Node types for it and does not clash with either declaration.
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;

/**
 * Decodes one file's bytes, chunk after chunk (a character split between chunks is completed by the next
 * one), and rejects what is not text with a CsvError 'not-text': invalid UTF-8 (a file saved as UTF-16 or
 * a legacy code page, or a spreadsheet's binary format) and NUL characters. A leading BOM is dropped.
 * Pass `final: true` with the last chunk (or with no bytes) to flush and to check the file did not stop
 * in the middle of a character. `midFile`: the bytes start somewhere after the file's start, so a
 * U+FEFF there is text, not a BOM.
 */
export function createUtf8Decoder(
  options: { midFile?: boolean } = {},
): (bytes: Uint8Array | undefined, final: boolean) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.midFile ?? false });
  return (bytes, final) => {
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !final });
    } catch (cause) {
      throw new CsvError({
        code: 'not-text',
        detail: 'This file is not UTF-8 text. Save it as "CSV UTF-8" (comma-delimited) and try again.',
        cause,
      });
    }
    if (text.includes('\0')) {
      throw new CsvError({
        code: 'not-text',
        detail: 'This file is not a text file (it contains NUL characters). Save it as CSV and try again.',
      });
    }
    return text;
  };
}
