import { css } from 'lit';

/**
 * The Models tab's layout. The list is a container: below 40rem (a phone) the kind, accuracy and time
 * leave their columns and become one line under the name, so each row stays one or two lines high and
 * the table never needs to scroll sideways.
 */
export const modelsPanelStyles = css`
  :host {
    display: grid;
    /* A wide table scrolls inside its card instead of widening the page. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--petal-gap);
  }
  .list {
    container-type: inline-size;
  }
  .intro {
    margin: -0.35rem 0 0.5rem;
    font-size: 0.9rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--petal-border);
    vertical-align: middle;
  }
  thead th {
    font-size: 0.875rem;
    color: var(--petal-muted);
    font-weight: 600;
  }
  th.version {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  td.name {
    overflow-wrap: anywhere;
  }
  .name-text {
    font-weight: 600;
  }
  .meta {
    display: block;
    font-size: 0.76rem;
    color: var(--petal-muted);
  }
  /* The line breaks between its parts, never inside one ("Nov" above "23"). */
  .meta > span {
    white-space: nowrap;
  }
  .meta.error {
    color: var(--petal-error-text);
  }
  .number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  th.actions,
  td.actions {
    text-align: right;
    width: 1%;
    white-space: nowrap;
  }
  tr.active {
    background: var(--petal-accent-soft);
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.4rem;
    border: 1px solid var(--petal-accent);
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.8rem;
    line-height: 1.5;
  }
  @container (max-width: 40rem) {
    .wide-only {
      display: none;
    }
    /* The row itself says what each part is; the header row stays for screen readers only. */
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    th,
    td {
      padding: 0.45rem 0.2rem;
    }
    th.version {
      padding-inline-start: 0.1rem;
    }
    td.actions {
      padding-inline-end: 0;
    }
  }
  @container (min-width: 40.01rem) {
    .narrow-only {
      display: none;
    }
  }
  .rename {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    align-items: center;
  }
  .rename input {
    min-width: 0;
    flex: 1 1 8rem;
  }
  .messages {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.75rem;
  }
  /* A message takes room only while it says something (it then has its colour class); an empty live
     region stays in place, so that what it says next is announced. */
  .messages p {
    margin: 0;
  }
  .messages p:is(.success, .error) {
    margin-bottom: 0.5rem;
  }
  .messages [role='status'] {
    flex: 1 1 14rem;
  }
  .messages [role='alert'] {
    flex: 1 1 100%;
  }
  button.undo {
    margin-bottom: 0.5rem;
    font-weight: 600;
  }
  .import .messages p:is(.success, .error) {
    margin: 0.5rem 0 0;
  }
`;
