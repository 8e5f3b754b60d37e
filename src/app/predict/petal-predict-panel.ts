import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { RegistryController } from '../models/registry-controller';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { exampleValue, firstExample } from './example-values';
import type { FeatureInputDetail } from './feature-input-event';
import { type FieldValue, formCells, readField, readFields } from './form-cells';
import { type FormField, formFields } from './form-fields';
import type { PredictionCardState } from './petal-prediction-card';
import { plotFeatures, plotPoint, plotSample } from './plot-features';
import { type Prediction, PredictionController } from './prediction-controller';
import type { ScatterSample } from './scatter-axes';
import { stickyResult, stickyResultStyles } from './sticky-result';
import { unreliableInput, unreliableInputs } from './unreliable-inputs';
import './petal-class-examples';
import './petal-number-field';
import './petal-prediction-card';
import '../shared/petal-model-picker';

/**
 * Below this width `.layout` puts the Prediction card under the form. The result bar is rendered only
 * then: where the card is beside the form it would repeat it (and a hidden copy of the answer would still
 * be text in the page).
 */
const NARROW = matchMedia('(max-width: 859.98px)');

/** Fields shown at once; a model with more features lists the rest behind a disclosure. */
const FIELDS_SHOWN = 24;

/** The form of one model: its fields, and the number features the scatter plot offers (null: no plot). */
interface ModelForm {
  readonly metadata: PetalMetadata;
  readonly fields: readonly FormField[];
  readonly plot: { readonly features: readonly number[]; readonly labels: readonly string[] } | null;
}

/** The form's values read, for one `values` object. */
interface FormReading {
  readonly values: Readonly<Record<string, string>>;
  readonly form: ModelForm;
  readonly read: readonly FieldValue[];
  /** The row to predict, or null while a field is invalid. */
  readonly cells: readonly string[] | null;
  /** The input on the plot's features (NaN where blank); null while a field is invalid, or without a plot. */
  readonly point: readonly number[] | null;
}

/**
 * The Predict tab: a form generated from the active model's pipeline (a number field and slider, a list of
 * category values or a date input per feature, bound by feature name), the live prediction, marked
 * unreliable when an input lies outside the training data, example buttons from the class examples, and
 * the training-sample scatter plot of the number features. Every edit predicts; there is no submit.
 */
@customElement('petal-predict-panel')
export class PetalPredictPanel extends LitElement {
  static override styles = [
    controlStyles,
    stickyResultStyles,
    css`
      :host {
        display: block;
      }
      petal-model-picker {
        margin: 0 0 1rem;
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
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** The text of each field, keyed by feature name so a model swap carries values over by name. */
  @state() private values: Readonly<Record<string, string>> = {};

  /** True while the Prediction card is below the form (a narrow screen): the result bar is shown then. */
  @state() private narrow = NARROW.matches;
  readonly #onWidth = () => {
    this.narrow = NARROW.matches;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    NARROW.addEventListener('change', this.#onWidth);
    this.#onWidth();
  }

  override disconnectedCallback(): void {
    NARROW.removeEventListener('change', this.#onWidth);
    super.disconnectedCallback();
  }

  readonly #registry = new RegistryController(this, () => this.services);
  readonly #predictor = new PredictionController(this, () => this.services);
  #form: ModelForm | null = null;
  /**
   * The last reading of the form: the same arrays for as long as the values are the same, so a re-render
   * for a new prediction hands the scatter plot an unchanged `current` and it skips a redraw.
   */
  #reading: FormReading | null = null;
  /** The plot's cut of the training sample, kept while the sample and the model are the same. */
  #plotted: { sample: ScatterSample; form: ModelForm; cut: ScatterSample } | null = null;
  /**
   * The scatter plot's code is loaded once the first prediction is shown: the first prediction does not
   * need it, and the first-load JavaScript has a size budget (petal-app.ts). Until it is defined, the plot
   * is an empty element below the card, so nothing above it moves when it appears.
   */
  #plotLoading: Promise<unknown> | null = null;

  protected override willUpdate(_changed: PropertyValues<this>) {
    const metadata = this.#registry.metadata;
    if (metadata && metadata !== this.#form?.metadata) this.#regenerate(metadata);
  }

  protected override updated() {
    if (this.#plotLoading || !this.#form?.plot || !this.#prediction()) return;
    this.#plotLoading = import('./petal-scatter-plot').catch(() => {
      // Offline before the service worker cached it: the next update tries again.
      this.#plotLoading = null;
    });
  }

  /** A new model: new fields, values kept where the new schema has the same feature and can read its text. */
  #regenerate(metadata: PetalMetadata) {
    const fields = formFields(metadata);
    const features = plotFeatures(fields);
    this.#form = {
      metadata,
      fields,
      plot: features.length >= 2 ? { features, labels: features.map((f) => fields[f].label) } : null,
    };
    const first = firstExample(metadata);
    // Null-prototype records and own-property reads: a column may be called "__proto__" or "constructor".
    const values: Record<string, string> = Object.create(null);
    fields.forEach((field, f) => {
      const kept = Object.hasOwn(this.values, field.name) ? this.values[field.name] : undefined;
      values[field.name] =
        kept !== undefined && readField(field, kept).kind !== 'invalid'
          ? kept
          : exampleValue(field, first[f]);
    });
    this.values = values;
    this.#predict();
  }

  #read(form: ModelForm): FormReading {
    const { values } = this;
    if (this.#reading?.values === values && this.#reading.form === form) return this.#reading;
    const read = readFields(form.fields, values);
    const cells = formCells(read);
    const point = cells && form.plot ? plotPoint(read, form.plot.features) : null;
    this.#reading = { values, form, read, cells, point };
    return this.#reading;
  }

  #predict() {
    const cells = this.#form && this.#read(this.#form).cells;
    if (cells) this.#predictor.predict(cells);
    else this.#predictor.clear();
  }

  #onFieldInput(event: CustomEvent<FeatureInputDetail>) {
    this.values = { ...this.values, [event.detail.name]: event.detail.value };
    this.#predict();
  }

  /**
   * A field focused under the sticky result bar (stuck at the top of the viewport on a narrow screen) is
   * scrolled clear of it. Checked a frame later, after the browser's own scroll into view, which only
   * makes the field visible and does not know the bar covers it.
   */
  #onFocusIn(event: FocusEvent) {
    // The field element (label, input and messages), as the focus event is retargeted to it here.
    const field = event.target;
    requestAnimationFrame(() => {
      const bar = this.renderRoot.querySelector('.sticky')?.getBoundingClientRect();
      if (!bar?.height || !(field instanceof Element)) return;
      const box = field.getBoundingClientRect();
      if (box.top < bar.bottom && box.bottom > bar.top) window.scrollBy(0, box.top - bar.bottom - 8);
    });
  }

  #fillExample(classIndex: number) {
    const form = this.#form;
    const example = form?.metadata.classExamples?.[classIndex];
    if (!form || !example) return;
    const values: Record<string, string> = Object.create(null);
    form.fields.forEach((field, f) => {
      values[field.name] = exampleValue(field, example[f]);
    });
    this.values = values;
    this.#predict();
  }

  /** The shown prediction, when it is the loaded model's. */
  #prediction(): Prediction | null {
    const { prediction } = this.#predictor;
    return prediction && prediction.versionId === this.#registry.loaded?.version.id ? prediction : null;
  }

  override render() {
    const { snapshot } = this.#registry;
    const loaded = snapshot.loaded;
    const error = snapshot.error ? html`<p class="error" role="alert">${snapshot.error}</p>` : nothing;
    const form = this.#form;
    if (!loaded || !form) {
      return html`${error}
        <p class="muted">${snapshot.phase === 'loading' ? 'Loading the model…' : 'No model is loaded.'}</p>`;
    }
    const { schema } = form.metadata;
    const reading = this.#read(form);
    const fields = form.fields;
    const card = this.#cardState(reading);
    return html`
      <petal-model-picker .services=${this.services}></petal-model-picker>
      ${error}
      <div class="layout" @petal-feature-input=${this.#onFieldInput}>
        <section class="card" aria-labelledby="measurements-heading" @focusin=${this.#onFocusIn}>
          <h2 id="measurements-heading">Measurements</h2>
          ${this.narrow ? stickyResult(card) : nothing}
          ${
            form.metadata.classExamples
              ? html`<petal-class-examples
                  .classes=${schema.classes}
                  @petal-example=${(event: CustomEvent<number>) => this.#fillExample(event.detail)}
                ></petal-class-examples>`
              : nothing
          }
          <div class="fields">${fields.slice(0, FIELDS_SHOWN).map((field, f) => this.#field(field, f, reading))}</div>
          ${
            fields.length > FIELDS_SHOWN
              ? html`<details class="more-fields" @toggle=${() => this.requestUpdate()}>
                  <summary>${(fields.length - FIELDS_SHOWN).toLocaleString('en')} more features</summary>
                  <div class="fields">${
                    this.#moreFieldsOpen()
                      ? fields
                          .slice(FIELDS_SHOWN)
                          .map((field, i) => this.#field(field, FIELDS_SHOWN + i, reading))
                      : nothing
                  }</div>
                </details>`
              : nothing
          }
        </section>
        <div class="side">
          <petal-prediction-card .state=${card}></petal-prediction-card>
          ${
            form.plot
              ? html`<section class="card" aria-labelledby="sample-heading">
                  <h2 id="sample-heading">Training sample</h2>
                  <petal-scatter-plot
                    .labels=${form.plot.labels}
                    .classes=${schema.classes}
                    .sample=${this.#plotSample(form, loaded.sample)}
                    .current=${reading.point}
                  ></petal-scatter-plot>
                </section>`
              : nothing
          }
        </div>
      </div>
    `;
  }

  #cardState(reading: FormReading): PredictionCardState {
    if (!reading.cells) return { kind: 'incomplete' };
    const prediction = this.#prediction();
    if (prediction) {
      return {
        kind: 'prediction',
        classes: reading.form.metadata.schema.classes,
        probabilities: prediction.probabilities,
        predicted: prediction.predictedIndex,
        unreliable: unreliableInputs(reading.form.fields, prediction.cells, prediction.readings),
      };
    }
    const { error, engineFailed } = this.#predictor;
    if (error) return { kind: 'error', message: error };
    if (engineFailed) return { kind: 'engine-restarted' };
    return { kind: 'predicting' };
  }

  #field(field: FormField, f: number, reading: FormReading) {
    const text = Object.hasOwn(this.values, field.name) ? this.values[field.name] : '';
    const read = reading.read[f];
    const error = read.kind === 'invalid' ? read.message : null;
    const warning = read.kind === 'value' ? this.#warning(field, f, read.cell) : null;
    switch (field.kind) {
      case 'number':
        return html`<petal-number-field
          .field=${field}
          .value=${text}
          .error=${error}
          .warning=${warning}
        ></petal-number-field>`;
      case 'category':
        // Category and date fields are loaded the first time a model has one (the bundled model and most
        // first visits are all numbers, and every kilobyte here delays the first prediction); the element
        // upgrades when it arrives, keeping the properties set on it before.
        void import('./petal-category-field');
        return html`<petal-category-field
          .field=${field}
          .value=${text}
          .error=${error}
          .warning=${warning}
        ></petal-category-field>`;
      case 'date':
        void import('./petal-date-field');
        return html`<petal-date-field
          .field=${field}
          .value=${text}
          .error=${error}
          .warning=${warning}
        ></petal-date-field>`;
    }
  }

  /**
   * The field's value outside the training data, said under the field. Numbers and dates are checked at
   * once; what the worker found reading the cell (an unseen category value) counts once its prediction is
   * back, and only while the field still holds the cell it read.
   */
  #warning(field: FormField, f: number, cell: string): string | null {
    const prediction = this.#prediction();
    const reading = prediction?.cells[f] === cell ? prediction.readings[f] : undefined;
    const input = unreliableInput(field, f, cell, reading);
    return input ? `${input.message}: this prediction is unreliable.` : null;
  }

  #plotSample(form: ModelForm, sample: ScatterSample | null): ScatterSample | null {
    if (!sample || !form.plot) return null;
    const plotted = this.#plotted;
    if (plotted?.sample === sample && plotted.form === form) return plotted.cut;
    const cut = plotSample(sample, form.plot.features);
    this.#plotted = { sample, form, cut };
    return cut;
  }

  /** The fields past the first FIELDS_SHOWN are only made once the user opens them. */
  #moreFieldsOpen(): boolean {
    return this.renderRoot.querySelector<HTMLDetailsElement>('details.more-fields')?.open ?? false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-predict-panel': PetalPredictPanel;
  }
}
