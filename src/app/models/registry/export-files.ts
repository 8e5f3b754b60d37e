import type { ModelBundle } from '../../../core/bundle/bundle-format';

/** A saved version as the two files a user downloads: a standard TF.js model.json and its weights. */
export interface ExportedFiles {
  readonly modelJsonName: string;
  readonly modelJson: string;
  readonly weightsName: string;
  readonly weights: ArrayBuffer;
}

/**
 * Names the files after the version ("petal-v2-model.json", "petal-v2.weights.bin") so several exports
 * can sit in one Downloads folder, and points the manifest at the new weights name so
 * `tf.loadLayersModel` finds the weights next to model.json. The bundle itself is not modified.
 */
export function exportedFiles(bundle: ModelBundle, version: number): ExportedFiles {
  const modelJsonName = `petal-v${version}-model.json`;
  const weightsName = `petal-v${version}.weights.bin`;
  const manifest = bundle.modelJson.weightsManifest ?? [];
  const modelJson = {
    ...bundle.modelJson,
    weightsManifest: manifest.map((group, index) =>
      index === 0 ? { ...group, paths: [weightsName] } : group,
    ),
  };
  // Same layout as core's bundleFiles (one-space indent, final newline), which the main thread cannot import.
  return {
    modelJsonName,
    modelJson: `${JSON.stringify(modelJson, null, 1)}\n`,
    weightsName,
    weights: bundle.weights,
  };
}
