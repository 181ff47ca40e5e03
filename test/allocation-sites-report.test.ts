import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteDescription, siteFigures, sitesHeading } from '../src/reporters/document/allocation-sites.js';
import { allocationSitesChart } from '../src/reporters/html/allocation-sites.js';
import { allocationSitesMarkdown } from '../src/reporters/markdown/allocation-sites.js';
import { allocationSiteLines } from '../src/reporters/terminal/allocation-sites.js';
import type { AllocationSite, AllocationSites, ModeResult } from '../src/results/result.js';
import { cutStartToWidth, displayWidth } from '../src/text/width.js';

const own: AllocationSite = {
  functionName: 'buildBatch',
  url: 'file:///home/me/app/src/batch.mjs',
  line: 28,
  column: 1,
  bytesPerOp: 1024,
  share: 0.5,
  stack: [],
};
const internal: AllocationSite = {
  ...own,
  functionName: 'FastBuffer',
  url: 'node:internal/buffer',
  line: 960,
  userFrame: { functionName: 'buildBatch', url: 'file:///home/me/app/src/batch.mjs', line: 28, column: 1 },
};

for (const [site, width, text] of [
  [own, Infinity, 'buildBatch (/home/me/app/src/batch.mjs:28)'],
  [own, 30, 'buildBatch (…src/batch.mjs:28)'],
  [internal, Infinity, 'FastBuffer (node:internal/buffer:960) ← buildBatch (/home/me/app/src/batch.mjs:28)'],
  [internal, 50, 'FastBuffer ← buildBatch (…me/app/src/batch.mjs:28)'],
  [{ ...own, functionName: '', url: '', line: 0 }, Infinity, '(anonymous) (built-in)'],
  // Wide characters take two columns each: the location gives way by display width, not length.
  [
    { ...own, functionName: '時計⌚', url: 'file:///home/me/アプリ/src/batch.mjs' },
    30,
    '時計⌚ (…リ/src/batch.mjs:28)',
  ],
] as const) {
  test(`site at width ${width}: ${text}`, () => {
    assert.equal(siteDescription(site, width), text);
    assert.ok(displayWidth(text) <= width);
  });
}

test('cutStartToWidth keeps the end of a path, in display columns', () => {
  assert.equal(cutStartToWidth('/a/b/c/file.ts:12', 10), '…ile.ts:12');
  assert.equal(cutStartToWidth('short', 10), 'short');
  assert.equal(cutStartToWidth('/アプリ/file.ts', 10), '…/file.ts');
});

for (const [site, figures] of [
  [own, ' 50.0%    1.00 KiB/op'],
  [{ ...own, survivedBytesPerOp: 512, survival: 0.5 }, ' 50.0%    1.00 KiB/op  survived      512 B/op  50%'],
  [
    { ...own, bytesPerOp: 0, survivedBytesPerOp: 40, survival: null },
    ' 50.0%         0 B/op  survived     40.0 B/op    –',
  ],
] as const) {
  test(`site figures: ${figures.trim()}`, () => assert.equal(siteFigures(site), figures));
}

/** A heap mode that counted 1 KiB/op and sampled `sites`. */
function mode(sites: AllocationSites): ModeResult {
  return {
    runs: [{}, {}],
    summary: { memory: { allocatedBytesPerOp: 1024 } },
    allocationSites: sites,
  } as unknown as ModeResult;
}

const SURVIVING: AllocationSites = {
  samplingIntervalBytes: 4096,
  profiledOps: 1_000_000,
  sampledBytesPerOp: 1024,
  sites: [{ ...own, survivedBytesPerOp: 512, survival: 0.5 }],
  rankedBy: 'survived',
  survival: {
    profiledOps: 1_000_000,
    sampledBytesPerOp: 512,
    majorCollections: 2,
    youngBytesPerOpAtMajors: 40.96,
    youngBytesPerOpAtEnd: 61.44,
  },
};

test('the heading of sites ranked by survivors gives the surviving total, and a note when survival may read high', () => {
  assert.deepEqual(sitesHeading('heap', mode(SURVIVING)), {
    text: 'heap allocation sites by surviving bytes (sampled 1.00 KiB/op, counted 1.00 KiB/op, 512 B/op survived a scavenge)',
    survivalNote:
      'survival may read up to 10 points high: 2 major collections met 41.0 B/op of young objects; 61.4 B/op were still young at the end',
  });
  const settled = { ...SURVIVING.survival!, majorCollections: 0, youngBytesPerOpAtMajors: 0, youngBytesPerOpAtEnd: 40 };
  assert.equal(sitesHeading('heap', mode({ ...SURVIVING, survival: settled }))!.survivalNote, undefined);
  assert.deepEqual(allocationSitesMarkdown({ heap: mode(SURVIVING) }).slice(3), [
    '_survival may read up to 10 points high: 2 major collections met 41.0 B/op of young objects; 61.4 B/op were still young at the end_',
    '',
    '- 50.0% · 1.00 KiB/op · survived 512 B/op (50%) · `buildBatch (/home/me/app/src/batch.mjs:28)`',
  ]);
});

test('a profile that allocates more than the measured code says that inlining was off', () => {
  assert.equal(
    sitesHeading('heap', mode({ ...SURVIVING, sampledBytesPerOp: 2048 }))!.disagreement,
    'sampled more than counted, beyond the sampling error: profiled with inlining off, allocations that escape analysis removes from inlined code are among the sites',
  );
  assert.equal(
    sitesHeading('heap', mode({ ...SURVIVING, sampledBytesPerOp: 512 }))!.disagreement,
    'sampled less than counted, beyond the sampling error: read the shares with care',
  );
});

test('the HTML chart draws what each site allocated hollow and what of it survived solid', () => {
  const html = allocationSitesChart('heap', 'm0', mode(SURVIVING));
  assert.match(html, /Hollow bars: the bytes each site allocates/);
  assert.equal(html.match(/<rect class="bar baseline m0"/g)?.length, 1);
  assert.equal(html.match(/<rect class="bar m0"/g)?.length, 1);
  assert.match(html, /50\.0% · 1\.00 KiB\/op · 512 B\/op survived \(50%\)/);
});

test('on a narrow terminal a site with survival goes under its figures, the heading wraps, no line is wider', () => {
  const sites: AllocationSites = {
    ...SURVIVING,
    sites: [{ ...internal, survivedBytesPerOp: 512, survival: 0.5 }],
  };
  const texts = (width: number) => allocationSiteLines({ heap: mode(sites) }, width).map((line) => line.text);
  for (const width of [60, 80, 120]) {
    for (const text of texts(width))
      assert.ok(displayWidth(text) <= width, `${displayWidth(text)} > ${width}: ${text}`);
  }
  // The heading wraps rather than losing its surviving total.
  assert.match(texts(60).join(' ').replace(/ +/g, ' '), /512 B\/op survived a scavenge\)/);
  assert.deepEqual(texts(80).slice(-2), [
    '     50.0%    1.00 KiB/op  survived      512 B/op  50%',
    '        FastBuffer ← buildBatch (/home/me/app/src/batch.mjs:28)',
  ]);
  assert.equal(
    texts(120).at(-1),
    '     50.0%    1.00 KiB/op  survived      512 B/op  50%  FastBuffer ← buildBatch (/home/me/app/src/batch.mjs:28)',
  );
});
