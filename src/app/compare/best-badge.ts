import { css, html } from 'lit';

/** The "Best" mark the results table and the chart both put after the best model's name. */
export const bestBadge = html`<span class="badge">Best</span>`;

/** Its style: a small filled pill, in the accent colour, that never wraps. */
export const bestBadgeStyles = css`
  .badge {
    display: inline-block;
    margin-inline-start: 0.35rem;
    padding: 0 0.45rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    color: var(--petal-accent-text);
    background: var(--petal-accent);
    white-space: nowrap;
  }
`;
