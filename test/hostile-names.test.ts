/** What a scenario file names is shown, never obeyed: by every reporter, and whatever it throws. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, runCli, temporaryDirectory } from './helpers.js';

const HOSTILE = join(FIXTURES, 'hostile-names.mjs');
const QUICK_RUN = ['--runs', '1', '--time', '20', '--warmup', '0'];
// A raw control character other than the line breaks a report is made of.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** Every markdown table in the text (runs of lines starting with "|"), each row as its column count. */
function markdownTables(text: string): number[][] {
  const columns = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  return text
    .split(/\n(?!\|)/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map(columns),
    )
    .filter((table) => table.length > 0);
}

const THROWN = [
  ['throws-null-prototype', "[Object: null prototype] { code: 7, reason: 'no prototype' }"],
  ['throws-symbol', 'Symbol(why)'],
  ['throws-revoked-proxy', '<Revoked Proxy>'],
  ['throws-getter', "{ message: [Getter], code: 'E_GETTER' }"],
  ['throws-error-with-bad-message', 'a thrown Error whose fields throw when read'],
];

for (const reporter of ['table', 'markdown']) {
  test(`the ${reporter} reporter shows hostile names escaped, and odd thrown values fail their scenario (exit 3)`, async () => {
    const out = join(temporaryDirectory(), 'r.json');
    const { exitCode, stdout, stderr } = await runCli([
      'run',
      HOSTILE,
      ...QUICK_RUN,
      '--reporter',
      reporter,
      '--out',
      out,
    ]);
    assert.equal(exitCode, 3, stderr);
    assert.doesNotMatch(stdout, RAW_CONTROL);
    assert.doesNotMatch(stderr, RAW_CONTROL);
    assert.doesNotMatch(stderr, /bug|TypeError/);
    // Markdown escapes the backslashes of the escapes too, and a tag's "<": both render as the table shows them.
    const markdown = reporter === 'markdown';
    assert.match(
      stdout,
      markdown
        ? /red\\\\x1b\[31m name\\\\nforged line \\<b>bold\\<\/b>/
        : /red\\x1b\[31m name\\nforged line <b>bold<\/b>/,
    );
    assert.match(stdout, markdown ? /ot\\\\rher\\\\x1b\[2K/ : /ot\\rher\\x1b\[2K/);
    for (const [name, described] of THROWN) {
      assert.match(stdout, new RegExp(`^(### )?${name}$`, 'm'));
      assert.ok(stdout.includes(`threw: ${markdown ? described.replace('<', '\\<') : described}`), described);
    }
    if (reporter === 'markdown') {
      const tables = markdownTables(stdout);
      assert.ok(tables.flat().length >= 5);
      for (const table of tables)
        assert.deepEqual(
          table,
          table.map(() => table[0]),
          stdout,
        );
      assert.match(stdout, /\| ar\\\|ena \|/);
    }
  });
}

test('compare and report escape the same names', async () => {
  const directory = temporaryDirectory();
  const out = join(directory, 'r.json');
  await runCli(['run', HOSTILE, ...QUICK_RUN, '--out', out]);
  for (const reporter of ['table', 'markdown']) {
    const { stdout, stderr } = await runCli(['compare', out, out, '--verbose', '--reporter', reporter]);
    assert.doesNotMatch(stdout + stderr, RAW_CONTROL);
    assert.match(
      stdout,
      reporter === 'markdown' ? /red\\\\x1b\[31m name\\\\nforged line/ : /red\\x1b\[31m name\\nforged line/,
    );
    if (reporter === 'markdown') {
      for (const table of markdownTables(stdout))
        assert.deepEqual(
          table,
          table.map(() => table[0]),
          stdout,
        );
    }
  }
  const page = join(directory, 'r.html');
  const report = await runCli(['report', out, '--out', page]);
  assert.equal(report.exitCode, 0, report.stderr);
  const html = readFileSync(page, 'utf8');
  assert.doesNotMatch(html, /<b>bold/);
  assert.match(html, /&lt;b&gt;bold/);
  assert.doesNotMatch(html, /\u001b/);
});
