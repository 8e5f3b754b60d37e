import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';

/** One entry of the menu: `action` is what the select event reports. */
export interface MenuItem {
  readonly action: string;
  readonly label: string;
}

/** Fired when an item is chosen; the menu has closed and focus is back on its button. */
export class MenuSelectEvent extends Event {
  constructor(readonly action: string) {
    super('petal-menu-select', { bubbles: true, composed: true });
  }
}

/**
 * A menu button (WAI-ARIA "menu button" pattern): one button that opens a list of actions. Enter, Space
 * or ↓ open it on the first item, ↑ on the last; ↑ ↓ Home End move, a letter jumps to the next item that
 * starts with it, Enter or a click chooses, Escape or Tab closes, and Escape or a choice puts focus back
 * on the button. The list is a popover, in the top layer, so no scrolling box or table cell clips it; it
 * is placed under the button (above it when there is no room below), by the CSSOM, which the CSP allows.
 */
@customElement('petal-version-menu')
export class PetalVersionMenu extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline-block;
      }
      button.trigger {
        white-space: nowrap;
        padding: 0.3rem 0.75rem;
      }
      button.trigger[aria-disabled='true'] {
        cursor: not-allowed;
        opacity: 0.5;
      }
      .caret {
        display: inline-block;
        margin-inline-start: 0.3rem;
        font-size: 0.75em;
      }
      .dots {
        display: none;
      }
      /* On a phone the button is the usual "⋯": its name ("Actions for v3") still says what it is. */
      @media (max-width: 30rem) {
        button.trigger {
          padding: 0.15rem 0.6rem;
          font-size: 1.2rem;
          line-height: 1.4;
          min-width: 2.5rem;
          min-height: 2.25rem;
        }
        .text,
        .caret {
          display: none;
        }
        .dots {
          display: inline;
        }
      }
      [role='menu'] {
        /* The popover's default centring is replaced by the position set when it opens. */
        inset: auto;
        margin: 0;
        position: fixed;
        min-width: 11rem;
        max-width: calc(100vw - 1rem);
        padding: 0.3rem;
        border: 1px solid var(--petal-control-border);
        border-radius: 8px;
        background: var(--petal-surface);
        color: var(--petal-text);
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
      }
      [role='menuitem'] {
        display: block;
        width: 100%;
        text-align: start;
        border: none;
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        background: none;
        white-space: nowrap;
      }
      [role='menuitem']:hover,
      [role='menuitem']:focus {
        background: var(--petal-accent-soft);
      }
      [role='menuitem'].danger {
        color: var(--petal-error-text);
      }
    `,
  ];

  /** The button's accessible name ("Actions for v3"); its visible text is "Actions". */
  @property() label = 'Actions';

  /** The entries, in order; an item whose action is "delete" is shown in the error colour. */
  @property({ attribute: false }) items: readonly MenuItem[] = [];

  /**
   * True while actions cannot run (a registry call is in flight): the button says so (`aria-disabled`)
   * and does not open, but stays focusable, so the focus it holds is not dropped to <body>.
   */
  @property({ type: Boolean }) disabled = false;

  @state() private expanded = false;

  /** The item to focus when the menu opens: 0 the first, -1 the last. */
  #openAt = 0;

  @query('button.trigger') private trigger!: HTMLButtonElement;
  @query('[role="menu"]') private menu!: HTMLElement;

  readonly #reposition = () => this.#place();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopFollowing();
  }

  /** Puts focus on the button (after a dialog the menu opened has closed, say). */
  override focus(options?: FocusOptions): void {
    this.trigger?.focus(options);
  }

  override render() {
    return html`<button
        class="trigger"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="menu"
        aria-label=${this.label}
        popovertarget=${this.disabled ? nothing : 'menu'}
        aria-disabled=${this.disabled ? 'true' : 'false'}
        @click=${() => {
          this.#openAt = 0;
        }}
        @keydown=${this.#onTriggerKey}
      >
        <span class="text">Actions</span><span class="caret" aria-hidden="true">▼</span
        ><span class="dots" aria-hidden="true">⋯</span>
      </button>
      <div
        id="menu"
        role="menu"
        popover="auto"
        aria-label=${this.label}
        @beforetoggle=${this.#onBeforeToggle}
        @toggle=${this.#onToggle}
        @keydown=${this.#onMenuKey}
      >
        ${this.items.map(
          (item) => html`<button
            type="button"
            role="menuitem"
            tabindex="-1"
            class=${item.action === 'delete' ? 'danger' : ''}
            @click=${() => this.#choose(item.action)}
          >
            ${item.label}
          </button>`,
        )}
      </div>`;
  }

  #items(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  }

  /** Opens the menu; the toggle event then places it and focuses an item. */
  #open(at: number): void {
    if (this.disabled || this.items.length === 0) return;
    this.#openAt = at;
    if (!this.menu.matches(':popover-open')) this.menu.showPopover();
  }

  #close(focusButton: boolean): void {
    if (this.menu.matches(':popover-open')) this.menu.hidePopover();
    // The toggle event that follows comes a task later: say "collapsed" now.
    this.expanded = false;
    this.#stopFollowing();
    if (focusButton) this.trigger.focus();
  }

  #choose(action: string): void {
    this.#close(true);
    this.dispatchEvent(new MenuSelectEvent(action));
  }

  #stopFollowing(): void {
    window.removeEventListener('scroll', this.#reposition, { capture: true });
    window.removeEventListener('resize', this.#reposition);
  }

  /** Under the button, right edges aligned, kept inside the viewport; above it when there is no room below. */
  #place(): void {
    if (!this.expanded) return;
    const button = this.trigger.getBoundingClientRect();
    const menu = this.menu.getBoundingClientRect();
    const margin = 8;
    const below = button.bottom + 4;
    const top =
      below + menu.height <= window.innerHeight - margin
        ? below
        : Math.max(margin, button.top - 4 - menu.height);
    const left = Math.min(
      Math.max(margin, button.right - menu.width),
      window.innerWidth - menu.width - margin,
    );
    this.menu.style.top = `${Math.round(top)}px`;
    this.menu.style.left = `${Math.round(Math.max(margin, left))}px`;
  }

  /**
   * Fired as the menu opens or closes, before it shows: the button says "expanded" from the moment the
   * list is visible, not a task later when `toggle` arrives (a screen reader or a test asking in between
   * would hear "collapsed" over an open menu).
   */
  #onBeforeToggle(event: ToggleEvent): void {
    this.expanded = event.newState === 'open';
  }

  /**
   * Every way the menu opens or closes ends here: the button (its popovertarget), the arrow keys, Escape
   * or a click outside (an "auto" popover's light dismiss), a choice.
   */
  #onToggle(event: ToggleEvent): void {
    if (event.newState === 'open') {
      this.#place();
      window.addEventListener('scroll', this.#reposition, { capture: true, passive: true });
      window.addEventListener('resize', this.#reposition);
      const items = this.#items();
      items[(this.#openAt + items.length) % items.length]?.focus();
      return;
    }
    this.expanded = false;
    this.#stopFollowing();
    // Closed while focus was inside (Escape): back to the button. A click elsewhere keeps its own focus.
    const active = this.shadowRoot?.activeElement ?? null;
    if (active !== null && this.menu.contains(active)) this.trigger.focus();
  }

  #onTriggerKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#open(event.key === 'ArrowDown' ? 0 : -1);
    }
  }

  #onMenuKey(event: KeyboardEvent): void {
    const items = this.#items();
    const current = items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        move(current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.#close(true);
        break;
      case 'Tab':
        // Focus moves on from the button, as if the menu had not been opened.
        this.#close(false);
        this.trigger.focus();
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLowerCase();
          const order = items.map((_, i) => (current + 1 + i) % items.length);
          const next = order.find((i) => items[i].textContent?.trim().toLowerCase().startsWith(letter));
          if (next !== undefined) move(next);
        }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-version-menu': PetalVersionMenu;
  }
  interface HTMLElementEventMap {
    'petal-menu-select': MenuSelectEvent;
  }
}
