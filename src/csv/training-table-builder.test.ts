import { describe, expect, it } from 'vitest';
import { CsvError } from './csv-error';
import { type TrainingPlan, TrainingTableBuilder } from './training-table-builder';

const HEADER = ['id', 'size', 'colour', 'seen', 'kind'];
const PLAN: TrainingPlan = [
  { use: 'ignore' },
  { use: 'number' },
  { use: 'category' },
  { use: 'date', order: 'ymd' },
  { use: 'label' },
];

function build(rows: string[][], plan = PLAN, batches = 1) {
  const builder = new TrainingTableBuilder(HEADER, plan, '.');
  const size = Math.ceil(rows.length / batches);
  for (let start = 0; start < rows.length; start += size)
    builder.add(rows.slice(start, start + size), start + 2);
  return builder.finish();
}

const ROWS = [
  ['1', '1.5', 'red', '2024-01-02', 'b'],
  ['2', '', ' blue ', '2024-01-03T10:30', 'a'],
  ['3', 'NA', 'red', '', 'b'],
  ['4', '4', '', '2024-02-01', 'a'],
  ['5', '5', 'red', '2024-03-01', ''],
];

describe('TrainingTableBuilder', () => {
  it('reads each column as its plan says into typed columns, leaving out rows without a label', () => {
    const { table, unlabelled } = build(ROWS);
    expect(unlabelled).toBe(1);
    expect(table.rows).toBe(4);
    expect(table.schema).toEqual({
      features: ['size', 'colour', 'seen'],
      label: 'kind',
      classes: ['a', 'b'],
    });
    expect(Array.from(table.y)).toEqual([1, 0, 1, 0]);
    const [size, colour, seen] = table.columns;
    expect(size.kind === 'number' && Array.from(size.values)).toEqual([1.5, Number.NaN, Number.NaN, 4]);
    // Category cells are trimmed; the blank cell is a value of its own.
    expect(colour.kind === 'category' && colour.values).toEqual(['red', 'blue', '']);
    expect(colour.kind === 'category' && Array.from(colour.codes)).toEqual([0, 1, 0, 2]);
    expect(seen).toMatchObject({ kind: 'date', order: 'ymd', hasTime: true });
    expect(seen.kind === 'date' && seen.times[1]).toBe(Date.UTC(2024, 0, 3, 10, 30));
    expect(seen.kind === 'date' && Number.isNaN(seen.times[2])).toBe(true);
  });

  it('gives the same table whether the rows come in one batch or several', () => {
    expect(build(ROWS, PLAN, 3)).toEqual(build(ROWS));
  });

  it('names the row and column of a cell its column cannot hold, with what to do', () => {
    const word = ROWS.map((row) => [...row]);
    word[2][1] = 'large';
    expect(() => build(word)).toThrow(
      'Row 4, column "size": "large" is not a number. Use this column as a category, or ignore it.',
    );
    const date = ROWS.map((row) => [...row]);
    date[3][3] = 'soon';
    expect(() => build(date)).toThrow(/Row 5, column "seen": "soon" is not a date/);
    expect(() => build([...ROWS, ['6', '1']])).toThrow(/Row 7: it has 2 values but the header has 5 columns/);
  });

  it('refuses labels a classifier cannot learn', () => {
    const one = ROWS.slice(0, 4).map((row) => [...row.slice(0, 4), 'a']);
    expect(() => build(one)).toThrow(/only one class \("a"\)/);
    const lonely = ROWS.slice(0, 4).map((row, i) => [...row.slice(0, 4), i === 0 ? 'c' : 'a']);
    try {
      build(lonely);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      expect((error as CsvError).code).toBe('class-too-small');
      expect((error as CsvError).row).toBe(2);
    }
  });

  it('refuses a plan that uses no column as a feature', () => {
    const none: TrainingPlan = PLAN.map((use) => (use.use === 'label' ? use : { use: 'ignore' }));
    expect(() => new TrainingTableBuilder(HEADER, none, '.')).toThrow(/nothing to predict the label from/);
  });

  it("reads numbers with the file's decimal comma", () => {
    const builder = new TrainingTableBuilder(['x', 'y'], [{ use: 'number' }, { use: 'label' }], ',');
    builder.add(
      [
        ['1,5', 'a'],
        ['-0,25', 'b'],
        ['2', 'a'],
        ['3', 'b'],
      ],
      2,
    );
    const { table } = builder.finish();
    expect(table.columns[0].kind === 'number' && Array.from(table.columns[0].values)).toEqual([
      1.5, -0.25, 2, 3,
    ]);
  });

  it('sorts numeric classes by value', () => {
    const builder = new TrainingTableBuilder(['x', 'y'], [{ use: 'number' }, { use: 'label' }], '.');
    builder.add(
      [
        ['1', '10'],
        ['2', '9'],
        ['3', '10'],
        ['4', '9'],
      ],
      2,
    );
    expect(builder.finish().table.schema.classes).toEqual(['9', '10']);
  });
});
