import { css } from 'lit';

/** Data tables and definition lists, shared by the elements that show CSV rows, figures and summaries. */
export const dataTableStyles = css`
  :host {
    display: block;
  }
  .scroll {
    overflow: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    font-size: 0.9rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    margin-bottom: 0.25rem;
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
