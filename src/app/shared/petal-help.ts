import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { controlStyles } from './theme';

/** The style `labelWithHelp` needs in the stylesheet of the element that shows it. */
export const labelWithHelpStyles = css`
  .last-word {
    white-space: nowrap;
  }
`;

/**
 * A name followed by its help, the "?" kept on the line of the name's last word: a narrow column then
 * wraps the name, never leaving the "?" alone on a line of its own.
 */
export function labelWithHelp(label: string, topic: string, help: string) {
  const cut = label.lastIndexOf(' ') + 1;
  return html`${label.slice(0, cut)}<span class="last-word"
      >${label.slice(cut)}<petal-help topic=${topic}>${help}</petal-help></span
    >`;
}

/**
 * Short help for one technical setting or figure: a small "?" button after its name that shows or hides
 * a sentence or two (the element's text). A disclosure rather than a tooltip, so it works by touch and
 * keyboard, stays open while read and is announced by screen readers (`aria-expanded`, and the text
 * follows the button in reading order). Escape closes it and gives focus back to the button.
 *
 *   <label for="epochs">Epochs</label><petal-help topic="Epochs">Passes over the training rows…</petal-help>
 */
@customElement('petal-help')
export class PetalHelp extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline;
        font-weight: normal;
      }
      button.help {
        min-height: 0;
        min-width: 0;
        width: 1.35rem;
        height: 1.35rem;
        padding: 0;
        margin-inline-start: 0.3rem;
        border-radius: 50%;
        font-size: 0.8rem;
        font-weight: 700;
        line-height: 1;
        vertical-align: 0.1em;
        color: var(--petal-accent);
        background: var(--petal-surface);
        border: 1px solid var(--petal-control-border);
      }
      button.help[aria-expanded='true'] {
        color: var(--petal-accent-text);
        background: var(--petal-accent);
        border-color: var(--petal-accent);
      }
      .text {
        display: block;
        margin: 0.3rem 0 0.2rem;
        padding: 0.45rem 0.6rem;
        max-width: 32rem;
        border-inline-start: 3px solid var(--petal-accent);
        background: var(--petal-accent-soft);
        color: var(--petal-text);
        font-size: 0.875rem;
        font-weight: normal;
        line-height: 1.4;
        text-align: start;
        white-space: normal;
      }
      .text[hidden] {
        display: none;
      }
    `,
  ];

  /** What the help is about, for the button's accessible name: "Help: <topic>". */
  @property() topic = '';

  @state() private open = false;

  override render() {
    return html`<button
        class="help"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="text"
        aria-label=${`Help: ${this.topic}`}
        title=${`What is ${this.topic}?`}
        @click=${this.#toggle}
        @keydown=${this.#keydown}
      >
        ?</button
      ><span id="text" class="text" role="note" ?hidden=${!this.open} @keydown=${this.#keydown}
        ><slot></slot
      ></span>`;
  }

  #toggle(event: Event) {
    // Inside a <label> a click would also focus or toggle the labelled control.
    event.preventDefault();
    event.stopPropagation();
    this.open = !this.open;
  }

  #keydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.help')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-help': PetalHelp;
  }
}
