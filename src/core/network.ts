import * as tfl from '@tensorflow/tfjs-layers';

export interface NetworkShape {
  /** Number of input features. */
  readonly inputs: number;
  /** Number of classes: the width of the softmax output. */
  readonly classes: number;
  /** Width of each hidden ReLU layer, input side first. `[]` gives multinomial logistic regression. */
  readonly hidden: readonly number[];
}

/** Defined in the TF-free train-settings.ts, which says why. */
export { DEFAULT_HIDDEN } from './train-settings';

/**
 * Builds a dense classifier: inputs → hidden ReLU layers → softmax over the classes.
 * Every kernel has its own seeded Glorot-uniform initialiser, so the same seed gives the same initial
 * weights; biases start at zero. The model is not compiled: training runs its own loop (see train.ts).
 */
export function buildNetwork(options: NetworkShape & { readonly seed: number }): tfl.Sequential {
  const { inputs, classes, hidden, seed } = options;
  validateShape(options);
  const model = tfl.sequential({ name: 'petal_dense' });
  const widths = [...hidden, classes];
  widths.forEach((units, i) => {
    const last = i === widths.length - 1;
    model.add(
      tfl.layers.dense({
        name: last ? 'probabilities' : `hidden_${i + 1}`,
        units,
        activation: last ? 'softmax' : 'relu',
        inputShape: i === 0 ? [inputs] : undefined,
        // A different seed per layer: identical seeds would give every layer correlated weights.
        kernelInitializer: tfl.initializers.glorotUniform({ seed: (seed + 7919 * (i + 1)) >>> 0 }),
        biasInitializer: 'zeros',
      }),
    );
  });
  return model;
}

function validateShape({ inputs, classes, hidden }: NetworkShape): void {
  if (!Number.isInteger(inputs) || inputs < 1)
    throw new RangeError(`The network needs at least one input feature (got ${inputs}).`);
  if (!Number.isInteger(classes) || classes < 2)
    throw new RangeError(`The network needs at least two classes (got ${classes}).`);
  if (hidden.length > 8)
    throw new RangeError(`At most 8 hidden layers are supported (got ${hidden.length}).`);
  for (const units of hidden) {
    if (!Number.isInteger(units) || units < 1 || units > 1024) {
      throw new RangeError(`A hidden layer needs between 1 and 1024 units (got ${units}).`);
    }
  }
}
