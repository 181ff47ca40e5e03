/** Names in markdown (step summary, pull-request comment) are shown as text, and the markdown fits GitHub's 65,536 characters. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { around, type CaseSpec, resultFile } from './fixtures/results.js';
import { runCli, temporaryDirectory } from './helpers.js';

const HOSTILE = ['@someorg/someteam', '#123', '<img src=x onerror=alert(1)>', '[click](https://example.com)', '<!--'];
/** What GitHub would act on: a mention, an issue reference, a tag or comment, a link or an image. */
const ACTIVE = /(^|[^\u2060\\])@someorg|#123|(^|[^\\])<(img|!--)|[^\\]\]\(https/;

function write(directory: string, name: string, scenarios: CaseSpec[]): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(resultFile(scenarios)));
  return path;
}

test('scenario, mode and parameter names that are markdown stay text in compare --reporter markdown and the job summary', async () => {
  const directory = temporaryDirectory();
  const scenarios: CaseSpec[] = HOSTILE.map((name) => ({
    name,
    params: { [name]: name },
    modes: { [name]: { opsPerSec: around(1000) }, heap: { opsPerSec: around(500) } },
  }));
  const base = write(directory, 'base.json', scenarios);
  const head = write(directory, 'head.json', scenarios);
  const summary = join(directory, 'summary.md');
  const { exitCode, stdout, stderr } = await runCli(['compare', base, head, '--verbose', '--reporter', 'markdown'], {
    env: { GITHUB_STEP_SUMMARY: summary },
  });
  assert.equal(exitCode, 0, stderr);
  for (const markdown of [stdout, readFileSync(summary, 'utf8')]) {
    assert.doesNotMatch(markdown, ACTIVE);
    assert.ok(markdown.includes('@\u2060someorg/someteam'), 'the name is still there, as text');
    assert.ok(markdown.includes('\\<img src=x onerror=alert(1)>'));
    assert.ok(markdown.includes('[click\\](https://example.com)'));
  }
});

test('a comparison too long for a GitHub comment is cut to 65,536 characters, saying so', async () => {
  const directory = temporaryDirectory();
  const scenarios: CaseSpec[] = Array.from({ length: 400 }, (_, index) => ({
    name: `scenario-${index}-${'x'.repeat(40)}`,
    modes: { heap: { opsPerSec: around(1000) }, arena: { opsPerSec: around(2000) } },
  }));
  const base = write(directory, 'base.json', scenarios);
  const head = write(directory, 'head.json', scenarios);
  const { exitCode, stdout, stderr } = await runCli(['compare', base, head, '--verbose', '--reporter', 'markdown']);
  assert.equal(exitCode, 0, stderr);
  assert.ok(stdout.length <= 65_536, String(stdout.length));
  assert.match(stdout, /\n\n\*\*Cut: \d+ more characters\*\* did not fit GitHub's 65536/);
});
