import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { RegistryController } from '../models/registry-controller';
import { formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { exampleValue, firstExampleMeans } from './example-values';
import { featureLabels } from './feature-label';
import { type FeatureRange, featureRanges, parseFieldValue, rangeWarning } from './feature-range';
import type { FeatureInputDetail } from './petal-feature-field';
import { probabilityChartStyles } from './petal-probability-chart';
import { PredictionController } from './prediction-controller';
import './petal-feature-field';
import './petal-probability-chart';
import './petal-scatter-plot';

/** Fields shown at once; a model with more features lists the rest behind a disclosure. */
const FIELDS_SHOWN = 24;
/** Example buttons shown at once; a model with more classes offers its examples in a list. */
const EXAMPLE_BUTTONS = 12;

/**
 * The Predict tab: a form generated from the active model's schema (fields bound by feature name), the
 * live prediction with its probability chart, example buttons from the class means, out-of-range
 * warnings, and the training-sample scatter plot. Every `input` event predicts; there is no submit.
 */
@customElement('petal-predict-panel')
export class PetalPredictPanel extends LitElement {
  static override styles = [
    controlStyles,
    probabilityChartStyles,
    css`
      :host {
        display: block;
      }
      .model {
        margin: 0 0 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: baseline;
      }
      .model p {
        margin: 0;
      }
      .model .name {
        font-weight: 600;
      }
      .layout {
        display: grid;
        gap: var(--petal-gap);
        grid-template-columns: minmax(0, 1fr);
      }
      @media (min-width: 860px) {
        .layout {
          grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
          align-items: start;
        }
      }
      .side {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--petal-gap);
      }
      .fields {
        display: grid;
        gap: 1rem;
      }
      .examples {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 1rem;
      }
      .verdict {
        font-size: 1.25rem;
        margin: 0 0 0.75rem;
      }
      .verdict strong {
        color: var(--petal-accent);
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** The text of each field, keyed by feature name so a model swap carries values over by name. */
  @state() private values: Readonly<Record<string, string>> = {};

  readonly #registry = new RegistryController(this, () => this.services);
  readonly #predictor = new PredictionController(this, () => this.services);
  #formMetadata: PetalMetadata | null = null;
  #ranges: FeatureRange[] = [];
  /** The fields' labels for the scatter plot, one array per model so the plot sees no change per edit. */
  #labels: string[] = [];
  /**
   * The form's numbers for one `values` object: the same array for as long as the values are the same,
   * so a re-render for a new prediction hands the scatter plot an unchanged `current` and it skips a redraw.
   */
  #parsed: {
    values: Readonly<Record<string, string>>;
    ranges: FeatureRange[];
    numbers: number[] | null;
  } | null = null;

  protected override willUpdate(_changed: PropertyValues<this>) {
    const metadata = this.#registry.metadata;
    if (metadata && metadata !== this.#formMetadata) this.#regenerate(metadata);
  }

  /** A new model: new fields, values kept where the new schema has the same feature name. */
  #regenerate(metadata: PetalMetadata) {
    this.#formMetadata = metadata;
    this.#ranges = featureRanges(metadata, featureLabels(metadata.schema.features));
    this.#labels = this.#ranges.map((range) => range.label);
    const first = firstExampleMeans(metadata);
    // Null-prototype records and own-property reads: a column may be called "__proto__" or "constructor".
    const values: Record<string, string> = Object.create(null);
    this.#ranges.forEach((range, i) => {
      values[range.name] = Object.hasOwn(this.values, range.name)
        ? (this.values[range.name] as string)
        : exampleValue(range, first[i]);
    });
    this.values = values;
    this.#predict();
  }

  /** The numbers of the form in schema order, or null when a field is empty or not a number. */
  #numbers(): number[] | null {
    const { values } = this;
    const ranges = this.#ranges;
    if (this.#parsed?.values === values && this.#parsed.ranges === ranges) return this.#parsed.numbers;
    const parsed = ranges.map((range) => parseFieldValue(values[range.name] ?? ''));
    const numbers = parsed.every((n) => n !== undefined) ? (parsed as number[]) : null;
    this.#parsed = { values, ranges, numbers };
    return numbers;
  }

  #predict() {
    const numbers = this.#numbers();
    if (numbers) this.#predictor.predict(numbers);
    else this.#predictor.clear();
  }

  #onFieldInput(event: CustomEvent<FeatureInputDetail>) {
    this.values = { ...this.values, [event.detail.name]: event.detail.value };
    this.#predict();
  }

  #fillExample(classIndex: number) {
    const means = this.#formMetadata?.classMeans?.[classIndex];
    if (!means) return;
    const values: Record<string, string> = Object.create(null);
    this.#ranges.forEach((range, i) => {
      values[range.name] = exampleValue(range, means[i]);
    });
    this.values = values;
    this.#predict();
  }

  override render() {
    const { snapshot } = this.#registry;
    const loaded = snapshot.loaded;
    const error = snapshot.error ? html`<p class="error" role="alert">${snapshot.error}</p>` : nothing;
    if (!loaded || !this.#formMetadata) {
      return html`${error}
        <p class="muted">${snapshot.phase === 'loading' ? 'Loading the model…' : 'No model is loaded.'}</p>`;
    }
    const { schema } = this.#formMetadata;
    const numbers = this.#numbers();
    return html`
      <div class="model">
        <p class="name">Model v${loaded.version.version} · ${loaded.version.name}</p>
        <p class="muted">Test accuracy ${formatPercent(loaded.metadata.metrics.test.accuracy)}</p>
      </div>
      ${error}
      <div class="layout" @petal-feature-input=${this.#onFieldInput}>
        <section class="card" aria-labelledby="measurements-heading">
          <h2 id="measurements-heading">Measurements</h2>
          ${this.#examples(schema.classes)}
          <div class="fields">${this.#ranges.slice(0, FIELDS_SHOWN).map((range) => this.#field(range))}</div>
          ${
            this.#ranges.length > FIELDS_SHOWN
              ? html`<details class="more-fields" @toggle=${() => this.requestUpdate()}>
                  <summary>${(this.#ranges.length - FIELDS_SHOWN).toLocaleString('en')} more features</summary>
                  <div class="fields">${this.#moreFieldsOpen() ? this.#ranges.slice(FIELDS_SHOWN).map((range) => this.#field(range)) : nothing}</div>
                </details>`
              : nothing
          }
        </section>
        <div class="side">
          <section class="card" aria-labelledby="prediction-heading">
            <h2 id="prediction-heading">Prediction</h2>
            <div role="status" aria-labelledby="prediction-heading">${this.#verdict(numbers !== null)}</div>
          </section>
          <section class="card" aria-labelledby="sample-heading">
            <h2 id="sample-heading">Training sample</h2>
            <petal-scatter-plot
              .labels=${this.#labels}
              .classes=${schema.classes}
              .sample=${loaded.sample}
              .current=${numbers}
            ></petal-scatter-plot>
          </section>
        </div>
      </div>
    `;
  }

  #field(range: FeatureRange) {
    const text = this.values[range.name] ?? '';
    const value = parseFieldValue(text);
    return html`<petal-feature-field
      .range=${range}
      .value=${text}
      .error=${value === undefined ? `Enter a number for ${range.label}` : null}
      .warning=${value === undefined ? null : rangeWarning(range, value)}
    ></petal-feature-field>`;
  }

  /** The fields past the first FIELDS_SHOWN are only made once the user opens them. */
  #moreFieldsOpen(): boolean {
    return this.renderRoot.querySelector<HTMLDetailsElement>('details.more-fields')?.open ?? false;
  }

  /** An example button per class while there are few; a list to pick from when there are many. */
  #examples(classes: readonly string[]) {
    if (!this.#formMetadata?.classMeans) return nothing;
    if (classes.length <= EXAMPLE_BUTTONS) {
      return html`<div class="examples">
        ${classes.map(
          (name, k) =>
            html`<button type="button" @click=${() => this.#fillExample(k)}>Example: ${name}</button>`,
        )}
      </div>`;
    }
    return html`<label class="examples"
      >Fill with an example of
      <select
        @change=${(event: Event) => {
          const select = event.target as HTMLSelectElement;
          if (select.value !== '') this.#fillExample(Number(select.value));
          select.value = '';
        }}
      >
        <option value="">a class…</option>
        ${classes.map((name, k) => html`<option value=${k}>${name}</option>`)}
      </select></label
    >`;
  }

  #verdict(valid: boolean) {
    const loaded = this.#registry.loaded!;
    const { prediction, error } = this.#predictor;
    if (!valid) return html`<p class="muted">Enter a number in every field to see a prediction.</p>`;
    if (prediction && prediction.versionId === loaded.version.id) {
      const classes = loaded.metadata.schema.classes;
      return html`<p class="verdict">Predicted: <strong>${classes[prediction.predictedIndex]}</strong></p>
        <petal-probability-chart
          .classes=${classes}
          .probabilities=${prediction.probabilities}
          .predicted=${prediction.predictedIndex}
        ></petal-probability-chart>`;
    }
    if (error) return html`<p class="error">${error}</p>`;
    if (this.#predictor.engineFailed) {
      return html`<p class="muted">No prediction: the engine restarted. Change a value to try again.</p>`;
    }
    return html`<p class="muted">Predicting…</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-predict-panel': PetalPredictPanel;
  }
}
