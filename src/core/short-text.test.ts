import { describe, expect, it } from 'vitest';
import { listed, quoted, quotedList, shorten } from './short-text';

describe('shorten', () => {
  it('keeps short text and cuts long text, saying how long it was', () => {
    expect(shorten('sepal_length')).toBe('sepal_length');
    expect(shorten('x'.repeat(5000), 10)).toBe('xxxxxxxxxx… (5,000 characters)');
    expect(quoted('a'.repeat(61))).toMatch(/^"a{60}… \(61 characters\)"$/);
  });
});

describe('listed', () => {
  it('joins every item when there are few', () => {
    expect(listed(['a', 'b', 'c'])).toBe('a, b, c');
    expect(quotedList(['a', 'b'])).toBe('"a", "b"');
  });

  it('shows the first max and counts the rest', () => {
    const names = Array.from({ length: 20_025 }, (_, i) => `c${i}`);
    expect(listed(names, undefined, 3)).toBe('c0, c1, c2 and 20,022 more');
    expect(quotedList(names, 2)).toBe('"c0", "c1" and 20,023 more');
  });

  it('shortens each item it shows unless told how to show it', () => {
    const long = 'y'.repeat(100);
    expect(listed([long])).toBe(`${'y'.repeat(60)}… (100 characters)`);
    expect(listed([long], (item) => item)).toBe(long);
  });
});
