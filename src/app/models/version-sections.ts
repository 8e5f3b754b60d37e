// The parts of a version's details as templates, shared by the details view (one version) and the
// comparison (one column per version). Each says plainly when something was not kept for the version.
import { css, html, nothing } from 'lit';
import type { SavedVersion, VersionDetails } from './registry/model-registry';
import { columnFacts, FACT_HELP, type Fact, SHOWN_COLUMNS } from './version-facts';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import { labelWithHelp, labelWithHelpStyles } from '../shared/petal-help';
import '../train/petal-training-curves';

export const sectionStyles = css`
  ${labelWithHelpStyles}
  /* The names take what they need up to half the width (a long one wraps), so a phone's values keep the
     other half rather than a sliver beside "Cross-validated accuracy". */
  dl.facts {
    display: grid;
    grid-template-columns: fit-content(50%) minmax(0, 1fr);
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
  /* The per-class table and the matrix each start a block of their own, clear of the legend or curves above. */
  petal-confusion-matrix,
  petal-class-metrics {
    margin-top: 1rem;
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
  /* The data fingerprint in groups of four, breaking only between its halves (never one digit alone on a
     line); one click selects all of it for copying, without the gaps, which are margins, not spaces. */
  .fingerprint {
    font-family: var(--petal-mono);
    font-size: 0.95em;
    overflow-wrap: normal;
    user-select: all;
  }
  .fingerprint .half {
    white-space: nowrap;
  }
  .fingerprint .half:not(:last-child),
  .fingerprint .group:not(:last-child) {
    margin-inline-end: 0.4ch;
  }
  .note {
    margin: 0.25rem 0;
  }
`;

/** A fact's value as shown: the data fingerprint as code in groups of four, anything else as text. */
export function factValue(fact: { readonly key: string; readonly value: string }) {
  if (fact.key !== 'dataFingerprint' || fact.value === '—') return fact.value;
  const groups = fact.value.match(/.{1,4}/g) ?? [fact.value];
  const middle = Math.ceil(groups.length / 2);
  const half = (part: readonly string[]) =>
    html`<span class="half">${part.map((group) => html`<span class="group">${group}</span>`)}</span>`;
  return html`<code class="fingerprint" translate="no"
    >${half(groups.slice(0, middle))}<wbr />${half(groups.slice(middle))}</code
  >`;
}

/** A fact's name and its help, if it has one. */
function nameWithHelp(fact: Fact) {
  const help = FACT_HELP[fact.key];
  return help ? labelWithHelp(fact.label, fact.label, help) : fact.label;
}

/** A definition list of facts, with short help for the figures that need it. */
export function factsList(facts: readonly Fact[], label: string) {
  return html`<dl class="facts" aria-label=${label}>
    ${facts.map(
      (fact) => html`<dt>${nameWithHelp(fact)}</dt>
        <dd>${factValue(fact)}</dd>`,
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
    // The axis ends where the run did, as under the Train tab's results: a run stopped early at epoch 40
    // of 5,000 planned would otherwise be a sliver at the left.
    return html`<petal-training-curves .history=${history} .epochs=${history.length}></petal-training-curves>`;
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
