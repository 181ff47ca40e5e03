/** The group-sequential rule: its looks, their levels, its decisions against SciPy, and its error rates by simulation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_RHO,
  lookLevel,
  lookSchedule,
  type SequentialDesign,
  sequentialDecision,
} from '../src/stats/sequential.js';
import { mulberry32 } from './random.js';

const close = (actual: number, expected: number, what: string, relative = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.max(1e-300, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );

const DESIGN: SequentialDesign = { alpha: 0.05, gatedTests: 18, minPairs: 4, maxPairs: 32, rho: DEFAULT_RHO };

// (0.05 / 18)·(n/32)³ less the same at the look before.
const LEVELS: [number, number][] = [
  [4, 5.4253472222222224e-6],
  [5, 5.171034071180555e-6],
  [7, 1.8480088975694447e-5],
  [10, 5.569458007812499e-5],
  [13, 0.000101470947265625],
  [18, 0.00030814276801215275],
  [24, 0.000677490234375],
  [32, 0.001605902777777778],
];

test('looks from 4 to 32 pairs grow by at most ×1.4 and spend (α/m)·(n/32)³ in all', () => {
  assert.deepEqual(
    lookSchedule(DESIGN),
    LEVELS.map(([pairs]) => pairs),
  );
  let previous = 0;
  let total = 0;
  for (const [pairs, level] of LEVELS) {
    close(lookLevel(DESIGN, previous, pairs), level, `level at ${pairs}`);
    total += lookLevel(DESIGN, previous, pairs);
    previous = pairs;
  }
  close(total, 0.05 / 18, 'spent by the last look');
  assert.equal(lookLevel(DESIGN, 32, 40), 0, 'nothing is left beyond maxPairs');
});

for (const [minPairs, maxPairs, looks] of [
  [6, 10, [6, 8, 10]],
  [5, 5, [5]],
  [2, 3, [2, 3]],
  [10, 100, [10, 14, 19, 27, 37, 52, 72, 100]],
] as [number, number, number[]][]) {
  test(`looks from ${minPairs} to ${maxPairs} pairs: ${looks.join(', ')}`, () =>
    assert.deepEqual(lookSchedule({ ...DESIGN, minPairs, maxPairs }), looks));
}

test('a design that cannot work is refused', () => {
  for (const wrong of [{ minPairs: 1 }, { maxPairs: 3 }, { alpha: 0 }, { gatedTests: 0 }, { rho: 0 }])
    assert.throws(() => lookSchedule({ ...DESIGN, ...wrong }), RangeError);
});

// Reference values: the rule written again in Python with SciPy 1.17 (scipy.stats.t, trimmed by hand).
const DROP = [
  -0.1, -0.088, -0.111, -0.136, -0.118, -0.14, -0.098, -0.046, -0.12, -0.125, -0.08, -0.086, -0.096, -0.137, -0.101,
  -0.072, -0.154, -0.118, -0.176, -0.152,
];
const FLAT = [
  -0.0074, -0.0009, -0.0051, 0.0011, 0.0006, -0.0007, -0.0101, -0.0022, -0.0002, 0.0005, -0.0061, -0.0019, -0.0039,
  -0.0032, 0.0042, -0.0032, -0.0001, 0.0035, -0.0023, -0.0004, 0.0004, 0.0003, -0.0049, 0.0003,
];
const NOISY = [
  -0.045, 0.154, 0.134, -0.127, -0.095, -0.129, 0.035, -0.058, 0.062, -0.327, 0.185, -0.064, 0.052, -0.07, -0.107,
  0.019, 0.074, -0.08, -0.073, 0.053,
];

test('a 10% drop is undecided at 7 pairs and regressed at the look of 10, whatever comes after', () => {
  assert.equal(sequentialDecision(DESIGN, DROP.slice(0, 9), 3, 'higher', false).verdict, 'undecided');
  for (const n of [10, 12, 20]) {
    for (const final of [false, true]) {
      const decision = sequentialDecision(DESIGN, DROP.slice(0, n), 3, 'higher', final);
      assert.equal(decision.verdict, 'regressed');
      assert.equal(decision.pairs, 10);
      close(decision.change, -0.10595574249964274, 'change');
      close(decision.pValue, 1.1430706775999767e-5, 'p', 1e-7);
      // Stopped at 10, the look of 10 is the last and spends what the looks before it left.
      if (final && n === 10) {
        close(decision.level, (0.05 / 18) * (1 - (7 / 32) ** 3), 'level: α/m − α(7/32)');
        close(decision.interval[0], -0.13693587689981054, 'interval low', 1e-7);
        close(decision.interval[1], -0.07386356010470381, 'interval high', 1e-7);
      } else {
        close(decision.level, 5.569458007812499e-5, 'level');
        close(decision.interval[0], -0.1755893229186644, 'interval low', 1e-7);
        close(decision.interval[1], -0.030440584298127158, 'interval high', 1e-7);
      }
    }
  }
  assert.equal(sequentialDecision(DESIGN, DROP, 3, 'lower', false).verdict, 'improved', 'lower is better: improved');
  const within = sequentialDecision(DESIGN, DROP, 20, 'higher', false);
  assert.deepEqual([within.verdict, within.pairs], ['unchanged', 10], 'significant, but inside ±20%');
  close(within.interval[0], -0.1666374844224297, 'its 1 − 2ℓ interval, low', 1e-7);
  close(within.interval[1], -0.040855426746196154, 'its 1 − 2ℓ interval, high', 1e-7);
});

test('a change that stays near zero is unchanged at the look of 10: its 1 − 2ℓ interval lies inside ±3%', () => {
  const decision = sequentialDecision(DESIGN, FLAT, 3, 'higher', false);
  assert.equal(decision.verdict, 'unchanged');
  assert.equal(decision.pairs, 10);
  close(decision.change, -0.001432306601719248, 'change');
  close(decision.pValue, 0.3144738165812089, 'p', 1e-7);
  close(decision.interval[0], -0.015331440507712589, 'interval low', 1e-7);
  close(decision.interval[1], 0.012663021162069597, 'interval high', 1e-7);
  const tighter = sequentialDecision(DESIGN, FLAT, 1, 'higher', false);
  assert.deepEqual([tighter.verdict, tighter.pairs], ['unchanged', 18], 'inside ±1% takes more pairs');
  close(tighter.interval[1], 0.0025358766226539794, 'interval high', 1e-7);
  assert.equal(sequentialDecision(DESIGN, FLAT, 0.2, 'higher', true).verdict, 'inconclusive', 'not inside ±0.2%');
});

test('undecided at the last look is inconclusive; a budget that stops between looks makes one more, the last', () => {
  const running = sequentialDecision(DESIGN, NOISY, 3, 'higher', false);
  assert.equal(running.verdict, 'undecided');
  assert.equal(running.pairs, 18);
  const stopped = sequentialDecision(DESIGN, NOISY, 3, 'higher', true);
  assert.equal(stopped.verdict, 'inconclusive');
  assert.equal(stopped.pairs, 20);
  close(stopped.level, (0.05 / 18) * (1 - (18 / 32) ** 3), 'level: all that α(18/32) left of α/m');
  close(stopped.level, 0.002283393012152778, 'level (SciPy)');
  close(stopped.change, -0.02175976494878995, 'change');
  close(stopped.pValue, 0.4086334950462143, 'p', 1e-7);
  close(stopped.interval[0], -0.11581235389578963, 'interval low', 1e-7);
  close(stopped.halfWidth, 0.10637175192551224, 'the change it could resolve', 1e-7);
});

test('before the first look a stopped case still looks once, at what it has, with all of α/m; one pair cannot test', () => {
  const early = sequentialDecision(DESIGN, NOISY.slice(0, 3), 3, 'higher', true);
  assert.equal(early.verdict, 'inconclusive');
  assert.equal(early.pairs, 3);
  close(early.level, 0.05 / 18, 'level α/m');
  close(early.pValue, 0.5226713084479115, 'p', 1e-7);
  const one = sequentialDecision(DESIGN, [0.2], 3, 'higher', true);
  assert.equal(one.verdict, 'inconclusive');
  assert.ok(Number.isNaN(one.pValue));
  assert.equal(sequentialDecision(DESIGN, NOISY.slice(0, 3), 3, 'higher', false).verdict, 'undecided');
});

test('pairs that agree exactly (allocation) decide at the first look', () => {
  const more = sequentialDecision(DESIGN, [0.1, 0.1, 0.1, 0.1], 5, 'lower', false);
  assert.deepEqual([more.verdict, more.pairs, more.pValue], ['regressed', 4, 0]);
  close(more.change, Math.expm1(0.1), 'change');
  const same = sequentialDecision(DESIGN, [0, 0, 0, 0], 5, 'lower', false);
  assert.deepEqual([same.verdict, same.interval], ['unchanged', [0, 0]]);
});

/** Log-ratios of `pairs` replicates: normal (Box–Muller) around log(1 + change) with SD `sigma`. */
function replicates(random: () => number, pairs: number, change: number, sigma: number): number[] {
  return Array.from({ length: pairs }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.log1p(change) + sigma * normal;
  });
}

test('by simulation: false alarms over all looks stay within α, and a 10% drop is found', () => {
  const random = mulberry32(22);
  const sequences = 1000;
  // One test holding all of α, a zero threshold: every significant look is a false alarm.
  const alone = { ...DESIGN, gatedTests: 1 };
  let alarms = 0;
  for (let i = 0; i < sequences; i++) {
    const verdict = sequentialDecision(alone, replicates(random, 32, 0, 0.08), 0, 'higher', true).verdict;
    if (verdict === 'regressed' || verdict === 'improved') alarms++;
  }
  assert.ok(alarms / sequences <= 0.05, `false alarms ${alarms} of ${sequences}`);
  // 2.5%: the union bound is conservative.
  assert.equal(alarms, 25);
  // A 10% drop with the spread a replicate's log-ratio had in one process (8%), in a family of 18.
  let found = 0;
  let pairsUsed = 0;
  for (let i = 0; i < sequences; i++) {
    const decision = sequentialDecision(DESIGN, replicates(random, 32, -0.1, 0.08), 3, 'higher', true);
    if (decision.verdict === 'regressed') found++;
    pairsUsed += decision.pairs;
  }
  assert.ok(found / sequences >= 0.9, `found ${found} of ${sequences}`);
  assert.equal(found, 998);
  // Stopped at 21.8 pairs on average, of 32.
  assert.equal(pairsUsed, 21_786);
});
