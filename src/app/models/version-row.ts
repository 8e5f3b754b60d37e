import { html, nothing } from 'lit';
import { formatPercent } from '../shared/format-number';
import { modelKindLabel, modelKindName } from './model-kind-label';
import type { MenuItem, MenuSelectEvent } from './petal-version-menu';
import type { VersionInfo } from './registry/model-registry';
import { formatCreated } from './version-facts';
import './petal-version-menu';

/** What the actions menu of a row can ask for. */
export type VersionAction = 'use' | 'details' | 'compare' | 'rename' | 'export' | 'delete';

/** What a row needs besides its version: its state and what to call back. */
export interface VersionRowOptions {
  readonly active: boolean;
  readonly busy: boolean;
  /** True when another intact version exists to compare with. */
  readonly comparable: boolean;
  /** The rename draft and its message while this row is being renamed; undefined otherwise. */
  readonly rename?: { readonly draft: string; readonly error: string };
  readonly onAction: (action: VersionAction) => void;
  readonly onRenameInput: (value: string) => void;
  readonly onRenameSave: () => void;
  readonly onRenameCancel: () => void;
}

/** The actions menu's items for a version: only what applies to it. */
export function menuItems(version: VersionInfo, options: Pick<VersionRowOptions, 'active' | 'comparable'>) {
  const intact = version.damaged === undefined;
  const items: MenuItem[] = [];
  if (intact && !options.active) items.push({ action: 'use', label: 'Use (make active)' });
  if (intact) items.push({ action: 'details', label: 'Details' });
  if (intact && options.comparable) items.push({ action: 'compare', label: 'Compare with…' });
  items.push(
    { action: 'rename', label: 'Rename' },
    { action: 'export', label: intact ? 'Export (.zip)' : 'Export as it is (.zip)' },
    { action: 'delete', label: 'Delete' },
  );
  return items;
}

/**
 * One compact row of the "Model versions" table: version, name with the Active badge, kind, test
 * accuracy, creation time and one actions menu. On a narrow screen the kind, accuracy and time move under
 * the name as one line (the panel's container query), so a row stays one or two lines high. A template,
 * not an element: a custom element inside `<tbody>` would break the table's semantics. Names are user
 * text and render as text.
 */
export function versionRow(version: VersionInfo, options: VersionRowOptions) {
  const v = `v${version.version}`;
  const rename = options.rename;
  const intact = version.damaged === undefined ? version : null;
  return html`<tr class=${options.active ? 'active' : ''} aria-current=${options.active ? 'true' : nothing}>
    <th scope="row" class="version">${v}</th>
    <td class="name">
      ${rename ? renameForm(v, version.id, rename, options) : html`<span class="name-text">${version.name}</span>`}
      ${options.active ? html`<strong class="badge">Active</strong>` : nothing}
      ${
        intact
          ? html`<span class="meta narrow-only"
              ><span>${modelKindName(intact.kind)}</span> · <span>${formatPercent(intact.accuracy)} accuracy</span>
              · <span>${formatCreated(intact.createdAt, true)}</span></span
            >`
          : html`<span class="meta error">Damaged: ${version.damaged}</span>`
      }
    </td>
    <td class="wide-only">${intact ? modelKindLabel(intact.kind, intact.settings) : ''}</td>
    <td class="wide-only number">${intact ? formatPercent(intact.accuracy) : ''}</td>
    <td class="wide-only">${intact ? formatCreated(intact.createdAt) : ''}</td>
    <td class="actions">
      <petal-version-menu
        label=${`Actions for ${v}`}
        .items=${menuItems(version, options)}
        ?disabled=${options.busy || rename !== undefined}
        data-version-id=${version.id}
        @petal-menu-select=${(event: MenuSelectEvent) => options.onAction(event.action as VersionAction)}
      ></petal-version-menu>
    </td>
  </tr>`;
}

function renameForm(
  v: string,
  id: string,
  rename: { readonly draft: string; readonly error: string },
  options: VersionRowOptions,
) {
  return html`<form
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
      aria-describedby=${rename.error ? `rename-error-${id}` : nothing}
      @input=${(event: Event) => options.onRenameInput((event.target as HTMLInputElement).value)}
    />
    <button type="submit" ?disabled=${options.busy}>Save</button>
    <button type="button" @click=${options.onRenameCancel}>Cancel</button>
    ${rename.error ? html`<p class="error" id=${`rename-error-${id}`}>${rename.error}</p>` : nothing}
  </form>`;
}
