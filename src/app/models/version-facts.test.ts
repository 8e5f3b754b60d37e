import { beforeAll, describe, expect, it } from 'vitest';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { defaultSpec } from '../../core/classifiers/classifier-spec';
import { numberTable } from '../../core/pipeline/training-table';
import { trainClassifier } from '../../core/train-classifier';
import { trainingTableFromCsv } from '../../csv/csv-training-table';
import { parseCsvText } from '../../csv/parse-csv';
import { blobs } from '../../test/blobs';
import { compareFacts } from './compare-facts';
import type { SavedVersion } from './registry/model-registry';
import { versionInfoFor } from './registry/version-info';
import { columnFacts, type Fact, formatCreated, settingFacts, summaryFacts } from './version-facts';

let network: { version: SavedVersion; metadata: PetalMetadata };
let forest: { version: SavedVersion; metadata: PetalMetadata };

async function saved(spec: Parameters<typeof trainClassifier>[0]['spec'], validationFraction: number) {
  const { bundle, metadata } = await trainClassifier({
    table: numberTable(blobs({ perClass: 10 })),
    spec,
    run: { seed: 7, testFraction: 0.3, validationFraction, balanceClasses: false },
    createdAt: '2026-01-02T03:04:05.000Z',
  });
  const version = versionInfoFor({
    id: 'x',
    version: 2,
    name: 'Blobs',
    source: 'trained on blobs.csv',
    bundle,
    metadata,
  });
  return { version, metadata };
}

beforeAll(async () => {
  network = await saved(defaultSpec('dense-network', { epochs: 5, hidden: [6, 3] }), 0.2);
  forest = await saved(defaultSpec('random-forest', { trees: 4 }), 0);
});

function factValue(facts: readonly Fact[], key: string): string | undefined {
  return facts.find((fact) => fact.key === key)?.value;
}

describe('summaryFacts', () => {
  it('says how the version did, on which rows, what it is and how big', () => {
    const facts = summaryFacts(network.version, network.metadata);
    expect(facts.map((fact) => fact.key)).toEqual([
      'kind',
      'source',
      'created',
      'accuracy',
      'macroF1',
      'logLoss',
      'rows',
      'epochsRun',
      'dataFingerprint',
      'size',
      'engine',
    ]);
    expect(factValue(facts, 'kind')).toBe('Dense network (6 → 3)');
    expect(factValue(facts, 'rows')).toBe(
      `${network.metadata.rows.train} training rows · ${network.metadata.rows.validation} validation rows · 9 test rows`,
    );
    expect(factValue(facts, 'epochsRun')).toBe('5 of 5');
    expect(factValue(facts, 'dataFingerprint')).toBe(network.metadata.dataFingerprint);
    expect(factValue(facts, 'dataFingerprint')).toMatch(/^[0-9a-f]{16}$/);
    expect(factValue(facts, 'size')).toMatch(/^\d+\.\d KB$/);
    expect(factValue(facts, 'accuracy')).toMatch(/^\d+\.\d%$/);
  });

  it('has no epochs for a kind fitted in one go', () => {
    expect(factValue(summaryFacts(forest.version, forest.metadata), 'epochsRun')).toBeUndefined();
  });
});

describe('formatCreated', () => {
  it('keeps the time in one piece, so a narrow column never puts "PM" on a line of its own', () => {
    const text = formatCreated('2026-12-02T14:52:00');
    const time = text.slice(text.search(/\d{1,2}[:.]\d{2}/));
    expect(time).toMatch(/\d{2}/);
    expect(time).not.toMatch(/[ \t]/);
    // The date may still break from the time.
    expect(text.slice(0, text.length - time.length)).toMatch(/ /);
  });
});

describe('settingFacts', () => {
  it('lists every recorded setting in words', () => {
    const facts = settingFacts(network.metadata);
    expect(facts.map((fact) => fact.key).sort()).toEqual(Object.keys(network.metadata.settings).sort());
    expect(Object.fromEntries(facts.map((fact) => [fact.label, fact.value]))).toMatchObject({
      'Hidden layers': '6 → 3',
      Epochs: '5',
      'Early stopping patience': 'off',
      Seed: '7',
      'Test share': '30.0%',
      'Validation share': '20.0%',
      'Balance classes': 'no',
    });
    expect(
      Object.fromEntries(settingFacts(forest.metadata).map((fact) => [fact.label, fact.value])),
    ).toMatchObject({
      Trees: '4',
      'Features per split': '√ of the features',
      'Bootstrap samples': 'yes',
      'Validation share': 'none',
    });
  });
});

describe('columnFacts', () => {
  it('says how each column is read: numbers with blanks, categories, dates', async () => {
    const lines = ['seen,island,mass,species'];
    for (let i = 0; i < 60; i++) {
      const mass = i % 7 === 3 ? '' : String(3000 + ((i * 53) % 900) + (i % 3) * 800);
      lines.push(
        `2008-0${1 + (i % 9)}-1${i % 10},${['Biscoe', 'Dream', 'Torgersen'][i % 3]},${mass},${['a', 'b', 'c'][i % 3]}`,
      );
    }
    const { table } = trainingTableFromCsv(parseCsvText(lines.join('\n')));
    const { metadata } = await trainClassifier({
      table,
      spec: defaultSpec('knn'),
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    const facts = columnFacts(metadata);
    expect(facts.map((fact) => fact.name)).toEqual(['seen', 'island', 'mass']);
    expect(facts[0].usedAs).toBe('date: year, month, day of year, day of week');
    expect(facts[1]).toMatchObject({ usedAs: 'category: 3 values', range: '—' });
    expect(facts[2].usedAs).toMatch(/^number; a blank becomes \d+(\.\d+)? and sets a “was missing” input$/);
    // An en dash, as Predict writes a training range.
    expect(facts[2].range).toMatch(/^\d+–\d+$/);
  });
});

describe('two real versions compared', () => {
  it('says in words what differs, by how much, and which version is better', () => {
    const rows = compareFacts(
      summaryFacts(network.version, network.metadata),
      summaryFacts(forest.version, forest.metadata),
      ['v2', 'v5'],
    );
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.kind).toMatchObject({ differs: true, difference: 'different' });
    expect(byKey.source).toMatchObject({ differs: false, difference: 'same' });
    expect(byKey.dataFingerprint).toMatchObject({ differs: false, difference: 'same' });
    expect(byKey.epochsRun).toMatchObject({ differs: true, right: '—', difference: 'only in\u00a0v2' });
    expect(byKey.size.difference).toMatch(/^[+−]\d+\.\d\sKB$/);
    const logLoss = byKey.logLoss;
    expect(logLoss.left).toMatch(/^\d+\.\d{3}$/);
    if (logLoss.differs) {
      const higher = network.metadata.metrics.test.logLoss > forest.metadata.metrics.test.logLoss;
      // Log loss is shown with three decimals; so is its difference, which names the lower as better.
      expect(logLoss.difference).toMatch(
        higher ? /^\+\d+\.\d{3} \(v5\sbetter\)$/ : /^−\d+\.\d{3} \(v2\sbetter\)$/,
      );
    }
  });

  it('compares settings by value; one that is off, or only one version has, has no amount', () => {
    const rows = compareFacts(settingFacts(network.metadata), settingFacts(forest.metadata), ['v2', 'v5']);
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.seed).toMatchObject({ differs: false, difference: 'same' });
    expect(byKey.testFraction).toMatchObject({ left: '30.0%', right: '30.0%', difference: 'same' });
    expect(byKey.validationFraction).toMatchObject({
      left: '20.0%',
      right: 'none',
      differs: true,
      difference: 'only in\u00a0v2',
    });
    expect(byKey.trees).toMatchObject({ left: '—', right: '4', difference: 'only in\u00a0v5' });
    expect(byKey.hidden).toMatchObject({ left: '6 → 3', right: '—', difference: 'only in\u00a0v2' });
  });
});
