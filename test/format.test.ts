import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatBytes,
  formatChange,
  formatCount,
  formatMs,
  formatNs,
  formatParams,
  formatPercent,
  formatRatio,
  formatRunCounts,
} from '../src/text/format.js';

const cases: [string, string, string][] = [
  ['count', formatCount(5_712_000), '5.71 M'],
  ['count', formatCount(999), '999'],
  ['count', formatCount(1234), '1.23 k'],
  ['count', formatCount(0), '0'],
  ['bytes', formatBytes(180), '180 B'],
  ['bytes', formatBytes(0.5), '0.500 B'],
  ['bytes', formatBytes(4 * 1024 * 1024), '4.00 MiB'],
  ['bytes', formatBytes(-2048), '−2.00 KiB'],
  ['ns', formatNs(531), '531 ns'],
  ['ns', formatNs(1260), '1.26 µs'],
  ['ns', formatNs(2.5e6), '2.50 ms'],
  ['ms', formatMs(60.6), '60.6 ms'],
  ['ms', formatMs(0), '0 ns'],
  ['ratio', formatRatio(3.14259), '3.14×'],
  ['ratio', formatRatio(0.5), '0.500×'],
  ['change', formatChange(0.03), '−97%'],
  ['change', formatChange(1.5), '+50%'],
  ['change', formatChange(1.001), '±0%'],
  ['change', formatChange(null), '+∞%'],
  ['percent', formatPercent(0.123, 1), '+12.3%'],
  ['percent', formatPercent(0.123, 0), '+12%'],
  ['percent', formatPercent(-0.4, 1), '−40.0%'],
  ['percent', formatPercent(0.0004, 1), '±0.0%'],
  ['percent', formatPercent(-0.004, 0), '±0%'],
  ['percent', formatPercent(1.234, 1), '+123%'],
  ['percent', formatPercent(0.125, 0), '+13%'],
  ['runs', formatRunCounts({ fewest: 1, most: 1 }), '1 run'],
  ['runs', formatRunCounts({ fewest: 6, most: 6 }), '6 runs'],
  ['runs', formatRunCounts({ fewest: 6, most: 10 }), '6–10 runs'],
  ['percent', formatPercent(-0.125, 0), '−13%'],
  ['params', formatParams({ messages: 1000, retain: 0, label: 'x' }), 'messages=1000 retain=0 label=x'],
];

for (const [kind, actual, expected] of cases) {
  test(`format ${kind}: ${expected}`, () => assert.equal(actual, expected));
}
