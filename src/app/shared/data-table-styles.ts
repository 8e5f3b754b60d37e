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
 * An element that is one captioned table (the training results' metrics and confusion matrix), scrolling
 * sideways inside itself when it is too wide. The element styles its own cells.
 */
export const captionedTableStyles = css`
  :host {
    display: block;
    overflow-x: auto;
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
