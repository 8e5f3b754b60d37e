import { css } from 'lit';

/**
 * Colour, spacing and type tokens as custom properties on the shell's host. Custom properties inherit
 * through shadow roots, so every panel inside `<petal-app>` reads the same values.
 *
 * Text colours are at least 4.5:1 on both the page and the surface colour (WCAG AA); the class colours
 * bar fills and control borders are at least 3:1 against their background (non-text contrast), in light
 * and dark mode. Card borders are decorative and lighter.
 */
export const themeTokens = css`
  :host {
    --petal-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --petal-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --petal-bg: #f6f7f9;
    --petal-surface: #ffffff;
    --petal-text: #1b1f24;
    --petal-muted: #525a66;
    --petal-border: #c9ced6;
    --petal-control-border: #7b8390;
    --petal-accent: #6a2fb3;
    --petal-accent-text: #ffffff;
    --petal-accent-soft: #efe7fa;
    --petal-track: #e4e7ec;
    --petal-bar: #5b6472;
    --petal-focus: #1a5fd6;
    --petal-warning-bg: #fff4d6;
    --petal-warning-text: #5c3d00;
    --petal-warning-border: #b57a00;
    --petal-error-bg: #fde8e8;
    --petal-error-text: #8a1414;
    --petal-error-border: #c62828;
    --petal-success-bg: #e6f4ea;
    --petal-success-text: #14532d;
    --petal-success-border: #2e7d32;
    --petal-class-0: #1f6fb2;
    --petal-class-1: #b3531a;
    --petal-class-2: #1d7d4f;
    --petal-class-3: #a3297a;
    --petal-class-4: #6b5b00;
    --petal-class-5: #5a47b8;
    --petal-radius: 10px;
    --petal-gap: 1rem;
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --petal-bg: #111418;
      --petal-surface: #1a1e24;
      --petal-text: #e8eaed;
      --petal-muted: #a9b0bb;
      --petal-border: #3a414c;
      --petal-control-border: #7d8693;
      --petal-accent: #c9a6ff;
      --petal-accent-text: #1a0d2e;
      --petal-accent-soft: #2d2340;
      --petal-track: #2c323b;
      --petal-bar: #98a1ae;
      --petal-focus: #7fb0ff;
      --petal-warning-bg: #3a2c07;
      --petal-warning-text: #ffe3a3;
      --petal-warning-border: #d6a23a;
      --petal-error-bg: #3d1515;
      --petal-error-text: #ffc4c4;
      --petal-error-border: #f07070;
      --petal-success-bg: #10291a;
      --petal-success-text: #b4ecc5;
      --petal-success-border: #4caf6a;
      --petal-class-0: #6cb4f0;
      --petal-class-1: #f2a064;
      --petal-class-2: #5fd39a;
      --petal-class-3: #f08acb;
      --petal-class-4: #e0cc5a;
      --petal-class-5: #b3a6ff;
    }
  }
`;

/** Styles for the document itself (body margin and background), adopted once by `main.ts`. */
export const documentStyles = css`
  html {
    color-scheme: light dark;
    background: #f6f7f9;
  }
  /* Room for a scrollbar from the start on a wide screen: the page grows past the window as the model
     loads, and a scrollbar appearing then would shift the whole centred page sideways (Lighthouse measured
     it). A phone's scrollbars overlay the page, and a narrow window needs every pixel. */
  @media (min-width: 64rem) {
    html {
      scrollbar-gutter: stable;
    }
  }
  /* Where Predict's answer bar sticks at the top (below 860 px), a field given the focus scrolls into view
     below the bar, not under it. */
  @media (max-width: 859.98px) {
    html {
      scroll-padding-top: 3.5rem;
    }
  }
  body {
    margin: 0;
  }
  @media (prefers-color-scheme: dark) {
    html {
      background: #111418;
    }
  }
`;

/**
 * Controls every component shares: buttons, inputs, selects, focus rings and message boxes. Each element
 * includes it in its `static styles` (shadow roots do not inherit styles, only custom properties).
 */
export const controlStyles = css`
  :host {
    font-family: var(--petal-font);
    color: var(--petal-text);
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--petal-control-border);
    background: var(--petal-surface);
    border-radius: 999px;
    padding: 0.35rem 0.9rem;
  }
  button:hover {
    border-color: var(--petal-accent);
  }
  button.primary {
    background: var(--petal-accent);
    color: var(--petal-accent-text);
    border-color: var(--petal-accent);
  }
  input[type='number'],
  input[type='text'],
  select {
    background: var(--petal-surface);
    border: 1px solid var(--petal-control-border);
    border-radius: 6px;
    padding: 0.35rem 0.5rem;
    min-height: 2.25rem;
  }
  input[type='range'] {
    accent-color: var(--petal-accent);
  }
  /* A control that does nothing now looks it: grey, no hover, a not-allowed cursor. Solid colours, not
     opacity, so its text stays legible (muted on the track colour is over 5:1 in both themes); after the
     fields' own rule, so a disabled input greys as a disabled select does, and Chromium's dimming of a
     disabled select (opacity 0.7) is undone. */
  button:disabled,
  input:disabled,
  select:disabled {
    cursor: not-allowed;
    opacity: 1;
    color: var(--petal-muted);
    background: var(--petal-track);
    border-color: var(--petal-border);
  }
  button:disabled:hover,
  button.primary:disabled,
  button.primary:disabled:hover {
    color: var(--petal-muted);
    background: var(--petal-track);
    border-color: var(--petal-border);
  }
  input[aria-invalid='true'] {
    border-color: var(--petal-error-border);
    border-width: 2px;
  }
  :focus-visible {
    outline: 3px solid var(--petal-focus);
    outline-offset: 2px;
  }
  /* A heading or message given the focus so a screen reader starts there (tabindex -1) is no control: a
     ring round it looks like a text box. */
  h2[tabindex='-1']:focus-visible,
  h3[tabindex='-1']:focus-visible,
  [role='alert'][tabindex='-1']:focus-visible,
  [role='status'][tabindex='-1']:focus-visible {
    outline: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .warning,
  .error,
  .success {
    border-radius: 6px;
    padding: 0.4rem 0.6rem;
    margin: 0.35rem 0 0;
    font-size: 0.9rem;
    border-left: 4px solid;
  }
  .warning {
    background: var(--petal-warning-bg);
    color: var(--petal-warning-text);
    border-color: var(--petal-warning-border);
  }
  .error {
    background: var(--petal-error-bg);
    color: var(--petal-error-text);
    border-color: var(--petal-error-border);
  }
  /* An action that worked and changed something elsewhere (a version kept and made active). */
  .success {
    background: var(--petal-success-bg);
    color: var(--petal-success-text);
    border-color: var(--petal-success-border);
  }
  .muted {
    color: var(--petal-muted);
  }
  .card {
    background: var(--petal-surface);
    border: 1px solid var(--petal-border);
    border-radius: var(--petal-radius);
    padding: 1rem 1.25rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 0.75rem;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
`;

/** The number of distinct class colours; classes beyond it reuse them (the legend still names each). */
export const CLASS_COLOUR_COUNT = 6;

/** The CSS colour of class `index`, as a custom property reference. */
export function classColour(index: number): string {
  return `var(--petal-class-${index % CLASS_COLOUR_COUNT})`;
}
