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
 *
 * `stored` is what storage holds, unchecked: a damaged version is exported as it is (whatever of
 * `model.json` and the weights it still has), so the user keeps their data even when Petal cannot use it.
 */
export function exportedFiles(stored: unknown, version: number): ExportedFiles {
  const modelJsonName = `petal-v${version}-model.json`;
  const weightsName = `petal-v${version}.weights.bin`;
  const { modelJson: json, weights } = (typeof stored === 'object' && stored !== null ? stored : {}) as {
    modelJson?: unknown;
    weights?: unknown;
  };
  const record =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : { value: stored };
  const manifest = Array.isArray(record.weightsManifest) ? record.weightsManifest : undefined;
  const modelJson = manifest
    ? {
        ...record,
        weightsManifest: manifest.map((group: unknown, index) =>
          index === 0 && typeof group === 'object' && group !== null
            ? { ...group, paths: [weightsName] }
            : group,
        ),
      }
    : record;
  // Same layout as core's bundleFiles (one-space indent, final newline), which the main thread cannot import.
  return {
    modelJsonName,
    modelJson: `${JSON.stringify(modelJson, null, 1)}\n`,
    weightsName,
    weights: weights instanceof ArrayBuffer ? weights : new ArrayBuffer(0),
  };
}
