import { html, nothing } from 'lit';
import { formatPercent } from '../shared/format-number';
import { modelKindLabel } from './model-kind-label';
import type { VersionInfo } from './registry/model-registry';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "23 Nov 2026, 14:05" in the user's locale; the ISO text when the date cannot be read. */
export function formatCreated(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** What a row needs besides its version: whether it is active or being renamed, and what to call back. */
export interface VersionRowOptions {
  readonly active: boolean;
  readonly busy: boolean;
  /** The rename draft and its message while this row is being renamed; undefined otherwise. */
  readonly rename?: { readonly draft: string; readonly error: string };
  readonly onActivate: () => void;
  readonly onRenameStart: () => void;
  readonly onRenameInput: (value: string) => void;
  readonly onRenameSave: () => void;
  readonly onRenameCancel: () => void;
  readonly onDelete: () => void;
  readonly onExport: () => void;
}

/**
 * One row of the "Model versions" table. A template, not an element: a custom element inside `<tbody>`
 * would break the table's semantics. Names are user text and render as text.
 */
export function versionRow(version: VersionInfo, options: VersionRowOptions) {
  const v = `v${version.version}`;
  const rename = options.rename;
  return html`<tr class=${options.active ? 'active' : ''}>
    <th scope="row">${v}</th>
    <td>
      ${
        rename
          ? html`<form
            class="rename"
            @submit=${(event: Event) => {
              event.preventDefault();
              options.onRenameSave();
            }}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key === 'Escape') options.onRenameCancel();
            }}
          >
            <input
              type="text"
              aria-label=${`Name for ${v}`}
              .value=${rename.draft}
              maxlength="200"
              aria-invalid=${rename.error ? 'true' : 'false'}
              aria-describedby=${rename.error ? `rename-error-${version.id}` : nothing}
              @input=${(event: Event) => options.onRenameInput((event.target as HTMLInputElement).value)}
            />
            <button type="submit" ?disabled=${options.busy}>Save</button>
            <button type="button" @click=${options.onRenameCancel}>Cancel</button>
            ${
              rename.error
                ? html`<p class="error" id=${`rename-error-${version.id}`}>${rename.error}</p>`
                : nothing
            }
          </form>`
          : version.name
      }
    </td>
    ${
      version.damaged !== undefined
        ? html`<td colspan="2" class="error">Damaged: ${version.damaged}</td>
            <td>${version.source}</td>
            <td></td>`
        : html`<td>${modelKindLabel(version.kind, version.settings)}</td>
            <td>${formatCreated(version.createdAt)}</td>
            <td>${version.source}</td>
            <td class="number">${formatPercent(version.accuracy)}</td>`
    }
    <td>${options.active ? html`<strong class="badge">Active</strong>` : nothing}</td>
    <td class="buttons">
      ${
        options.active || version.damaged !== undefined
          ? nothing
          : html`<button type="button" ?disabled=${options.busy} @click=${options.onActivate}>Activate ${v}</button>`
      }
      <button type="button" ?disabled=${options.busy || rename !== undefined} @click=${options.onRenameStart}>
        Rename ${v}
      </button>
      <button type="button" ?disabled=${options.busy} @click=${options.onDelete}>Delete ${v}</button>
      <button type="button" ?disabled=${options.busy} @click=${options.onExport}>
        ${version.damaged !== undefined ? `Export ${v} as it is` : `Export ${v}`}
      </button>
    </td>
  </tr>`;
}
