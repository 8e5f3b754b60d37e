// The parts of a version's details as templates, shared by the details view (one version) and the
// comparison (one column per version). Each says plainly when something was not kept for the version.
import { css, html, nothing } from 'lit';
import type { SavedVersion, VersionDetails } from './registry/model-registry';
import { columnFacts, FACT_HELP, type Fact, SHOWN_COLUMNS } from './version-facts';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import '../shared/petal-help';
import '../train/petal-training-curves';

export const sectionStyles = css`
  dl.facts {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
    gap: 0.3rem 1rem;
    margin: 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* Focusable, so a keyboard can scroll a table wider than a phone. */
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table.plain {
    border-collapse: collapse;
    font-size: 0.92rem;
  }
  table.plain caption {
    text-align: left;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  table.plain th,
  table.plain td {
    text-align: left;
    padding: 0.3rem 0.6rem;
    border-bottom: 1px solid var(--petal-border);
    vertical-align: top;
  }
  h3 {
    font-size: 1rem;
    margin: 1.1rem 0 0.5rem;
  }
  .note {
    margin: 0.25rem 0;
  }
`;

/** A definition list of facts, with short help for the figures that need it. */
export function factsList(facts: readonly Fact[], label: string) {
  return html`<dl class="facts" aria-label=${label}>
    ${facts.map(
      (fact) => html`<dt>
          ${fact.label}${FACT_HELP[fact.key] ? html`<petal-help topic=${fact.label}>${FACT_HELP[fact.key]}</petal-help>` : nothing}
        </dt>
        <dd>${fact.value}</dd>`,
    )}
  </dl>`;
}

/** The settings the version was trained with, as a two-column table. */
export function settingsTable(facts: readonly Fact[], caption: string) {
  return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
    <table class="plain">
      <caption class="visually-hidden">${caption}</caption>
      <tbody>
        ${facts.map((fact) => html`<tr><th scope="row">${fact.label}</th><td>${fact.value}</td></tr>`)}
      </tbody>
    </table>
  </div>`;
}

/** The label, the classes and how each feature column is read (the pipeline inside the model). */
export function columnsSection(details: VersionDetails, caption: string) {
  const { schema } = details.metadata;
  const columns = columnFacts(details.metadata);
  const hidden = schema.features.length - columns.length;
  const classes = schema.classes.slice(0, 20).join(', ');
  const more =
    schema.classes.length > 20 ? ` and ${(schema.classes.length - 20).toLocaleString('en')} more` : '';
  return html`<p class="note">
      Predicts <strong>${schema.label}</strong>: ${schema.classes.length.toLocaleString('en')} classes (${classes}${more}).
    </p>
    <div class="scroll" role="region" aria-label=${caption} tabindex="0">
      <table class="plain">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr><th scope="col">Column</th><th scope="col">Read as</th><th scope="col">Training range</th></tr>
        </thead>
        <tbody>
          ${columns.map(
            (column) =>
              html`<tr><th scope="row">${column.name}</th><td>${column.usedAs}</td><td>${column.range}</td></tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      hidden > 0
        ? html`<p class="note muted">The first ${SHOWN_COLUMNS} columns are listed; ${hidden.toLocaleString('en')} more are not.</p>`
        : nothing
    }`;
}

/** Loss and accuracy per epoch, or why there are none. */
export function curvesSection(version: SavedVersion, details: VersionDetails) {
  const history = details.figures.history;
  if (history && history.length > 0) {
    const planned = (details.metadata.settings as { readonly epochs?: number }).epochs ?? history.length;
    return html`<petal-training-curves .history=${history} .epochs=${Math.max(planned, history.length)}></petal-training-curves>`;
  }
  if ((version.kind ?? 'dense-network') !== 'dense-network') {
    return html`<p class="note muted">This kind of model is fitted in one go, not epoch by epoch, so it has no curves.</p>`;
  }
  return html`<p class="note muted">
    ${details.figuresProblem ? `The kept curves could not be read (${details.figuresProblem}).` : 'Curves were not kept for this version.'}
  </p>`;
}

/** The confusion matrix (when kept) and the per-class figures on the test rows. */
export function testSection(details: VersionDetails) {
  const { metadata, figures } = details;
  const classes = metadata.schema.classes;
  const metrics = figures.testMetrics;
  const perClass =
    metrics?.perClass ??
    metadata.metrics.test.perClass.map((entry, k) => ({ ...entry, label: classes[k] ?? entry.label ?? '' }));
  return html`${
    metrics
      ? html`<petal-confusion-matrix .classes=${classes} .confusion=${metrics.confusion}></petal-confusion-matrix>`
      : html`<p class="note muted">The confusion matrix was not kept for this version.</p>`
  }
    <petal-class-metrics .perClass=${perClass}></petal-class-metrics>`;
}
