/** Colour and redrawn lines follow chalk's supports-color and no-color.org: FORCE_COLOR, then NO_COLOR, then a terminal that is not TERM=dumb. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewritesLines, useColor } from '../src/cli/terminal.js';
import { runCli } from './helpers.js';

const TTY = { isTTY: true };
const PIPE = { isTTY: false };

for (const [stream, env, colour] of [
  [TTY, {}, true],
  [PIPE, {}, false],
  [TTY, { TERM: 'dumb' }, false],
  [TTY, { TERM: 'xterm-256color' }, true],
  [TTY, { NO_COLOR: '1' }, false],
  [TTY, { NO_COLOR: '' }, true],
  [TTY, { FORCE_COLOR: '0' }, false],
  [TTY, { FORCE_COLOR: 'false' }, false],
  [PIPE, { FORCE_COLOR: '1' }, true],
  [PIPE, { FORCE_COLOR: '' }, true],
  [PIPE, { FORCE_COLOR: 'true' }, true],
  [TTY, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  [TTY, { FORCE_COLOR: '3', TERM: 'dumb' }, true],
] as [{ isTTY: boolean }, NodeJS.ProcessEnv, boolean][]) {
  test(`colour on a ${stream.isTTY ? 'terminal' : 'pipe'} with ${JSON.stringify(env)}: ${colour}`, () => {
    assert.equal(useColor(stream, env), colour);
  });
}

for (const [stream, env, redraws] of [
  [TTY, {}, true],
  [TTY, { TERM: 'dumb' }, false],
  [PIPE, {}, false],
  [TTY, { FORCE_COLOR: '1', TERM: 'dumb' }, false],
] as [{ isTTY: boolean }, NodeJS.ProcessEnv, boolean][]) {
  test(`the progress line is redrawn on a ${stream.isTTY ? 'terminal' : 'pipe'} with ${JSON.stringify(env)}: ${redraws}`, () => {
    assert.equal(rewritesLines(stream, env), redraws);
  });
}

for (const [env, colour] of [
  [{ FORCE_COLOR: '1' }, true],
  [{ FORCE_COLOR: '0' }, false],
  [{ NO_COLOR: '' }, false],
] as [NodeJS.ProcessEnv, boolean][]) {
  test(`the CLI's error into a pipe with ${JSON.stringify(env)} is ${colour ? '' : 'not '}red`, async () => {
    const { exitCode, stderr } = await runCli(['run', 'no-such-scenario'], { env: { NO_COLOR: undefined, ...env } });
    assert.equal(exitCode, 2, stderr);
    assert.equal(stderr.startsWith('\x1b[31mError: unknown scenario "no-such-scenario"\x1b[39m\n'), colour, stderr);
    assert.equal(stderr.includes('Error: unknown scenario "no-such-scenario"'), true);
  });
}
