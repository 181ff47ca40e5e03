import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import binaryProtocol from '../scenarios/binary-protocol.js';
import binaryTrees from '../scenarios/binary-trees.js';
import jsonRecords from '../scenarios/json-records.js';
import logLines from '../scenarios/log-lines.js';
import messageBuffering from '../scenarios/message-buffering.js';
import particles from '../scenarios/particles.js';
import requestScoped from '../scenarios/request-scoped.js';
import timeSeriesWindow from '../scenarios/time-series-window.js';
import type { Checksum, Operation, Params, Scenario } from '../src/plan/scenario.js';

/** Every built-in module, by file name: a new scenario file must be added here to be tested. */
// Typed loosely: each scenario's own parameter type is narrower than Params.
const modules: Record<string, unknown> = {
  'binary-protocol': binaryProtocol,
  'binary-trees': binaryTrees,
  'json-records': jsonRecords,
  'log-lines': logLines,
  'message-buffering': messageBuffering,
  particles: particles,
  'request-scoped': requestScoped,
  'time-series-window': timeSeriesWindow,
};

const scenarios = Object.values(modules).flat() as Scenario<Params>[];

/** Small parameters, chosen to reach each scenario's edge cases (partial waves, deaths, several cities…). */
const smallParams: Record<string, Params> = {
  'binary-protocol': { messages: 30 },
  'binary-trees': { maxDepth: 6, minDepth: 4 },
  'json-records': { records: 40 },
  'log-lines': { lines: 20 },
  'message-buffering': { messages: 50, retain: 0 },
  'message-buffering-retained': { messages: 50, retain: 3 },
  particles: { spawn: 10, maxLife: 12 },
  'request-scoped': { requests: 20, inFlight: 3 },
  'time-series-window': { points: 7, window: 50 },
};

const OPERATIONS = 3;
const GC_SIGNAL = /scavenge|promot|major GC|old[- ]space|large[- ]object|external memory/i;

async function checksumsOf(scenario: Scenario<Params>, mode: string, params: Params): Promise<Checksum[]> {
  const operation = (await scenario.modes[mode]!(params)) as Operation;
  const values: Checksum[] = [];
  for (let i = 0; i < OPERATIONS; i++) values.push(await operation());
  return values;
}

test('every built-in scenario module is covered here', () => {
  const directory = fileURLToPath(new URL('../scenarios/', import.meta.url));
  const files = readdirSync(directory).filter((file) => file.endsWith('.js'));
  assert.deepEqual(files.map((file) => file.slice(0, -3)).sort(), Object.keys(modules).sort());
  assert.deepEqual(scenarios.map((scenario) => scenario.name).sort(), Object.keys(smallParams).sort());
});

for (const scenario of scenarios) {
  test(`${scenario.name}: description says what it models and names a GC signal`, () => {
    const description = scenario.description ?? '';
    assert.ok(description.length > 40, 'description is too short to say what it models');
    assert.match(description, GC_SIGNAL);
  });

  for (const [label, params] of [
    ['small', { ...(scenario.params as Params), ...smallParams[scenario.name] }],
    ['default', { ...(scenario.params as Params) }],
  ] as const) {
    test(`${scenario.name}: every mode returns the same checksums (${label} params)`, async () => {
      const [baseline, ...others] = Object.keys(scenario.modes);
      const expected = await checksumsOf(scenario, baseline!, params);
      for (const value of expected) {
        assert.ok(
          Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 30,
          `checksum ${value} is not a small integer`,
        );
      }
      assert.notEqual(new Set(expected).size, 0);
      for (const mode of others)
        assert.deepEqual(await checksumsOf(scenario, mode, params), expected, `mode "${mode}"`);
    });
  }
}
