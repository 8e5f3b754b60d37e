import type { PetalMetadata } from '../core/bundle/bundle-format';
import { numberSteps } from '../core/pipeline/input-steps';

/**
 * The metadata scoring reads, for a model of number columns without blanks: a test writes each feature's
 * training range, deciles, mean and sd as older bundles held them.
 */
export function numericMetadata(options: {
  readonly schema: PetalMetadata['schema'];
  readonly standardisation: { readonly mean: readonly number[]; readonly sd: readonly number[] };
  readonly featureProfiles: readonly { min: number; max: number; deciles: readonly number[] }[];
}): Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles'> {
  const { schema, standardisation, featureProfiles } = options;
  return {
    schema,
    pipeline: { steps: numberSteps(schema.features.length), scaling: standardisation, scaledIn: 'pipeline' },
    featureProfiles: featureProfiles.map((profile, f) => ({
      kind: 'numeric',
      ...profile,
      mean: standardisation.mean[f],
      sd: standardisation.sd[f],
      missing: 0,
    })),
  };
}
