import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { UserError } from '../src/errors.js';
import { loadScenarioModule } from '../src/plan/loader.js';
import { FAST, FIXTURES, readValidResult, runCli, temporaryDirectory } from './helpers.js';

const NAMED_BASELINE = join(FIXTURES, 'named-baseline.mjs');

test('a scenario file without a description loads, and its named baseline is kept', async () => {
  const [loaded] = await loadScenarioModule(pathToFileURL(NAMED_BASELINE).href, NAMED_BASELINE);
  assert.equal(loaded!.scenario.name, 'fixture-named-baseline');
  assert.equal(loaded!.scenario.description, undefined);
  assert.equal(loaded!.scenario.baseline, 'json');
});

test('a baseline that is not one of the modes is refused, naming it and the modes', async () => {
  const file = join(FIXTURES, 'unknown-baseline.mjs');
  await assert.rejects(
    loadScenarioModule(pathToFileURL(file).href, file),
    (error: unknown) =>
      error instanceof UserError &&
      error.message ===
        `${file} does not export a valid scenario: "fixture-unknown-baseline".baseline is "heap", which is not one of its modes (json, msgpack)`,
  );
  const { exitCode, stderr } = await runCli(['run', file, ...FAST]);
  assert.equal(exitCode, 2);
  assert.match(stderr, /baseline is "heap", which is not one of its modes \(json, msgpack\)/);
});

test('a named baseline goes through run, report and compare', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'named.json');
  const html = join(directory, 'named.html');
  const run = await runCli(['run', NAMED_BASELINE, ...FAST, '--out', out, '--html', html]);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.match(run.stdout, /spread vs json: [\d.]+× ops\/s/);
  assert.match(run.stdout, /structured vs json: [\d.]+× ops\/s/);
  assert.doesNotMatch(run.stdout, /json vs json/);

  const caseResult = readValidResult(out).scenarios[0]!;
  assert.equal(caseResult.comparison!.baseline, 'json');
  assert.deepEqual(Object.keys(caseResult.comparison!.against), ['spread', 'structured']);
  assert.match(readFileSync(html, 'utf8'), /spread vs json: [\d.]+× ops\/s/);

  const reported = join(directory, 'reported.html');
  const report = await runCli(['report', out, '--out', reported]);
  assert.equal(report.exitCode, 0, report.stderr);
  assert.match(readFileSync(reported, 'utf8'), /spread vs json: [\d.]+× ops\/s/);

  const compared = await runCli(['compare', out, out]);
  assert.equal(compared.exitCode, 0, compared.stdout + compared.stderr);
  assert.match(compared.stdout, /^arena-bench: no regression/);
});

test('--modes that leaves out the baseline compares with the first mode kept, and says so', async () => {
  const out = join(temporaryDirectory(), 'modes.json');
  const { exitCode, stdout, stderr } = await runCli([
    'run',
    NAMED_BASELINE,
    ...FAST,
    '--runs',
    '1',
    '--modes',
    'structured,spread',
    '--out',
    out,
  ]);
  assert.equal(exitCode, 0, stderr);
  assert.match(stdout, /structured vs spread: [\d.]+× ops\/s/);
  const expected =
    '--modes left out the baseline "json", so the other modes are compared with "spread", the first mode selected';
  assert.match(stdout, new RegExp(`warning: ${expected.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`));
  const caseResult = readValidResult(out).scenarios[0]!;
  assert.equal(caseResult.comparison!.baseline, 'spread');
  assert.deepEqual(caseResult.warnings, [expected]);
});

test('one mode is measured and gated like any other case; a list in params is swept', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'one.json');
  const run = await runCli(['run', join(FIXTURES, 'one-mode.mjs'), ...FAST, '--out', out]);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.doesNotMatch(run.stdout, / vs |× ops\/s/);
  const result = readValidResult(out);
  assert.deepEqual(
    result.scenarios.map((caseResult) => [caseResult.status, caseResult.params, Object.keys(caseResult.modes)]),
    [
      ['ok', { size: 10 }, ['heap']],
      ['ok', { size: 20 }, ['heap']],
    ],
  );
  assert.ok(result.scenarios.every((caseResult) => caseResult.comparison === undefined));

  const same = await runCli(['compare', out, out]);
  assert.equal(same.exitCode, 0, same.stdout + same.stderr);
  // Ten times the allocation in every run of one case is a regression of that case.
  const grown = structuredClone(result);
  const mode = grown.scenarios[0]!.modes.heap!;
  for (const run of [...mode.runs, mode.summary]) run.memory.allocatedBytesPerOp *= 10;
  const grownFile = join(directory, 'grown.json');
  writeFileSync(grownFile, JSON.stringify(grown));
  const regressed = await runCli(['compare', out, grownFile]);
  assert.equal(regressed.exitCode, 1, regressed.stdout + regressed.stderr);
  assert.match(regressed.stdout, /fixture-one-mode/);
});
