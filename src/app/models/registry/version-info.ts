import type { MetadataSettings, ModelBundle, PetalMetadata } from '../../../core/bundle/bundle-format';
import type { ClassifierKind } from '../../../core/classifiers/classifier-spec';
import type { Schema } from '../../../core/schema';
import { RegistryError } from './registry-error';

export type { TrainingSample } from '../../../core/training-sample';

/** One saved model as the Models table lists it; everything here is copied out of the bundle at save. */
export interface VersionInfo {
  /** Random and never reused; the storage keys are `bundle:<id>` and `sample:<id>`. */
  readonly id: string;
  /** 1, 2, 3… in save order; never reused after a delete. Shown as "v2". */
  readonly version: number;
  readonly name: string;
  /** When the model was trained (the bundle's metadata), ISO 8601. */
  readonly createdAt: string;
  /** Where it came from, in words: "bundled default model", "trained on iris.csv", "imported x.json". */
  readonly source: string;
  readonly dataFingerprint: string;
  /** Test accuracy and macro F1, 0–1. */
  readonly accuracy: number;
  readonly macroF1: number;
  /** The kind of classifier; absent in versions saved before there were kinds (all dense networks). */
  readonly kind?: ClassifierKind;
  /** The bundle's settings: TrainSettings for a dense network, the kind's own settings otherwise. */
  readonly settings: MetadataSettings;
  readonly schema: Schema;
  /** model.json (UTF-8) plus weights, in bytes. */
  readonly sizeBytes: number;
}

/** The single `index` record: the only thing that says which models exist and which one is active. */
export interface RegistryIndex {
  readonly versions: readonly VersionInfo[];
  readonly activeId: string | null;
  readonly nextVersion: number;
}

export interface RegistryState {
  /** Oldest first. */
  readonly versions: readonly VersionInfo[];
  readonly activeId: string | null;
}

export const EMPTY_INDEX: RegistryIndex = { versions: [], activeId: null, nextVersion: 1 };
export const MAX_NAME_LENGTH = 80;

export function versionInfoFor(options: {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly source: string;
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
}): VersionInfo {
  const { metadata, bundle } = options;
  return {
    id: options.id,
    version: options.version,
    name: options.name,
    createdAt: metadata.createdAt,
    source: options.source,
    dataFingerprint: metadata.dataFingerprint,
    accuracy: metadata.metrics.test.accuracy,
    macroF1: metadata.metrics.test.macroF1,
    kind: metadata.kind,
    settings: metadata.settings,
    schema: metadata.schema,
    sizeBytes:
      new TextEncoder().encode(JSON.stringify(bundle.modelJson)).byteLength + bundle.weights.byteLength,
  };
}

/** Trimmed, 1–80 characters; otherwise a RegistryError that says which rule was broken. */
export function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new RegistryError('invalid-name', 'A model name cannot be empty.');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new RegistryError(
      'invalid-name',
      `A model name can be at most ${MAX_NAME_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return trimmed;
}

/**
 * The name a version gets when none is given: its source as a sentence ("Trained on iris.csv"), cut to
 * fit, or "v<N>" when there is no source. The version number is not repeated because the table and the
 * header already show it next to the name.
 */
export function defaultName(version: number, source: string): string {
  const text = source.trim();
  if (text.length === 0) return `v${version}`;
  const sentence = text[0].toUpperCase() + text.slice(1);
  return sentence.length <= MAX_NAME_LENGTH ? sentence : `${sentence.slice(0, MAX_NAME_LENGTH - 1)}…`;
}

/**
 * Reads a stored index defensively: absent means a first visit; anything malformed is refused rather than
 * "repaired", because overwriting it would forget every saved model.
 */
export function parseIndex(value: unknown): RegistryIndex {
  if (value === undefined) return EMPTY_INDEX;
  const index = value as Partial<RegistryIndex> | null;
  if (
    typeof index !== 'object' ||
    index === null ||
    !Array.isArray(index.versions) ||
    !Number.isInteger(index.nextVersion) ||
    !(index.activeId === null || typeof index.activeId === 'string')
  ) {
    throw new RegistryError(
      'damaged-index',
      'The list of saved models in this browser is damaged; Petal left it untouched and cannot use it.',
    );
  }
  // nextVersion only ever grows, even if a stored record were edited by hand.
  const highest = index.versions.reduce((max, v) => Math.max(max, v.version), 0);
  return {
    versions: index.versions,
    activeId: index.activeId ?? null,
    nextVersion: Math.max(index.nextVersion ?? 1, highest + 1),
  };
}
