// The training results' figures in both themes, as the browser paints them: every confusion-matrix cell
// keeps its text at 4.5:1, right answers and mistakes differ in hue, empty cells stay plain, a legend says
// what the colours mean, the accuracy curve's axis is in percent like the figures beside it, and axe finds
// nothing in either theme.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openApp, trainOnIris } from './app-page';
import { appTest } from './app-test';

interface PaintedCell {
  readonly text: string;
  readonly diagonal: boolean;
  readonly background: string;
  readonly color: string;
}

/** Every confusion-matrix cell with its computed colours (rgb() strings). */
async function paintedCells(page: Page): Promise<PaintedCell[]> {
  return page.evaluate(`(() => {
    const find = (root, selector) => {
      const direct = root.querySelector(selector);
      if (direct) return direct;
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          const found = find(element.shadowRoot, selector);
          if (found) return found;
        }
      }
      return null;
    };
    const matrix = find(document, 'petal-training-results petal-confusion-matrix') ?? find(document, 'petal-confusion-matrix');
    const rows = [...matrix.shadowRoot.querySelectorAll('tbody tr')];
    return rows.flatMap((row, r) => [...row.querySelectorAll('td')].map((cell, c) => {
      const style = getComputedStyle(cell);
      return { text: cell.textContent.trim(), diagonal: r === c, background: style.backgroundColor, color: style.color };
    }));
  })()`);
}

function rgb(colour: string): number[] {
  const match = /rgba?\(([^)]+)\)/.exec(colour);
  assert.ok(match, `a colour: ${colour}`);
  return match[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .slice(0, 3)
    .map(Number);
}

function luminance([r, g, b]: number[]): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Which of red and blue leads: positive for orange/red, negative for purple. */
function warmth(colour: string): number {
  const [r, , b] = rgb(colour);
  return r - b;
}

appTest(
  'training results: the confusion matrix and the curves read in light and dark',
  async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, server.url);
    // A short run leaves some mistakes to paint.
    await trainOnIris(page, { Epochs: '3' });

    const backgrounds: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(200);
      const cells = await paintedCells(page);
      assert.equal(cells.length, 9, 'a 3 × 3 matrix');
      assert.ok(
        cells.some((cell) => !cell.diagonal && Number(cell.text) > 0),
        'the short run made a mistake to paint',
      );
      for (const cell of cells) {
        const ratio = contrast(cell.color, cell.background);
        assert.ok(
          ratio >= 4.5,
          `${colorScheme}: "${cell.text}" at ${ratio.toFixed(2)}:1 (${cell.color} on ${cell.background})`,
        );
        const count = Number(cell.text);
        if (count === 0) continue;
        if (cell.diagonal)
          assert.ok(
            warmth(cell.background) < 0,
            `${colorScheme}: a right answer is purple: ${cell.background}`,
          );
        else
          assert.ok(warmth(cell.background) > 0, `${colorScheme}: a mistake is orange: ${cell.background}`);
      }
      // Empty cells are one plain colour, the same for both kinds.
      const empty = new Set(cells.filter((cell) => cell.text === '0').map((cell) => cell.background));
      assert.ok(empty.size <= 1, `${colorScheme}: empty cells differ: ${[...empty].join(', ')}`);
      backgrounds[colorScheme] = cells.find((cell) => cell.diagonal)?.background ?? '';
      if (colorScheme === 'dark') {
        for (const cell of cells) {
          assert.ok(luminance(rgb(cell.background)) < 0.2, `dark: no near-white cell (${cell.background})`);
        }
      }
    }
    assert.notEqual(backgrounds.light, backgrounds.dark, 'the matrix follows the theme');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
        [],
        `axe, ${colorScheme}`,
      );
    }
    await page.getByRole('list', { name: 'Colours of the confusion matrix' }).waitFor();
    await page.getByText(/Mistakes: orange/).waitFor();

    // The accuracy curve's axis is in percent, as the results' figures are.
    const accuracy = page.getByRole('img', { name: /^Accuracy by epoch/ }).first();
    assert.match((await accuracy.getAttribute('aria-label')) ?? '', /Training \d+\.\d%/);
    assert.match((await accuracy.textContent()) ?? '', /100%.*50%.*0%/s);
  },
  { timeout: 120_000 },
);
