// What the Predict form's fields of every kind share: the label and note styles, and the messages under
// the input (the note, a validation error, an outside-the-training-data warning) that the input names in
// its aria-describedby.
import { css, html, nothing } from 'lit';

export const fieldStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
    overflow-wrap: anywhere;
  }
  /* A select is as wide as its longest option, a date input as its locale's format: neither may push
     the page sideways on a phone. */
  select,
  input[type='date'],
  input[type='datetime-local'] {
    max-width: 100%;
    min-width: 0;
  }
  input[type='date'],
  input[type='datetime-local'] {
    background: var(--petal-surface);
    border: 1px solid var(--petal-control-border);
    border-radius: 6px;
    padding: 0.35rem 0.5rem;
    min-height: 2.25rem;
  }
  .note {
    font-size: 0.85rem;
    margin: 0.15rem 0 0;
  }
`;

/** A field's messages: each shown only when there is one. */
export interface FieldMessages {
  /** The muted line under the input (the training range, what a blank becomes). */
  readonly note: string | null;
  /** Why the field's text cannot be used ("Enter a number for Sepal width"). */
  readonly error: string | null;
  /** Why its value makes the prediction unreliable. */
  readonly warning: string | null;
}

/** The ids of the messages shown, for the input's aria-describedby. */
export function describedBy(messages: FieldMessages): string {
  return [messages.error ? 'error' : '', messages.warning ? 'warning' : '', messages.note ? 'note' : '']
    .filter(Boolean)
    .join(' ');
}

export function fieldMessages(messages: FieldMessages) {
  const { note, error, warning } = messages;
  return html`${note ? html`<p id="note" class="note muted">${note}</p>` : nothing}
    ${error ? html`<p id="error" class="error">${error}</p>` : nothing}
    ${warning ? html`<p id="warning" class="warning">${warning}</p>` : nothing}`;
}
