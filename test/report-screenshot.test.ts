/**
 * The HTML report of a real run, opened in Debian's headless Chromium (installed by .ci/run):
 * no console errors, no network request, every scenario section and chart drawn with ink on it,
 * in light and in dark mode. Skipped, saying why, where /usr/bin/chromium is missing.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Browser, CHROMIUM, chromiumAvailable, decodePng, inkedShare } from './chromium.js';
import { FAST, FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const skip = chromiumAvailable()
  ? false
  : `${CHROMIUM} is missing (on Debian: apt-get install -y chromium); the report is not rendered`;

interface ChartBox {
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Drawn shapes (rect, path, line) with a non-empty bounding box. */
  shapes: number;
  texts: number;
}

interface SectionBox {
  scenario: string;
  height: number;
  charts: ChartBox[];
}

// Runs in the page: the geometry Chromium laid out for each section and chart.
const MEASURE = `[...document.querySelectorAll('section.scenario')].map((section) => ({
  scenario: section.dataset.scenario,
  height: section.getBoundingClientRect().height,
  charts: [...section.querySelectorAll('svg.chart')].map((chart) => {
    const box = chart.getBoundingClientRect();
    const drawn = [...chart.querySelectorAll('rect, path, line')].filter((shape) => { const b = shape.getBBox(); return b.width > 0 || b.height > 0; });
    return { kind: chart.classList[1], x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height, shapes: drawn.length,
      texts: [...chart.querySelectorAll('text')].filter((t) => t.getComputedTextLength() > 0).length };
  }),
}))`;

let directory: string;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  directory = temporaryDirectory();
  const out = join(directory, 'pair.json');
  const run = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--out',
    out,
    '--html',
    join(directory, 'report.html'),
  ]);
  assert.equal(run.exitCode, 0, run.stderr);
  const compared = await runCli(['report', out, out, '--verbose', '--out', join(directory, 'compared.html')]);
  assert.equal(compared.exitCode, 0, compared.stderr);
  browser = await Browser.launch(1200, 900);
});

after(async () => {
  await browser?.close();
});

for (const page of ['report.html', 'compared.html']) {
  for (const scheme of ['light', 'dark']) {
    test(`${page} in ${scheme} mode: no console error or request, every section and chart drawn`, {
      skip,
      timeout: 30_000,
    }, async () => {
      await browser!.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-color-scheme', value: scheme }],
      });
      const seen = browser!.events.length;
      await browser!.open(pathToFileURL(join(directory, page)).href);
      assert.deepEqual(browser!.problems(seen), [], 'the page loads cleanly');

      const background = await browser!.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');

      if (page === 'compared.html') {
        const verdicts = await browser!.evaluate<number>(
          `document.querySelectorAll('#comparison tr.verdict-row').length`,
        );
        assert.ok(verdicts >= 6, `the comparison lists every metric with --verbose: ${verdicts} rows`);
      }
      const sections = await browser!.evaluate<SectionBox[]>(MEASURE);
      assert.deepEqual(
        sections.map((section) => section.scenario),
        ['fixture-pair'],
      );
      for (const section of sections) {
        assert.deepEqual(
          section.charts.map((chart) => chart.kind),
          ['throughput', 'pauses', 'timeline'],
        );
        for (const chart of section.charts) {
          assert.ok(
            chart.width > 300 && chart.height > 80,
            `${chart.kind} is laid out: ${chart.width}×${chart.height}`,
          );
          assert.ok(
            chart.shapes >= 5 && chart.texts >= 5,
            `${chart.kind} has shapes and labels: ${chart.shapes} shapes, ${chart.texts} texts`,
          );
          const png = await browser!.screenshot({ x: chart.x, y: chart.y, width: chart.width, height: chart.height });
          const share = inkedShare(decodePng(png));
          assert.ok(
            share > 0.01,
            `${chart.kind} shows ink on the screenshot: ${(share * 100).toFixed(2)}% of its pixels`,
          );
          if (process.env.ARENA_BENCH_KEEP_SCREENSHOTS)
            writeFileSync(join(directory, `${page}-${scheme}-${chart.kind}.png`), png);
        }
      }
      if (process.env.ARENA_BENCH_KEEP_SCREENSHOTS) {
        writeFileSync(join(directory, `${page}-${scheme}.png`), await browser!.screenshot());
        process.stderr.write(`screenshots kept in ${directory}\n`);
      }
    });
  }
}
