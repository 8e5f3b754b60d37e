import { css } from 'lit';

/** Every Petal table: collapsed borders, the caption on the left in bold. */
const tableBase = css`
  table {
    border-collapse: collapse;
  }
  caption {
    text-align: left;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
`;

/**
 * Shadows at an edge that hides more of the table, so a phone shows there is more to scroll to (the
 * scrollbar alone is thin or hidden on touch screens). The covers move with the content (`local`) and hide
 * the shadows (`scroll`) once an edge is reached. In the text colour, so they show in both themes.
 */
export const scrollCue = css`
  background:
    linear-gradient(to right, var(--petal-surface) 30%, transparent) left center / 2rem 100% no-repeat local,
    linear-gradient(to left, var(--petal-surface) 30%, transparent) right center / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, color-mix(in srgb, var(--petal-text) 30%, transparent), transparent)
      left center / 0.8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, var(--petal-text) 30%, transparent), transparent)
      right center / 0.8rem 100% no-repeat scroll;
`;

/**
 * An element that is one captioned table (the training results' metrics and confusion matrix), scrolling
 * sideways inside itself when it is too wide. The element styles its own cells.
 */
export const captionedTableStyles = css`
  :host {
    display: block;
    overflow-x: auto;
    ${scrollCue}
  }
  ${tableBase}
`;

/** Data tables and definition lists, shared by the elements that show CSV rows, figures and summaries. */
export const dataTableStyles = css`
  :host {
    display: block;
  }
  .scroll {
    overflow: auto;
    max-width: 100%;
    ${scrollCue}
  }
  ${tableBase}
  table {
    font-size: 0.9rem;
  }
  th,
  td {
    padding: 0.2rem 0.6rem;
    border-bottom: 1px solid var(--petal-border);
    text-align: left;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 1rem;
    margin: 0 0 0.75rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
`;
