import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { type ComparedFact, compareFacts, differenceDirection, differenceExample } from './compare-facts';
import type { SavedVersion, VersionDetails } from './registry/model-registry';
import type { DetailsState } from './version-details-controller';
import { columnFacts, type Fact, settingFacts, summaryFacts } from './version-facts';
import { curvesSection, factValue, sectionStyles, testSection } from './version-sections';
import { viewDialogHeader, viewDialogStyles } from './view-dialog';

/** Fired when the user picks another pair of versions to compare. */
export class ComparePickEvent extends Event {
  constructor(
    readonly leftId: string,
    readonly rightId: string,
  ) {
    super('petal-compare-pick', { bubbles: true, composed: true });
  }
}

/**
 * Two saved versions side by side in a modal dialog: their figures and settings in one table with a
 * "Difference" column that says in words what differs (the highlight is only a second cue; on a phone
 * the difference goes under each row's name, and the top-left cell says which way it reads), then each
 * version's curves, confusion matrix and per-class metrics in two columns (one above the other on a
 * phone), then their columns.
 */
@customElement('petal-version-comparison')
export class PetalVersionComparison extends LitElement {
  static override styles = [
    controlStyles,
    sectionStyles,
    viewDialogStyles,
    css`
      .pickers {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        margin: 0.75rem 0;
      }
      .pickers label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        font-weight: 600;
        min-width: 0;
        max-width: 100%;
      }
      .pickers select {
        max-width: 100%;
      }
      .body {
        container-type: inline-size;
      }
      table.compare {
        width: 100%;
      }
      /* Long values (a fingerprint, a name) may break anywhere, so three columns fit a phone. */
      table.compare td {
        overflow-wrap: anywhere;
      }
      table.compare th[scope='row'] {
        min-width: 7rem;
        width: 30%;
      }
      table.compare th[scope='col'] {
        vertical-align: bottom;
      }
      .inline-difference,
      .direction {
        display: block;
        font-size: 0.85rem;
      }
      .direction {
        font-weight: 600;
      }
      table.compare tr.differs .inline-difference {
        font-weight: 600;
      }
      @container (max-width: 36rem) {
        .wide-only {
          display: none;
        }
      }
      @container (min-width: 36.01rem) {
        .narrow-only {
          display: none;
        }
      }
      table.compare tr.differs {
        background: var(--petal-accent-soft);
      }
      table.compare tr.differs td.difference {
        font-weight: 600;
      }
      td.difference {
        white-space: nowrap;
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
        gap: 1rem 1.5rem;
      }
      .columns > section {
        min-width: 0;
      }
      h4 {
        margin: 0.5rem 0;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The versions that can be compared (intact ones), oldest first. */
  @property({ attribute: false }) versions: readonly SavedVersion[] = [];

  /** The two versions compared. */
  @property({ attribute: false }) leftId: string | null = null;
  @property({ attribute: false }) rightId: string | null = null;

  /** Their details as read from the registry. */
  @property({ attribute: false }) left: DetailsState | null = null;
  @property({ attribute: false }) right: DetailsState | null = null;

  @query('dialog') private dialog!: HTMLDialogElement;

  async open(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override render() {
    const left = this.versions.find((v) => v.id === this.leftId);
    const right = this.versions.find((v) => v.id === this.rightId);
    return html`<dialog aria-labelledby="compare-title">
      ${viewDialogHeader({ titleId: 'compare-title', title: 'Compare two versions', onClose: () => this.close() })}
      <div class="body">
        <div class="pickers">
          ${this.#picker('compare-left', 'Compare', this.leftId, (id) => this.#pick(id, this.rightId))}
          ${this.#picker('compare-right', 'with', this.rightId, (id) => this.#pick(this.leftId, id))}
        </div>
        ${left && right ? this.#comparison(left, right) : nothing}
      </div>
    </dialog>`;
  }

  #picker(id: string, label: string, value: string | null, onPick: (id: string) => void) {
    return html`<label for=${id}
      >${label}
      <select
        id=${id}
        @change=${(event: Event) => onPick((event.target as HTMLSelectElement).value)}
      >
        ${this.versions.map(
          (v) => html`<option .value=${v.id} ?selected=${v.id === value}>v${v.version} · ${v.name}</option>`,
        )}
      </select></label
    >`;
  }

  #pick(leftId: string | null, rightId: string | null): void {
    if (leftId && rightId) this.dispatchEvent(new ComparePickEvent(leftId, rightId));
  }

  #comparison(left: SavedVersion, right: SavedVersion) {
    const a = this.left;
    const b = this.right;
    if (!a || !b || a.status === 'loading' || b.status === 'loading') {
      return html`<p role="status">Reading v${left.version} and v${right.version}…</p>`;
    }
    if (a.status === 'failed' || b.status === 'failed') {
      const failed = a.status === 'failed' ? a : b;
      return html`<p role="alert" class="error">${failed.status === 'failed' ? failed.message : ''}</p>`;
    }
    const da = a.details;
    const db = b.details;
    const same = left.id === right.id;
    const names = [`v${left.version}`, `v${right.version}`] as const;
    const figures = compareFacts(
      summaryFacts(left, da.metadata),
      summaryFacts(right, db.metadata),
      names,
    ).filter((row) => row.key !== 'engine');
    const settings = compareFacts(settingFacts(da.metadata), settingFacts(db.metadata), names);
    const columns = compareFacts(columnRows(da), columnRows(db), names);
    const differing = [...figures, ...settings, ...columns].filter((row) => row.differs).length;
    return html`<p role="status">
        ${
          same
            ? 'The same version is chosen twice: pick another one to compare with.'
            : `${differing} ${differing === 1 ? 'line differs and is' : 'lines differ and are'} highlighted. Differences read ${differenceDirection(names)} and name the better version, as in “${differenceExample(names)}”.`
        }
      </p>
      <h3>Figures</h3>
      ${this.#table(figures, left, right, 'Figures of both versions')}
      <h3>Settings</h3>
      ${this.#table(settings, left, right, 'Settings of both versions')}
      <h3>Curves and test results</h3>
      <div class="columns">
        ${[
          { version: left, details: da },
          { version: right, details: db },
        ].map(
          ({ version, details }) => html`<section aria-labelledby=${`column-${version.id}`}>
            <h4 id=${`column-${version.id}`}>v${version.version} · ${version.name}</h4>
            ${curvesSection(version, details)} ${testSection(details)}
          </section>`,
        )}
      </div>
      <h3>Columns</h3>
      ${this.#table(columns, left, right, 'Columns of both versions and how each reads them')}`;
  }

  #table(rows: readonly ComparedFact[], left: SavedVersion, right: SavedVersion, caption: string) {
    // On a phone the Difference column folds into the row's label, so the table keeps to three columns;
    // the top-left cell, above those labels, then says which way the differences read.
    const direction = differenceDirection([`v${left.version}`, `v${right.version}`]);
    return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
      <table class="plain compare">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>
            <td><span class="narrow-only direction">Difference (${direction})</span></td>
            <th scope="col">v${left.version}</th>
            <th scope="col">v${right.version}</th>
            <th scope="col" class="wide-only">Difference (${direction})</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr class=${row.differs ? 'differs' : ''}>
              <th scope="row">
                ${row.label}<span class="narrow-only inline-difference ${row.differs ? '' : 'muted'}"
                  >${row.difference}</span
                >
              </th>
              <td>${factValue({ key: row.key, value: row.left })}</td>
              <td>${factValue({ key: row.key, value: row.right })}</td>
              <td class="wide-only ${row.differs ? 'difference' : 'difference muted'}">${row.difference}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

/** The label, the classes and each feature column as a fact, so two versions' columns line up by name. */
function columnRows(details: VersionDetails): Fact[] {
  const { schema } = details.metadata;
  return [
    { key: 'label', label: 'Predicts', value: schema.label },
    {
      key: 'classes',
      label: 'Classes',
      value: `${schema.classes.length}: ${schema.classes.slice(0, 20).join(', ')}${schema.classes.length > 20 ? ', …' : ''}`,
      identity: JSON.stringify(schema.classes),
    },
    ...columnFacts(details.metadata).map((column) => ({
      key: `column:${column.name}`,
      label: column.name,
      value: column.usedAs,
    })),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-version-comparison': PetalVersionComparison;
  }
  interface HTMLElementEventMap {
    'petal-compare-pick': ComparePickEvent;
  }
}
