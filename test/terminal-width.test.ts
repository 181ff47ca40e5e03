/** The terminal table at a given width: no line wider, the columns that matter first, the verdicts' rows. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareResults } from '../src/compare/compare.js';
import { COLUMN_NAMES, columnsProblem, formatRetained } from '../src/reporters/document/columns.js';
import { throughputVerdict, verdictRows } from '../src/reporters/document/verdicts.js';
import { reporters } from '../src/reporters/index.js';
import { comparisonTable } from '../src/reporters/terminal/render.js';
import { fitTable } from '../src/reporters/terminal/text-table.js';
import type { CaseResult, ModeRatios, ResultFile } from '../src/results/result.js';
import { displayWidth, indentedLines, wrapText } from '../src/text/width.js';
import { FIXTURES } from './helpers.js';

const legacy = () => JSON.parse(readFileSync(join(FIXTURES, 'legacy-result.json'), 'utf8')) as ResultFile;

function comparedAs(scenario: CaseResult, ci95: [number, number], median: number): CaseResult {
  const against: Record<string, ModeRatios> = {
    arena: { opsPerSecRatio: { median, ci95, ciLevel: 0.968 }, gcPauseRatio: 0.5, allocatedBytesRatio: null },
  };
  return { ...scenario, comparison: { baseline: 'heap', against } };
}

/** Six cases: a long name, two variants, a long warning, a case that failed, and all three verdicts. */
function manyCases(): ResultFile {
  const result = legacy();
  const base = result.scenarios[0]!;
  const longName = 'a-scenario-with-a-rather-long-name-that-no-terminal-column-holds-whole';
  const longWarning =
    'heap mode collected 25 times while timed but allocated nothing in the allocation pass: something other than the operation allocated in the window, most often V8 still compiling it. Raise --warmup.';
  result.scenarios = [
    comparedAs(base, [2.93, 7.32], 4.82),
    comparedAs({ ...base, name: longName, warnings: [longWarning] }, [0.5, 0.8], 0.61),
    comparedAs(
      { ...base, name: 'flagged', variant: { v8Flags: ['--max-semi-space-size=64'], node: null } },
      [0.97, 1.04],
      1.01,
    ),
    comparedAs({ ...base, name: 'flagged', variant: { v8Flags: [], node: null } }, [1.1, 1.3], 1.2),
    {
      ...base,
      name: 'broken',
      status: 'failed',
      error: 'the operation threw: TypeError: cannot read properties of undefined (reading "length")',
      modes: {},
      comparison: undefined,
    },
    {
      ...comparedAs(base, [1.5, 2], 1.7),
      name: 'pooled',
      comparison: { baseline: 'pool', against: comparedAs(base, [1.5, 2], 1.7).comparison!.against },
    },
  ];
  return result;
}

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

test('display width counts box drawing, ×, µ, ≤ and … as one column, emoji and CJK as two, colour codes as none', () => {
  assert.equal(displayWidth('│ 4.82× µs ≤.1… ─┼─'), 19);
  assert.equal(displayWidth('🚀 ok'), 5);
  assert.equal(displayWidth('表'), 2);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('\u001b[31mred\u001b[39m'), 3);
  // Wide in Unicode's East Asian Width data, and drawn two columns wide by terminals.
  assert.equal(displayWidth('⌚'), 2);
  assert.equal(displayWidth('☔'), 2);
  assert.equal(displayWidth('\u{1B000}'), 2);
});

test('wrapping breaks at spaces, breaks a word longer than the line, and indents later lines', () => {
  assert.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrapText('/a/very/long/path', 6), ['/a/', 'very/', 'long/', 'path']);
  assert.deepEqual(wrapText('Array.from($size)', 12), ['Array.from', '($size)']);
  assert.deepEqual(wrapText('parseintegers', 6), ['parsei', 'nteger', 's']);
  assert.deepEqual(indentedLines('alpha beta gamma', 12), ['  alpha beta', '    gamma']);
  assert.deepEqual(wrapText('no limit at all', undefined), ['no limit at all']);
  // A quoted command stays whole where it fits; a lone quote is kept as a character.
  assert.deepEqual(wrapText('use --flags "--a --b" now', 16), ['use --flags', '"--a --b" now']);
  assert.deepEqual(wrapText('it"s  here', 4), ['it"s', 'here']);
  // A quoted group no line can hold wraps at its spaces, as any text does.
  assert.deepEqual(wrapText('pin (--v8-flags "--min-semi=16 --max-semi=16")', 16), [
    'pin (--v8-flags',
    '"--min-semi=16',
    '--max-semi=16")',
  ]);
  assert.deepEqual(wrapText('size 5" disk and "other words here" done', 12), [
    'size 5" disk',
    'and "other',
    'words here"',
    'done',
  ]);
});

for (const width of [60, 80, 100, 160]) {
  test(`at ${width} columns no line of the table reporter is wider, with every column set`, () => {
    const result = manyCases();
    const sets: (readonly string[] | 'all' | undefined)[] = [
      undefined,
      'all',
      ['ops'],
      ['cpu', 'pauses', 'retained'],
      COLUMN_NAMES,
    ];
    for (const columns of sets) {
      const text = reporters.table(result, { color: false, width, columns });
      assert.ok(widest(text) <= width, `columns ${String(columns)}: a line of ${widest(text)} columns\n${text}`);
      const coloured = reporters.table(result, { color: true, width, columns });
      assert.ok(widest(coloured) <= width, `coloured, columns ${String(columns)}`);
    }
  });
}

test('the default columns at 80: throughput with its interval, pause total, allocation and heap growth, and no column past the width', () => {
  const text = reporters.table(legacy(), { color: false, width: 80 });
  const heading = text.split('\n').find((line) => line.includes('ops/s'))!;
  for (const name of ['ops/s', 'interval', 'pause', 'alloc/op', 'heap'])
    assert.ok(heading.includes(name), `${name} in ${heading}`);
  assert.ok(!text.includes('ArrayBuffers'));
  assert.ok(text.includes('4.00 MiB'), 'heap growth of the heap mode');
});

test('without a width every column is shown; narrower, heap growth and the interval give way; below that each mode is a block', () => {
  const all = reporters.table(legacy(), { color: false });
  for (const heading of ['GCs', 'pause max', 'ArrayBuffers', 'heap growth', 'CPU per 1000 ops'])
    assert.ok(all.includes(heading), heading);
  const narrow = reporters.table(legacy(), { color: false, width: 40 });
  assert.ok(widest(narrow) <= 40);
  assert.ok(narrow.includes('│ mode  │  ops/s │   pause │ alloc/op │\n'), narrow);
  const narrowest = reporters.table(legacy(), { color: false, width: 28 });
  assert.ok(widest(narrowest) <= 28);
  assert.ok(narrowest.includes('\nheap\n  ops/s: 4.34 k\n  interval: 2.81 k–5.87 k\n'), narrowest);
});

test('the legend is two short lines that point at docs/measurement.md, not the method notes', () => {
  const text = reporters.table(legacy(), { color: false });
  assert.ok(text.includes('How each figure is measured: docs/measurement.md'));
  assert.ok(!text.includes('concurrent marking on helper threads'));
});

test('verdict rows: one per case and non-baseline mode, verdicts from where the interval lies, the baseline read from the result', () => {
  const rows = verdictRows(manyCases());
  assert.deepEqual(
    rows.map(({ caseLabel, mode, baseline, throughput, gcPause, allocated, verdict }) => [
      caseLabel,
      mode,
      baseline,
      throughput,
      gcPause,
      allocated,
      verdict,
    ]),
    [
      ['message-buffering  messages=1000 retain=0', 'arena', 'heap', '4.82× [2.93–7.32×]', '−50%', '+∞%', 'faster'],
      [
        'a-scenario-with-a-rather-long-name-that-no-terminal-column-holds-whole  messages=1000 retain=0',
        'arena',
        'heap',
        '0.610× [0.500–0.800×]',
        '−50%',
        '+∞%',
        'slower',
      ],
      [
        'flagged  messages=1000 retain=0 · --max-semi-space-size=64',
        'arena',
        'heap',
        '1.01× [0.970–1.04×]',
        '−50%',
        '+∞%',
        'no measurable difference',
      ],
      [
        'flagged  messages=1000 retain=0 · default flags',
        'arena',
        'heap',
        '1.20× [1.10–1.30×]',
        '−50%',
        '+∞%',
        'faster',
      ],
      ['broken  messages=1000 retain=0', '', '', '', '', '', 'failed'],
      ['pooled  messages=1000 retain=0', 'arena', 'pool', '1.70× [1.50–2.00×]', '−50%', '+∞%', 'faster'],
    ],
  );
  assert.equal(throughputVerdict([0.99, 1]), 'no measurable difference');
  assert.equal(throughputVerdict([1, 1.2]), 'no measurable difference');
});

test('the verdicts end the table output of a run of several cases, open the markdown, and names a baseline that is not shared', () => {
  const result = manyCases();
  const text = reporters.table(result, { color: false, width: 80 });
  const verdictsAt = text.lastIndexOf('\nSummary\n');
  assert.ok(verdictsAt > text.indexOf('How each figure is measured'), 'after the legend');
  assert.ok(text.slice(verdictsAt).includes('arena vs pool'));
  assert.ok(text.trimEnd().endsWith('faster'), text.slice(verdictsAt));
  const markdown = reporters.markdown(result);
  assert.ok(markdown.indexOf('### Summary') < markdown.indexOf('### message-buffering'));
  assert.ok(
    markdown.includes(
      '| message-buffering  messages=1000 retain=0 | arena vs heap | 4.82× [2.93–7.32×] | −50% | +∞% | faster |',
    ),
    markdown,
  );
  assert.ok(!reporters.table(legacy(), { color: false }).includes('Summary'), 'one case: no verdicts');
});

test('a table that does not fit as boxes is drawn plain, then as blocks, never wider', () => {
  const columns = [
    { heading: 'name', align: 'left' as const, wrap: true },
    { heading: 'value', align: 'right' as const },
  ];
  const rows = [['a long name in words', '12.3 ms']];
  assert.deepEqual(fitTable(columns, rows, 40), [
    '┌──────────────────────┬─────────┐',
    '│ name                 │   value │',
    '├──────────────────────┼─────────┤',
    '│ a long name in words │ 12.3 ms │',
    '└──────────────────────┴─────────┘',
  ]);
  assert.deepEqual(fitTable(columns, rows, 18), [
    'name         value',
    '─────────  ───────',
    'a long     12.3 ms',
    'name in',
    'words',
  ]);
  assert.deepEqual(fitTable(columns, rows, 12), ['a long name', '  in words', '  value:', '      12.3', '      ms']);
  assert.deepEqual(fitTable(columns, [{ span: 'a heading across' }, ['x', '1 ms']], 16, undefined, ['plain']), [
    'name  value',
    '────  ─────',
    'a heading',
    'across',
    'x      1 ms',
  ]);
});

test('retained heap below 256 KiB reads ≈0, negative values included; above it, the value', () => {
  assert.equal(formatRetained(-16.9 * 1024), '≈0');
  assert.equal(formatRetained(255 * 1024), '≈0');
  assert.equal(formatRetained(256 * 1024), '256 KiB');
  assert.equal(formatRetained(-3 * 1024 * 1024), '−3.00 MiB');
});

test('--columns names: all alone, or known names; anything else says which', () => {
  assert.equal(columnsProblem(['ops', 'cpu']), undefined);
  assert.equal(columnsProblem(['all']), undefined);
  assert.equal(columnsProblem(['ops', 'speed']), 'unknown column "speed"');
  assert.equal(columnsProblem(['all', 'ops']), '"all" stands alone');
});

/** Two files whose every metric differs a little, compared: a row per case, mode and metric with --verbose. */
function legacyComparison() {
  const second = JSON.parse(readFileSync(join(FIXTURES, 'legacy-result-2.json'), 'utf8')) as ResultFile;
  return compareResults([
    { baseline: { label: 'a.json', result: legacy() }, current: { label: 'b.json', result: second } },
  ]);
}

for (const width of [60, 80, 100, 160]) {
  test(`at ${width} columns no line of a comparison is wider, and every metric is in it`, () => {
    const comparison = legacyComparison();
    const text = comparisonTable(comparison, { verbose: true, color: false, width });
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(
      lines.filter((line) => displayWidth(line) > width),
      [],
    );
    const rows = comparison.pairs.flatMap((pair) => pair.cases.flatMap((row) => row.metrics));
    const verdicts = lines.filter((line) =>
      /\b(unchanged|inconclusive|regressed|improved|not-compared)\s*│?$/.test(line),
    );
    assert.equal(verdicts.length, rows.length);
  });
}

test('a comparison too wide for the terminal puts each case and mode on a line above its metrics', () => {
  const wide = comparisonTable(legacyComparison(), { verbose: true, color: false });
  assert.match(wide, /^│ scenario +│ mode +│ metric +│ baseline │/m);
  const narrow = comparisonTable(legacyComparison(), { verbose: true, color: false, width: 80 });
  assert.match(narrow, /^metric +baseline +current +change \[95% CI\] +p \(adj\.\) +verdict$/m);
  assert.match(narrow, /^message-buffering messages=1000 retain=0 {2}heap$/m);
});

/** The legacy result with its modes renamed, and its scenario too. */
function named(scenario: string, modes: [string, string]): ResultFile {
  const result = legacy();
  const base = result.scenarios[0]!;
  const [heap, arena] = Object.values(base.modes);
  result.scenarios = [{ ...base, name: scenario, modes: { [modes[0]]: heap!, [modes[1]]: arena! } }];
  return result;
}

for (const width of [60, 80, 100]) {
  test(`at ${width} columns a name of up to 12 characters is never broken: columns give way first`, () => {
    const text = reporters.table(named('parsers', ['safeParse', 'parse']), { color: false, width });
    assert.ok(widest(text) <= width, text);
    assert.match(text, /│ safeParse +│/, text);
  });
}

for (const width of [60, 80]) {
  test(`at ${width} columns a name with ⌚ or CJK characters fits`, () => {
    const text = reporters.table(named('時計 ⌚ watch', ['⌚tick', '表計算']), { color: false, width });
    assert.ok(widest(text) <= width, text);
    assert.ok(text.includes('⌚tick') && text.includes('表計算'), text);
  });
}
