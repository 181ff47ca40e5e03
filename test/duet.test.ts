/** Same-process pairing's pure parts: the order of a duet's slices, and --budget's durations. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { duration } from '../src/cli/arguments.js';
import { balancedOrder } from '../src/measure/child/duet.js';
import { mulberry32 } from './random.js';

for (const [alternations, baseFirst] of [
  [12, 6],
  [13, 6],
  [2, 1],
  [1, 0],
] as const) {
  test(`balancedOrder(${alternations}): the base goes first in ${baseFirst} of the alternations, whatever the shuffle`, () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const order = balancedOrder(alternations, mulberry32(seed));
      assert.equal(order.length, alternations);
      assert.equal(order.filter(Boolean).length, baseFirst);
    }
  });
}

test('balancedOrder shuffles: different draws give different orders, none the unshuffled one', () => {
  const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => balancedOrder(12, mulberry32(seed)).map(Number).join('')));
  assert.ok(orders.size >= 5, [...orders].join(' '));
  assert.ok(!orders.has('111111000000'));
});

for (const [text, ms] of [
  ['6m', 360_000],
  ['90s', 90_000],
  ['1h30m', 5_400_000],
  ['1500ms', 1500],
  ['1.5s', 1500],
  [' 2m 30s ', 150_000],
] as const) {
  test(`--budget ${JSON.stringify(text)} is ${ms} ms`, () => {
    assert.equal(duration('--budget')(text), ms);
  });
}

for (const text of ['6', '', 'm', '6 minutes', '0s', '-5s', '5x', '30d']) {
  test(`--budget ${JSON.stringify(text)} is refused with an example`, () => {
    assert.throws(
      () => duration('--budget')(text),
      (error: unknown) => {
        assert.ok(error instanceof InvalidArgumentError);
        assert.match(error.message, /--budget takes a duration with its unit, e.g. 6m/);
        return true;
      },
    );
  });
}
