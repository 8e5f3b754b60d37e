import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Cell } from '../../csv/cell-reading';
import { messageOf, modelStoreFor } from '../models/model-store';
import type { AppServices } from '../shell/app-services';
import { EngineErrorEvent, isEngineFailure } from '../shell/engine-error-event';

/** One prediction and the model version (registry id) that made it. */
export interface Prediction {
  /** The cells sent, one per feature in the model's schema order ('' for a blank). */
  readonly cells: readonly string[];
  /** What the model's pipeline found reading each cell (outside the training range, imputed…). */
  readonly readings: readonly Cell[];
  /** One probability per class, in schema class order. */
  readonly probabilities: readonly number[];
  /** Index of the largest probability (the first one on a tie). */
  readonly predictedIndex: number;
  readonly versionId: string;
}

interface Request {
  readonly cells: readonly string[];
  readonly versionId: string;
}

/**
 * Runs predictions for the loaded model with latest-wins coalescing: while one call is in flight only the
 * newest pending input is kept, so dragging a slider never queues a backlog, and the result shown is
 * always for the last input. Exposes the last {@link Prediction}, the last error and whether a call is
 * running. Engine failures are also announced to the shell with an {@link EngineErrorEvent}.
 */
export class PredictionController implements ReactiveController {
  /** The latest successful prediction, or null. */
  prediction: Prediction | null = null;
  /** Why the latest call failed (not counting engine failures, which the shell shows), or null. */
  error: string | null = null;
  /** True while a call is in flight. */
  busy = false;
  #pending: Request | null = null;
  #engineFailed = false;
  /** Bumped by clear() so a reply that arrives afterwards is dropped. */
  #generation = 0;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly services: () => AppServices | undefined,
  ) {
    host.addController(this);
  }

  /** True after an engine failure until a prediction succeeds again. */
  get engineFailed(): boolean {
    return this.#engineFailed;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#pending = null;
  }

  /**
   * Predicts a row of `cells` (one text per feature in the loaded model's schema order, as the worker's
   * `predict` takes them). Ignored while a newly activated model is being loaded or when the cells do not
   * fit the loaded model: the form regenerates for the new model and predicts again.
   */
  predict(cells: readonly string[]): void {
    const services = this.services();
    if (!services) return;
    const { loaded, switching } = modelStoreFor(services).snapshot;
    if (!loaded || switching || cells.length !== loaded.metadata.schema.features.length) return;
    this.#pending = { cells: [...cells], versionId: loaded.version.id };
    if (!this.busy) void this.#drain(services);
  }

  /** Forgets the shown prediction (e.g. while the form has an invalid field). */
  clear(): void {
    this.#generation++;
    this.#pending = null;
    this.prediction = null;
    this.error = null;
    this.host.requestUpdate();
  }

  async #drain(services: AppServices): Promise<void> {
    this.busy = true;
    this.host.requestUpdate();
    while (this.#pending && this.#connected) {
      const request = this.#pending;
      this.#pending = null;
      // Input queued for one model is not sent to another: a model switch that started meanwhile would run
      // before it in the worker and answer under the wrong version. The form predicts again for the new one.
      const { loaded, switching } = modelStoreFor(services).snapshot;
      if (switching || loaded?.version.id !== request.versionId) continue;
      await this.#run(services, request);
    }
    this.busy = false;
    this.host.requestUpdate();
  }

  #show(request: Request, probabilities: readonly number[], readings: readonly Cell[]): void {
    this.prediction = { ...request, readings, probabilities, predictedIndex: argmax(probabilities) };
    this.error = null;
    if (this.#engineFailed) {
      this.#engineFailed = false;
      this.host.dispatchEvent(new EngineErrorEvent(null));
    }
  }

  async #run(services: AppServices, request: Request): Promise<void> {
    const generation = this.#generation;
    try {
      const { probabilities, readings } = await services.bridge.call('predict', { cells: request.cells });
      if (generation !== this.#generation) return;
      if (probabilities.some((p) => !Number.isFinite(p))) {
        // A model whose weights overflow on these values: say so rather than show "NaN%".
        this.error =
          'The model could not compute a prediction for these values (its output is not a number).';
        this.prediction = null;
      } else {
        this.#show(request, Array.from(probabilities), readings);
      }
    } catch (error) {
      if (isEngineFailure(error)) {
        this.#engineFailed = true;
        this.host.dispatchEvent(new EngineErrorEvent(error));
      }
      if (generation !== this.#generation) return;
      this.error = isEngineFailure(error) ? null : `The prediction failed: ${messageOf(error)}`;
      this.prediction = null;
    }
    this.host.requestUpdate();
  }
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
