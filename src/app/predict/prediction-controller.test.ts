import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ValidBundle } from '../../core/bundle/bundle-format';
import { classifierFromBundle } from '../../core/classifiers/classifier-from-bundle';
import type { TrainingTable } from '../../core/pipeline/training-table';
import { Cell, RowEncoder } from '../../csv/row-encoder';
import { blobs } from '../../test/blobs';
import { defaultModel } from '../../test/default-model';
import { type Deferred, deferred } from '../../test/deferred';
import { fastApi, type InProcessWorker, inProcessBridge } from '../../test/in-process-worker';
import { trainedBundle } from '../../test/trained-bundle';
import { type ModelSnapshot, type ModelStore, modelStoreFor } from '../models/model-store';
import { ModelRegistry } from '../models/registry/model-registry';
import type { AppServices } from '../shell/app-services';
import { ENGINE_ERROR_EVENT, type EngineErrorEvent } from '../shell/engine-error-event';
import { PredictionController } from './prediction-controller';

// Rows as the form sends them: one text cell per feature.
const SETOSA = ['5.1', '3.5', '1.4', '0.2'];
const VERSICOLOR = ['5.9', '2.8', '4.3', '1.3'];
const VIRGINICA = ['6.9', '3.1', '5.9', '2.3'];
const ALL_OK = [Cell.Ok, Cell.Ok, Cell.Ok, Cell.Ok];

/** A two-class model with four features, like iris's but with other classes. */
let twoClasses: ValidBundle;
/** A model of a number column with blanks, a category column and a date column. */
let mixed: ValidBundle;
beforeAll(async () => {
  twoClasses = await trainedBundle({ dataset: blobs({ classes: 2, perClass: 10 }) });
  mixed = await trainedBundle({ table: mixedTable() });
});

/** 24 rows, two classes: mass (every fourth blank), island, and a day of January 2020. */
function mixedTable(): TrainingTable {
  const rows = 24;
  const y = Int32Array.from({ length: rows }, (_, i) => i % 2);
  return {
    schema: { features: ['mass', 'island', 'seen'], label: 'kind', classes: ['a', 'b'] },
    rows,
    columns: [
      {
        kind: 'number',
        values: Float64Array.from(y, (c, i) => (i % 4 === 3 ? Number.NaN : 3 + c + (i % 3) / 10)),
      },
      {
        kind: 'category',
        values: ['Dream', 'Biscoe'],
        codes: Int32Array.from(y, (c, i) => (i % 5 === 0 ? 1 - c : c)),
      },
      {
        kind: 'date',
        order: 'dmy',
        hasTime: false,
        times: Float64Array.from(y, (_, i) => Date.UTC(2020, 0, 1 + i)),
      },
    ],
    y,
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A Lit host that is also an EventTarget (the controller dispatches EngineErrorEvents on it). */
class ElementHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly engineEvents: (Error | null)[] = [];
  constructor() {
    super();
    this.addEventListener(ENGINE_ERROR_EVENT, (event) =>
      this.engineEvents.push((event as EngineErrorEvent).error),
    );
  }
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** What the tests do to the worker's `predict`: hold it until a gate opens, or make it throw. */
interface PredictControl {
  gate: Deferred<void> | null;
  failWith: Error | null;
}

function controlledApi(control: PredictControl) {
  const api = fastApi();
  return {
    ...api,
    async predict(args: { cells: readonly string[] }) {
      await control.gate?.promise;
      if (control.failWith) throw control.failWith;
      return api.predict(args);
    },
  };
}

/** Services whose registry holds the default iris model as v1 (active and loaded), and a controller. */
async function setup() {
  const control: PredictControl = { gate: null, failWith: null };
  const registry = new ModelRegistry({
    store: createStore(`petal-test-${crypto.randomUUID()}`, 'registry'),
    channelName: null,
    storage: null,
  });
  const { bridge, workers } = inProcessBridge(() => controlledApi(control));
  cleanups.push(() => {
    control.gate?.resolve();
    registry.close();
    bridge.terminate();
  });
  const { versions } = await registry.ensureDefault(async () => ({ bundle: defaultModel }));
  const services: AppServices = { bridge, registry };
  const models = modelStoreFor(services);
  models.start();
  await until(models, (s) => s.phase === 'ready' && !s.switching && s.loaded !== null);
  const host = new ElementHost();
  const controller = new PredictionController(
    host as unknown as ReactiveControllerHost & HTMLElement,
    () => services,
  );
  controller.hostConnected();
  return { control, registry, bridge, workers, models, host, controller, v1: versions[0] };
}

function until(models: ModelStore, predicate: (snapshot: ModelSnapshot) => boolean): Promise<ModelSnapshot> {
  return vi.waitFor(
    () => {
      if (!predicate(models.snapshot)) throw new Error(`not yet: ${JSON.stringify(models.snapshot)}`);
      return models.snapshot;
    },
    { timeout: 10_000, interval: 5 },
  );
}

function settled(controller: PredictionController): Promise<void> {
  return vi.waitFor(
    () => {
      if (controller.busy) throw new Error('still predicting');
    },
    { timeout: 10_000, interval: 5 },
  );
}

/** The cells of every `predict` the worker(s) received, in order. */
function predictedRows(workers: InProcessWorker[]): string[][] {
  return workers.flatMap((worker) =>
    worker.requests.flatMap((request) =>
      'method' in request && request.method === 'predict'
        ? [[...(request.args as { cells: readonly string[] }).cells]]
        : [],
    ),
  );
}

/**
 * What the model computes for a row of number cells, straight from its classifier: for these models (number
 * columns without blanks) the pipeline's inputs are the numbers themselves.
 */
function probabilitiesOf(bundle: ValidBundle, cells: readonly string[]): number[] {
  return Array.from(classifierFromBundle(bundle).predictProbabilities(Float32Array.from(cells, Number)));
}

describe('PredictionController', () => {
  it('registers with its host and predicts form values through the worker, naming the version', async () => {
    const { host, controller, v1 } = await setup();
    expect(host.controllers).toEqual([controller]);

    controller.predict(VIRGINICA);
    expect(controller.busy).toBe(true);
    await settled(controller);

    expect(controller.prediction).toEqual({
      cells: VIRGINICA,
      readings: ALL_OK,
      probabilities: probabilitiesOf(defaultModel, VIRGINICA),
      predictedIndex: 2,
      versionId: v1.id,
    });
    expect(controller.error).toBeNull();
    expect(host.updates).toBeGreaterThanOrEqual(2);
  });

  it('keeps only the newest input while a call is in flight, so the answer shown is for the last edit', async () => {
    const { control, workers, controller } = await setup();
    const before = predictedRows(workers).length;
    control.gate = deferred();

    controller.predict(SETOSA);
    controller.predict(VERSICOLOR);
    controller.predict(VIRGINICA);
    await vi.waitFor(() => expect(predictedRows(workers)).toHaveLength(before + 1));
    control.gate.resolve();
    await settled(controller);

    expect(predictedRows(workers).slice(before)).toEqual([SETOSA, VIRGINICA]);
    expect(controller.prediction?.cells).toEqual(VIRGINICA);
    expect(controller.prediction?.predictedIndex).toBe(2);
  });

  it('ignores values that do not fit the loaded model, and calls without services or a model', async () => {
    const { workers, controller } = await setup();
    const before = predictedRows(workers).length;
    controller.predict(['1', '2']);
    expect(controller.busy).toBe(false);

    const lonely = new PredictionController(
      new ElementHost() as unknown as ReactiveControllerHost & HTMLElement,
      () => undefined,
    );
    lonely.hostConnected();
    lonely.predict(SETOSA);
    expect(lonely.busy).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(predictedRows(workers)).toHaveLength(before);
    expect(controller.prediction).toBeNull();
  });

  it('waits while a newly activated model loads, then predicts with it under its version', async () => {
    const { registry, workers, models, controller } = await setup();
    const v2 = await registry.save(twoClasses, { source: 'trained on blobs.csv' });
    expect(models.snapshot.switching).toBe(true);
    const before = predictedRows(workers).length;
    controller.predict(SETOSA);
    expect(controller.busy).toBe(false);
    expect(predictedRows(workers)).toHaveLength(before);

    await until(models, (s) => s.loaded?.version.id === v2.id && !s.switching);
    controller.predict(['1', '2', '3', '4']);
    await settled(controller);
    expect(controller.prediction).toMatchObject({
      versionId: v2.id,
      probabilities: probabilitiesOf(twoClasses, ['1', '2', '3', '4']),
    });
    expect(controller.prediction?.probabilities).toHaveLength(2);
  });

  it('clear() forgets the prediction and drops a reply that arrives after it', async () => {
    const { control, controller } = await setup();
    controller.predict(SETOSA);
    await settled(controller);
    expect(controller.prediction).not.toBeNull();

    control.gate = deferred();
    controller.predict(VIRGINICA);
    controller.clear();
    expect(controller.prediction).toBeNull();
    control.gate.resolve();
    await settled(controller);
    expect(controller.prediction).toBeNull();
    expect(controller.error).toBeNull();
  });

  it('turns a failed call into a readable error and no prediction', async () => {
    const { control, host, controller } = await setup();
    controller.predict(SETOSA);
    await settled(controller);

    control.failWith = new RangeError('The rows do not fit.');
    controller.predict(VIRGINICA);
    await settled(controller);
    expect(controller.prediction).toBeNull();
    expect(controller.error).toBe('The prediction failed: The rows do not fit.');
    expect(controller.engineFailed).toBe(false);
    expect(host.engineEvents).toEqual([]);

    control.failWith = null;
    controller.predict(VERSICOLOR);
    await settled(controller);
    expect(controller.error).toBeNull();
    expect(controller.prediction?.predictedIndex).toBe(1);
  });

  it('announces an engine crash to the shell and clears it when a prediction works again', async () => {
    const { control, workers, host, controller, v1 } = await setup();
    control.gate = deferred();
    controller.predict(SETOSA);
    await vi.waitFor(() => expect(predictedRows(workers).length).toBeGreaterThan(0));
    const gate = control.gate;
    control.gate = null;
    workers[0].crash('out of memory');
    gate.resolve();
    await settled(controller);

    expect(controller.engineFailed).toBe(true);
    expect(controller.error).toBeNull();
    expect(controller.prediction).toBeNull();
    expect(host.engineEvents).toHaveLength(1);
    expect(host.engineEvents[0]?.name).toBe('WorkerCrashedError');

    // The bridge restarted the worker with the model it had; the next prediction works and clears the alert.
    controller.predict(VIRGINICA);
    await settled(controller);
    expect(workers).toHaveLength(2);
    expect(controller.prediction).toMatchObject({ versionId: v1.id, predictedIndex: 2 });
    expect(controller.engineFailed).toBe(false);
    expect(host.engineEvents).toHaveLength(2);
    expect(host.engineEvents[1]).toBeNull();
  });

  it('keeps what the pipeline found reading each cell: a number outside the training range', async () => {
    const { controller } = await setup();
    // The paper's imaginary flower: sepal length 1 and petal width 7 are far outside iris.
    const flower = ['1', '4.2', '1.4', '7'];
    controller.predict(flower);
    await settled(controller);
    expect(controller.prediction).toMatchObject({
      cells: flower,
      readings: [Cell.Outside, Cell.Ok, Cell.Ok, Cell.Outside],
      probabilities: probabilitiesOf(defaultModel, flower),
    });
  });

  it('shows why the worker could not read a cell, naming the feature', async () => {
    const { controller } = await setup();
    controller.predict(['5.1', 'abc', '1.4', '0.2']);
    await settled(controller);
    expect(controller.prediction).toBeNull();
    expect(controller.error).toBe('The prediction failed: Column "sepal_width": "abc" is not a number.');

    // The default model was trained without blanks: an empty cell is an error, not imputed.
    controller.predict(['5.1', '3.5', '', '0.2']);
    await settled(controller);
    expect(controller.error).toBe(
      'The prediction failed: Column "petal_length" is empty (the model was trained without blanks there).',
    );
  });

  it('predicts a model of number, category and date columns from the cells the form writes', async () => {
    const { registry, models, controller } = await setup();
    const v2 = await registry.save(mixed, { source: 'trained on mixed.csv' });
    await until(models, (s) => s.loaded?.version.id === v2.id && !s.switching);
    const encoder = new RowEncoder(mixed.metadata);
    const expected = (cells: readonly string[]) => {
      const x = new Float32Array(encoder.width);
      for (const [f, cell] of cells.entries()) encoder.encode(f, cell, x, 0);
      return Array.from(classifierFromBundle(mixed).predictProbabilities(x));
    };

    // A blank mass (imputed: the training rows had blanks), an ISO date for a day-first column.
    const typical = ['', 'Dream', '2020-01-03'];
    controller.predict(typical);
    await settled(controller);
    expect(controller.prediction).toMatchObject({
      cells: typical,
      readings: [Cell.Imputed, Cell.Ok, Cell.Ok],
      probabilities: expected(typical),
      versionId: v2.id,
    });

    const odd = ['3.1', 'Mars', '2031-06-01'];
    controller.predict(odd);
    await settled(controller);
    expect(controller.prediction).toMatchObject({
      cells: odd,
      readings: [Cell.Ok, Cell.Unseen, Cell.Outside],
      probabilities: expected(odd),
    });
  });

  it('stops working through pending input once its host is disconnected', async () => {
    const { control, workers, controller } = await setup();
    const before = predictedRows(workers).length;
    control.gate = deferred();
    controller.predict(SETOSA);
    controller.predict(VIRGINICA);
    controller.hostDisconnected();
    controller.predict(VERSICOLOR);
    control.gate.resolve();
    await settled(controller);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(predictedRows(workers).slice(before)).toEqual([SETOSA]);
  });

  // A request waiting behind an in-flight call was made for one version; when the registry activates
  // another model meanwhile, the store's useModel is queued in the bridge's model lane before the waiting
  // request could be sent, so sending it would have the new model compute it under the old version's id.
  it('labels each prediction with the version whose model computed it, across a switch', async () => {
    const { control, registry, bridge, workers, models, controller } = await setup();
    control.gate = deferred();
    controller.predict(SETOSA);
    await vi.waitFor(() => expect(predictedRows(workers).at(-1)).toEqual(SETOSA));
    controller.predict(VIRGINICA);
    const sent = () => workers[0].methods();
    const useModels = sent().filter((m) => m === 'useModel').length;
    const call = vi.spyOn(bridge, 'call');

    const v2 = await registry.save(twoClasses, { source: 'trained on blobs.csv' });
    // The store hands the new model to the bridge, where it waits behind the held prediction.
    await vi.waitFor(() => expect(call.mock.calls.map(([method]) => method)).toContain('useModel'));
    control.gate.resolve();
    await until(models, (s) => s.loaded?.version.id === v2.id && !s.switching);
    await settled(controller);
    expect(sent().filter((m) => m === 'useModel').length).toBe(useModels + 1);

    // What must never be shown is one version's id over another model's numbers.
    const shown = controller.prediction;
    const model = shown?.versionId === v2.id ? twoClasses : defaultModel;
    expect(shown?.probabilities ?? null).toEqual(shown && probabilitiesOf(model, shown.cells));
  });
});
