// The frame the details and the comparison dialogs share, so the two look and close alike: the same
// sheet, and the same header with the title (and any badge) on the left and Close at the top right.
import { css, html, nothing, type TemplateResult } from 'lit';

/** The dialog frame both views share: nearly the whole screen on a phone, a wide sheet on a laptop. */
export const viewDialogStyles = css`
  dialog {
    border: 1px solid var(--petal-border);
    border-radius: var(--petal-radius);
    background: var(--petal-surface);
    color: var(--petal-text);
    width: min(64rem, calc(100vw - 1rem));
    max-width: none;
    max-height: calc(100dvh - 1rem);
    padding: 0;
    overflow: auto;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    background: var(--petal-surface);
    border-bottom: 1px solid var(--petal-border);
  }
  /* The title takes the room Close leaves; a badge goes under a title too long to share its line. Close
     stays at the top right however many lines the title takes, and a one-line title is centred on it
     (the title is at least the button's height). */
  header .title {
    flex: 1 1 auto;
    min-width: 0;
    min-height: 2.3rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    align-content: center;
    gap: 0.25rem 0.75rem;
  }
  header h2 {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  header .close {
    flex: none;
  }
  .body {
    padding: 0.25rem 1rem 1rem;
  }
  .badge {
    border: 1px solid var(--petal-accent);
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.85rem;
    font-weight: 600;
    white-space: nowrap;
  }
`;

/** The header of a view dialog: its title (the dialog's name, `titleId`), an optional badge, Close. */
export function viewDialogHeader(options: {
  readonly titleId: string;
  readonly title: string;
  readonly badge?: string | undefined;
  readonly onClose: () => void;
}): TemplateResult {
  return html`<header>
    <div class="title">
      <h2 id=${options.titleId} tabindex="-1">${options.title}</h2>
      ${options.badge ? html`<strong class="badge">${options.badge}</strong>` : nothing}
    </div>
    <button type="button" class="close" @click=${options.onClose}>Close</button>
  </header>`;
}
