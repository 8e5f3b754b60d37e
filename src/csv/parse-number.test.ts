import { describe, expect, it } from 'vitest';
import {
  decimalByte,
  numberProblem,
  parseNumber,
  parseSimpleNumber,
  separatorBetweenDigits,
} from './parse-number';

const DOT = decimalByte('.');
const COMMA = decimalByte(',');

describe('parseNumber', () => {
  it.each([
    ['1', 1],
    ['-1', -1],
    ['+1.5', 1.5],
    ['0.1', 0.1],
    [' 3.25 ', 3.25],
    ['\t7\t', 7],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['1.5e+2', 150],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['5.', 5],
    ['007', 7],
    ['1e308', 1e308],
  ])('reads %j as %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
    expect(numberProblem(text)).toBeUndefined();
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(parseNumber('-0'), -0)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\t', 'empty'],
    ['\u00a0', 'empty'],
    ['abc', 'not-a-number'],
    ['1,5', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['0X1F', 'not-a-number'],
    ['0b1', 'not-a-number'],
    ['0o7', 'not-a-number'],
    ['-0x10', 'not-a-number'],
    ['\n1', 'not-a-number'],
    ['1\r', 'not-a-number'],
    ['1_000', 'not-a-number'],
    ['1 000', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['--1', 'not-a-number'],
    ['+-1', 'not-a-number'],
    ['-', 'not-a-number'],
    ['.', 'not-a-number'],
    ['e5', 'not-a-number'],
    ['1e', 'not-a-number'],
    ['1e+', 'not-a-number'],
    ['1e 5', 'not-a-number'],
    ['1.5x', 'not-a-number'],
    ['$5', 'not-a-number'],
    ['5%', 'not-a-number'],
    ['1\u00a0', 'not-a-number'],
    ['NaN', 'not-finite'],
    ['nan', 'not-finite'],
    ['Infinity', 'not-finite'],
    ['-Infinity', 'not-finite'],
    ['+inf', 'not-finite'],
    ['1e400', 'not-finite'],
    ['-1e400', 'not-finite'],
  ])('rejects %j as %s', (text, problem) => {
    expect(parseNumber(text)).toBeUndefined();
    expect(numberProblem(text)).toBe(problem);
  });

  it('agrees with the documented grammar on random strings', () => {
    const grammar = /^[ \t]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t]*$/;
    const alphabet = ['0', '1', '9', '.', '+', '-', 'e', 'E', 'x', 'b', 'o', ' ', '\t', '\n', ',', 'I', 'n'];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const length = Math.floor(random() * 7);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = grammar.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined;
      expect({ text, value: parseNumber(text) }).toEqual({ text, value: expected });
    }
  });
});

describe('parseNumber with a decimal comma', () => {
  it.each([
    ['1,5', 1.5],
    ['-0,25', -0.25],
    ['+3,75', 3.75],
    ['1,5e3', 1500],
    ['1,5E-3', 0.0015],
    [' 2,5\t', 2.5],
    [',5', 0.5],
    ['5,', 5],
    ['7', 7],
    ['1e3', 1000],
  ])('reads %j as %d', (text, expected) => {
    expect(parseNumber(text, ',')).toBe(expected);
    expect(numberProblem(text, ',')).toBeUndefined();
  });

  it.each([
    ['1.5', 'not-a-number'],
    ['1.234,5', 'not-a-number'],
    ['1,234.5', 'not-a-number'],
    ['1,2,3', 'not-a-number'],
    ['1 234,5', 'not-a-number'],
    [',', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['', 'empty'],
    ['NaN', 'not-finite'],
    ['1e400', 'not-finite'],
    ['1,5e400', 'not-finite'],
  ])('rejects %j as %s (no thousands separators, no decimal point)', (text, problem) => {
    expect(parseNumber(text, ',')).toBeUndefined();
    expect(numberProblem(text, ',')).toBe(problem);
  });

  it('reads every decimal-comma text as the decimal-point text with "." for ","', () => {
    const alphabet = ['0', '1', '9', ',', '.', '+', '-', 'e', ' ', 'x'];
    let seed = 777;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const length = Math.floor(random() * 7);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = text.includes('.') ? undefined : parseNumber(text.replace(',', '.'));
      expect({ text, value: parseNumber(text, ',') }).toEqual({ text, value: expected });
    }
  });
});

describe('separatorBetweenDigits', () => {
  it.each([
    ['1,5', ','],
    [' -0,25 ', ','],
    ['1,5e3', ','],
    ['2.5', '.'],
    ['-2.25E+3', '.'],
    ['7', undefined],
    ['1e5', undefined],
    [',5', undefined],
    ['5.', undefined],
    ['1.234,5', undefined],
    ['1,2,3', undefined],
    ['1,5x', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('finds %j written with %j', (text, separator) => {
    expect(separatorBetweenDigits(text)).toBe(separator);
  });
});

describe('parseSimpleNumber', () => {
  const bytesOf = (text: string) => new TextEncoder().encode(text);

  it.each([
    '5.1',
    '-0.1',
    '+3',
    '-0',
    '0',
    '.5',
    '-.5',
    '5.',
    '007',
    '123456789012345',
    '0.1',
    '9.999999999999',
  ])('reads %j as parseNumber does', (text) => {
    const bytes = bytesOf(`,${text},`);
    expect(parseSimpleNumber(bytes, 1, bytes.length - 1, DOT)).toBe(parseNumber(text));
  });

  it.each(['', '.', '-', '+', '1e5', ' 1', '1 ', '0x10', '1234567890123456', '1.2.3', 'abc', '--1'])(
    'leaves %j to parseNumber (NaN)',
    (text) => {
      const bytes = bytesOf(text);
      expect(parseSimpleNumber(bytes, 0, bytes.length, DOT)).toBeNaN();
    },
  );

  it('gives the same double as parseNumber for random decimals of up to 15 digits, with either separator', () => {
    let seed = 99;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 50_000; i++) {
      const digits = 1 + Math.floor(random() * 15);
      let text = '';
      for (let j = 0; j < digits; j++) text += String(Math.floor(random() * 10));
      const dot = Math.floor(random() * (digits + 1));
      text = `${random() < 0.3 ? '-' : ''}${text.slice(0, dot)}.${text.slice(dot)}`;
      const bytes = bytesOf(text);
      expect({ text, value: parseSimpleNumber(bytes, 0, bytes.length, DOT) }).toEqual({
        text,
        value: parseNumber(text),
      });
      // The same digits with a decimal comma, as a decimal-comma file has them.
      const comma = text.replace('.', ',');
      expect({ comma, value: parseSimpleNumber(bytesOf(comma), 0, bytes.length, COMMA) }).toEqual({
        comma,
        value: parseNumber(comma, ','),
      });
    }
  });

  it.each(['5,1', '-0,1', '+3', ',5', '5,', '123456789012345', '9,999999999999'])(
    'reads %j of a decimal-comma file as parseNumber does',
    (text) => {
      const bytes = bytesOf(`;${text};`);
      expect(parseSimpleNumber(bytes, 1, bytes.length - 1, COMMA)).toBe(parseNumber(text, ','));
    },
  );

  it.each(['5.1', '1,5e3', '1,2,3', '1.234,5'])(
    'leaves %j of a decimal-comma file to parseNumber',
    (text) => {
      const bytes = bytesOf(text);
      expect(parseSimpleNumber(bytes, 0, bytes.length, COMMA)).toBeNaN();
    },
  );
});
