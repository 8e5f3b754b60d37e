import { describe, expect, it } from 'vitest';
import { csvCell, formatProbability } from './csv-cell';

describe('csvCell', () => {
  it('escapes every dangerous prefix of a text cell with a quote and quotes the cell', () => {
    expect(csvCell('=SUM(A1:A2)', ',')).toBe(`"'=SUM(A1:A2)"`);
    // Spreadsheets skip leading spaces, no-break ones too, before reading a formula.
    expect(csvCell(' =SUM(A1:A2)', ',')).toBe(`"' =SUM(A1:A2)"`);
    expect(csvCell('\u00a0+1+1', ',')).toBe(`"'\u00a0+1+1"`);
    expect(csvCell('\u3000@cmd', ',')).toBe(`"'\u3000@cmd"`);
    expect(csvCell('   -2+3', ',')).toBe(`"'   -2+3"`);
    // Numbers stay numbers, with or without spaces around them.
    expect(csvCell('-1.5', ',')).toBe('-1.5');
    expect(csvCell(' -1.5', ',')).toBe(' -1.5');
    expect(csvCell('   ', ',')).toBe('   ');
    expect(csvCell('+cmd', ',')).toBe(`"'+cmd"`);
    expect(csvCell('-2+3+cmd|x', ',')).toBe(`"'-2+3+cmd|x"`);
    expect(csvCell('@SUM(1)', ',')).toBe(`"'@SUM(1)"`);
    expect(csvCell('\t=1', ',')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1', ',')).toBe(`"'\r=1"`);
    expect(csvCell('\n=1', ',')).toBe(`"'\n=1"`);
    expect(csvCell('=HYPERLINK("http://x")', ',')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('leaves numbers as numbers, signs included', () => {
    for (const number of ['-1.5', '+3', '-0', '1e-5', '-.5', '5.1', '0']) {
      expect(csvCell(number, ',')).toBe(number);
    }
  });

  it('leaves numbers with a decimal comma as numbers too, whatever the file', () => {
    for (const number of ['-1,5', '+3,25', '-0,5e3', ' -2,5']) expect(csvCell(number, ';')).toBe(number);
    // In a comma-delimited file the cell is quoted, but still no formula.
    expect(csvCell('-1,5', ',')).toBe('"-1,5"');
    // Only a number: a thousands separator or a second comma makes text, escaped as such.
    expect(csvCell('-1.234,5', ';')).toBe(`"'-1.234,5"`);
    expect(csvCell('-1,2,3', ';')).toBe(`"'-1,2,3"`);
  });

  it('leaves plain text alone and quotes delimiters, quotes, CR and LF', () => {
    expect(csvCell('setosa', ',')).toBe('setosa');
    expect(csvCell('', ',')).toBe('');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('a,b', ';')).toBe('a,b');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a\tb', '\t')).toBe('"a\tb"');
    expect(csvCell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere', ',')).toBe('"cr\rhere"');
    expect(csvCell('a=b', ',')).toBe('a=b');
  });
});

describe('formatProbability', () => {
  it('writes 6 significant digits, exactly representable as the shortest decimal', () => {
    expect(formatProbability(1)).toBe('1');
    expect(formatProbability(0)).toBe('0');
    expect(formatProbability(0.5)).toBe('0.5');
    expect(formatProbability(0.123456789)).toBe('0.123457');
    expect(formatProbability(0.0123456789)).toBe('0.0123457');
    expect(formatProbability(0.000123456789)).toBe('0.000123457');
    expect(formatProbability(0.00000123456789)).toBe('0.00000123457');
    expect(formatProbability(1.23456789e-9)).toBe('0.00000000123457');
    expect(formatProbability(2.2e-9)).toBe('0.0000000022');
    expect(formatProbability(1.4e-45)).toMatch(/^0\.0{44}1[0-9]*$/);
    expect(formatProbability(Math.fround(0.9999999))).toBe('1');
    expect(formatProbability(0.0999999996)).toBe('0.1');
    expect(formatProbability(0.00999999996)).toBe('0.01');
    expect(formatProbability(0.25)).toBe('0.25');
  });

  it('stays within 6 significant digits of the float32 value', () => {
    for (let i = 1; i < 2000; i++) {
      const p = Math.fround(Math.exp(-i / 100));
      const written = Number(formatProbability(p));
      expect(Math.abs(written - p) / p).toBeLessThanOrEqual(5e-6);
    }
  });
});
