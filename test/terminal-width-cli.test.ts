/** The CLI at a given width (COLUMNS, as when stdout is not a terminal): every line it prints fits. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { displayWidth } from '../src/text/width.js';
import { FAST, FIXTURES, runCli, temporaryDirectory } from './helpers.js';

function assertFits(text: string, width: number, what: string): void {
  for (const line of text.split('\n'))
    assert.ok(
      displayWidth(line) <= width,
      `${what} has a line of ${displayWidth(line)} columns: ${JSON.stringify(line)}`,
    );
}

test('with COLUMNS=80 a run of two cases prints no line wider than 80, on stdout or stderr, and ends with the summary', async () => {
  // A folder name longer than the line, so "results written to …" has to wrap too.
  const directory = join(
    temporaryDirectory(),
    'a-folder-whose-name-alone-is-longer-than-a-line-of-an-eighty-column-terminal',
  );
  mkdirSync(directory);
  const out = join(directory, 'pair.json');
  const { exitCode, stdout, stderr } = await runCli(
    ['run', join(FIXTURES, 'pair.mjs'), ...FAST, '--param', 'items=100,200', '--out', out],
    { env: { COLUMNS: '80' } },
  );
  assert.equal(exitCode, 0, stderr);
  assertFits(stdout, 80, 'stdout');
  assertFits(stderr, 80, 'stderr');
  const summary = stdout.slice(stdout.lastIndexOf('\nSummary\n'));
  assert.match(
    summary,
    /fixture-pair {2}items=100\s+arena +[\d.]+× \[[\d.]+–[\d.]+×\] +−\d+% +−\d+% +(faster|slower|no measurable)/,
  );
  assert.match(summary, /fixture-pair {2}items=200\s/);
  assert.ok(stderr.replace(/\s+/g, '').includes(`resultswrittento${out}`), stderr);
  assert.ok(existsSync(out));
});

test('an error wraps to COLUMNS too, its hint set in below it', async () => {
  const { exitCode, stderr } = await runCli(['run', 'no-such-scenario-with-a-name-long-enough-to-wrap'], {
    env: { COLUMNS: '40' },
  });
  assert.equal(exitCode, 2);
  assertFits(stderr, 40, 'stderr');
  assert.match(stderr, /^Error: unknown scenario\n/);
});

test('--columns chooses the table columns; an unknown name exits 2 and lists the valid ones', async () => {
  const out = join(temporaryDirectory(), 'pair.json');
  const chosen = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    ...FAST,
    '--runs',
    '1',
    '--columns',
    'ops,cpu',
    '--out',
    out,
  ]);
  assert.equal(chosen.exitCode, 0, chosen.stderr);
  assert.match(chosen.stdout, /│ mode +│ +ops\/s │ CPU per 1000 ops │\n/);

  const refused = await runCli([
    'run',
    join(FIXTURES, 'pair.mjs'),
    '--columns',
    'ops,speed',
    '--out',
    join(temporaryDirectory(), 'never.json'),
  ]);
  assert.equal(refused.exitCode, 2);
  assert.match(
    refused.stderr.replace(/\n/g, ' '),
    /unknown column "speed": --columns takes "all" or a comma-separated list of ops, interval, p50, p99, gcs, pause-total, pause-max, pause-p99, pauses, alloc, heap-growth, retained, arraybuffers, cpu\./,
  );
});
