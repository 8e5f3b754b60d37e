import * as v from 'valibot';
import type { MetadataSettings, ModelBundle, PetalMetadata } from '../../../core/bundle/bundle-format';
import { STORED_SETTINGS } from '../../../core/bundle/metadata-schema';
import { CLASSIFIER_KINDS, type ClassifierKind } from '../../../core/classifiers/classifier-spec';
import type { Schema } from '../../../core/schema';
import { shorten } from '../../../core/short-text';
import { RegistryError } from './registry-error';

export type { TrainingSample } from '../../../core/training-sample';

/** What every saved version has, even one whose record is damaged: enough to list, export and delete it. */
interface VersionBase {
  /** Random and never reused; the storage keys are `bundle:<id>` and `sample:<id>`. */
  readonly id: string;
  /** 1, 2, 3… in save order; never reused after a delete. Shown as "v2". */
  readonly version: number;
  readonly name: string;
  /** Where it came from, in words: "bundled default model", "trained on iris.csv", "imported x.json". */
  readonly source: string;
}

/**
 * A version whose stored record cannot be shown (written by an older Petal from a model it should have
 * refused, or damaged in storage): listed with what is wrong, so it can still be exported as it is or
 * deleted, never silently dropped.
 */
export interface DamagedVersion extends VersionBase {
  readonly damaged: string;
}

/** One saved model as the Models table lists it; everything here is copied out of the bundle at save. */
export type VersionInfo = SavedVersion | DamagedVersion;

export interface SavedVersion extends VersionBase {
  readonly damaged?: undefined;
  /** When the model was trained (the bundle's metadata), ISO 8601. */
  readonly createdAt: string;
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
}): SavedVersion {
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
 * Reads a stored index defensively: absent means a first visit; an index that is not one at all is
 * refused rather than "repaired", because overwriting it would forget every saved model. An entry that
 * names its version but whose other fields cannot be read is kept as a DamagedVersion.
 */
export function parseIndex(value: unknown): RegistryIndex {
  if (value === undefined) return EMPTY_INDEX;
  const index = value as Partial<RegistryIndex> | null;
  if (
    typeof index !== 'object' ||
    index === null ||
    !Array.isArray(index.versions) ||
    !Number.isInteger(index.nextVersion) ||
    !(index.activeId === null || typeof index.activeId === 'string') ||
    !index.versions.every(isAddressable)
  ) {
    throw new RegistryError(
      'damaged-index',
      'The list of saved models in this browser is damaged; Petal left it untouched and cannot use it.',
    );
  }
  const versions = index.versions.map(parseVersion);
  // nextVersion only ever grows, even if a stored record were edited by hand.
  const highest = versions.reduce((max, entry) => Math.max(max, entry.version), 0);
  return {
    versions,
    activeId: index.activeId ?? null,
    nextVersion: Math.max(index.nextVersion ?? 1, highest + 1),
  };
}

/** An entry the registry can still act on: it has its id and version number. */
function isAddressable(entry: unknown): entry is { id: string; version: number } {
  if (typeof entry !== 'object' || entry === null) return false;
  const { id, version } = entry as { id?: unknown; version?: unknown };
  return typeof id === 'string' && id.length > 0 && id.length <= 64 && Number.isInteger(version);
}

const text = v.string();
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const SAVED_VERSION = v.object({
  id: text,
  version: v.number(),
  name: text,
  source: text,
  createdAt: text,
  dataFingerprint: text,
  accuracy: share,
  macroF1: share,
  kind: v.optional(v.picklist(CLASSIFIER_KINDS)),
  settings: v.unknown(),
  schema: v.object({ features: v.array(text), label: text, classes: v.array(text) }),
  sizeBytes: v.number(),
});

/** A stored entry as the version it describes, or as damaged with the reason (the first field at fault). */
function parseVersion(entry: { id: string; version: number }): VersionInfo {
  const { id, version } = entry;
  const fields = entry as { name?: unknown; source?: unknown };
  const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : `v${version}`;
  const source = typeof fields.source === 'string' ? fields.source : '';
  const parsed = v.safeParse(SAVED_VERSION, entry);
  const saved = parsed.success ? parsed.output : undefined;
  const settings = saved && v.safeParse(STORED_SETTINGS[saved.kind ?? 'dense-network'], saved.settings);
  if (saved && settings?.success) return { ...saved, settings: settings.output } as SavedVersion;
  const issue = parsed.success ? settings?.success === false && settings.issues[0] : parsed.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const what = issue ? shorten(issue.message, 160) : 'it cannot be read';
  return {
    id,
    version,
    name,
    source,
    damaged: `Its saved record is damaged (${path ?? 'settings'}: ${what}).`,
  };
}
