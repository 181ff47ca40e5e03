/**
 * Every path a command writes is checked before anything is measured, no output overwrites an
 * input or another output, and a write goes to a symbolic link's target and never replaces what
 * is not a regular file.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, childEnv, FIXTURES, projectWithPackage, runCli, temporaryDirectory, typeCheck } from './helpers.js';

const MARKER = join(FIXTURES, 'marker.mjs');
const RESULT = join(FIXTURES, 'legacy-result.json');
const EXPORT = ['--format', 'github-action-benchmark-bigger'];
const HAS_DEV_FULL = existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice();

/** A folder with a result file and a FIFO in it, and the paths of both. */
function workspace() {
  const directory = temporaryDirectory();
  const result = join(directory, 'r.json');
  copyFileSync(RESULT, result);
  const fifo = join(directory, 'fifo');
  execFileSync('mkfifo', [fifo]);
  return { directory, result, fifo, original: readFileSync(result, 'utf8') };
}

/** Run a command that must stop at the door: exit 2, a message matching, no mode set up. */
async function refusedBeforeMeasuring(args: string[], message: RegExp, cwd: string) {
  const marker = join(cwd, 'measured');
  const { exitCode, stderr } = await runCli(args, { cwd, env: { FIXTURE_MARKER: marker } });
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, message);
  assert.equal(existsSync(marker), false, 'no mode was set up: nothing was measured');
}

const RUN = ['run', MARKER, '--runs', '1', '--time', '20', '--warmup', '0'];

for (const [name, args, message] of [
  ['an existing directory as --out', (w: string) => [...RUN, '--out', w], /Error: --out \/.+: it is a directory/],
  [
    'a directory as --html',
    (w: string) => [...RUN, '--out', join(w, 'x.json'), '--html', w],
    /Error: --html \/.+: it is a directory/,
  ],
  [
    'a path under /proc',
    () => [...RUN, '--out', '/proc/arena-bench/r.json'],
    /Error: --out \/proc\/arena-bench\/r\.json: it is on \/proc/,
  ],
  [
    'a path under /sys',
    () => [...RUN, '--out', '/sys/arena-bench.json'],
    /Error: --out \/sys\/arena-bench\.json: it is on \/sys/,
  ],
  [
    'a parent folder that is a file',
    (w: string) => [...RUN, '--out', join(w, 'r.json', 'x.json')],
    /Error: --out .+r\.json\/x\.json: cannot create the folder .+r\.json, because .+r\.json is a file/,
  ],
  ['an empty --out', () => [...RUN, '--out', ''], /Error: --out "": an empty path/],
  [
    'a FIFO as --out',
    (w: string) => [...RUN, '--out', join(w, 'fifo')],
    /Error: --out .+fifo: it is a named pipe \(FIFO\)/,
  ],
  [
    'the default results/ folder when results is a file',
    (w: string) => {
      writeFileSync(join(w, 'results'), 'mine\n');
      return RUN;
    },
    /Error: --out .+results\/.+\.json: cannot create the folder .+results, because .+results is a file/,
  ],
] as [string, (directory: string) => string[], RegExp][]) {
  test(`run refuses ${name} before measuring anything`, async () => {
    const { directory } = workspace();
    await refusedBeforeMeasuring(args(directory), message, directory);
  });
}

test('run refuses a folder it cannot write in, before measuring anything', async (t) => {
  const { directory } = workspace();
  const locked = join(directory, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  chmodSync(directory, 0o755);
  // Root may write anywhere, so as root the CLI runs as "nobody", for whom the folder is read-only.
  const asNobody = process.getuid?.() === 0;
  if (asNobody) {
    try {
      execFileSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534 });
    } catch {
      t.skip('cannot start a process as nobody here');
      return;
    }
  }
  const args = [BIN, ...RUN, '--out', join(locked, 'r.json')];
  let outcome: { status: number | null; stderr: string };
  try {
    execFileSync(process.execPath, args, {
      cwd: directory,
      uid: asNobody ? 65534 : undefined,
      gid: asNobody ? 65534 : undefined,
      encoding: 'utf8',
      stdio: 'pipe',
      env: childEnv({ FIXTURE_MARKER: join(directory, 'measured') }),
    });
    outcome = { status: 0, stderr: '' };
  } catch (error) {
    outcome = error as { status: number; stderr: string };
  }
  assert.equal(outcome.status, 2, outcome.stderr);
  assert.match(outcome.stderr, /Error: --out .+locked\/r\.json: cannot write in .+locked \(EACCES\)/);
  assert.equal(existsSync(join(directory, 'measured')), false);
});

for (const [name, args, message] of [
  [
    'report --out a directory',
    (w: string) => ['report', join(w, 'r.json'), '--out', w],
    /Error: --out \/.+: it is a directory/,
  ],
  [
    'report --out under /proc',
    (w: string) => ['report', join(w, 'r.json'), '--out', '/proc/self/report.html'],
    /Error: --out \/proc\/self\/report\.html: it is on \/proc/,
  ],
  [
    'export --out a directory',
    (w: string) => ['export', join(w, 'r.json'), ...EXPORT, '--out', w],
    /Error: --out \/.+: it is a directory/,
  ],
  [
    'export --out a FIFO',
    (w: string) => ['export', join(w, 'r.json'), ...EXPORT, '--out', join(w, 'fifo')],
    /Error: --out .+fifo: it is a named pipe \(FIFO\)/,
  ],
  [
    'export --out /dev/stdout into a pipe',
    (w: string) => ['export', join(w, 'r.json'), ...EXPORT, '--out', '/dev/stdout'],
    /Error: --out \/dev\/stdout: it is a (named pipe \(FIFO\)|socket)/,
  ],
  [
    'init in a folder under a file',
    (w: string) => ['init', join(w, 'r.json', 'x.scenario.ts')],
    /Error: init .+r\.json\/x\.scenario\.ts: cannot create the folder .+r\.json, because .+r\.json is a file/,
  ],
  ['init under /sys', () => ['init', '/sys/x.scenario.ts'], /Error: init \/sys\/x\.scenario\.ts: it is on \/sys/],
] as [string, (directory: string) => string[], RegExp][]) {
  test(`${name} is exit 2 naming the path, and the result file is untouched`, async () => {
    const { directory, result, original } = workspace();
    const { exitCode, stderr } = await runCli(args(directory), { cwd: directory });
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
    assert.equal(readFileSync(result, 'utf8'), original);
    assert.equal(lstatSync(join(directory, 'fifo')).isFIFO(), true);
  });
}

// Each: the command's arguments in a workspace, and the two names the message must give.
for (const [name, args, names] of [
  [
    'report r.json --out r.json',
    () => ['report', 'r.json', '--out', 'r.json'],
    ['--out r.json', 'the result file r.json'],
  ],
  [
    'report through a symbolic link to its input',
    () => ['report', 'r.json', '--out', 'alias.json'],
    ['--out alias.json', 'the result file r.json'],
  ],
  [
    'report base current --out current',
    () => ['report', 'base.json', 'r.json', '--out', './sub/../r.json'],
    ['--out ./sub/../r.json', 'the current result file r.json'],
  ],
  [
    'report with a directory side and --out a file in it',
    () => ['report', 'sessions', '--out', 'sessions/one.json'],
    ['--out sessions/one.json', 'the result file sessions/one.json'],
  ],
  [
    'export r.json --out r.json',
    () => ['export', 'r.json', ...EXPORT, '--out', 'r.json'],
    ['--out r.json', 'the result file r.json'],
  ],
  [
    'export --out a hard link to its input',
    () => ['export', 'r.json', ...EXPORT, '--out', 'hard.json'],
    ['--out hard.json', 'the result file r.json'],
  ],
  [
    'run --out x --html x',
    () => [...RUN, '--out', 'x.json', '--html', './x.json'],
    ['--out x.json', '--html ./x.json'],
  ],
  [
    'run --baseline r.json --out r.json',
    () => [...RUN, '--baseline', 'r.json', '--out', 'r.json'],
    ['--out r.json', 'the baseline r.json'],
  ],
  [
    'run --html over its baseline',
    () => [...RUN, '--baseline', 'base.json,r.json', '--out', 'new.json', '--html', 'r.json'],
    ['--html r.json', 'the baseline r.json'],
  ],
  [
    'run --out its config file',
    () => ['run', '--config', 'c.json', '--out', 'c.json'],
    ['--out c.json', 'the config file'],
  ],
  [
    'run --out the config file found in the folder',
    () => ['run', '--out', 'arena-bench.config.json'],
    ['--out arena-bench.config.json', 'the config file'],
  ],
  [
    'run --out its own scenario file',
    () => ['run', './marker.mjs', '--runs', '1', '--out', 'marker.mjs'],
    ['--out marker.mjs', 'the scenario file'],
  ],
] as [string, () => string[], [string, string]][]) {
  test(`${name}: exit 2 naming both, nothing overwritten`, async () => {
    const { directory, result, original } = workspace();
    // Another session than r.json: one run given twice on a side is refused before the outputs are looked at.
    copyFileSync(join(FIXTURES, 'legacy-result-2.json'), join(directory, 'base.json'));
    symlinkSync('r.json', join(directory, 'alias.json'));
    linkSync(result, join(directory, 'hard.json'));
    mkdirSync(join(directory, 'sub'));
    mkdirSync(join(directory, 'sessions'));
    copyFileSync(RESULT, join(directory, 'sessions', 'one.json'));
    copyFileSync(MARKER, join(directory, 'marker.mjs'));
    const config = JSON.stringify({ targets: [MARKER], runs: 1, time: 20, warmup: 0 });
    writeFileSync(join(directory, 'c.json'), config);
    writeFileSync(join(directory, 'arena-bench.config.json'), config);
    const before = ['c.json', 'arena-bench.config.json', 'marker.mjs', 'sessions/one.json', 'base.json'].map((file) =>
      readFileSync(join(directory, file), 'utf8'),
    );

    await refusedBeforeMeasuring(
      args(),
      new RegExp(names.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')),
      directory,
    );
    assert.equal(readFileSync(result, 'utf8'), original);
    assert.equal(lstatSync(join(directory, 'alias.json')).isSymbolicLink(), true);
    assert.deepEqual(
      ['c.json', 'arena-bench.config.json', 'marker.mjs', 'sessions/one.json', 'base.json'].map((file) =>
        readFileSync(join(directory, file), 'utf8'),
      ),
      before,
    );
    assert.equal(existsSync(join(directory, 'x.json')), false);
  });
}

test('a report written through a symbolic link updates the target and leaves the link', async () => {
  const { directory, result } = workspace();
  writeFileSync(join(directory, 'real.html'), 'old\n');
  symlinkSync('real.html', join(directory, 'link.html'));
  symlinkSync(join(directory, 'pages', 'new.html'), join(directory, 'dangling.html'));
  for (const out of ['link.html', 'dangling.html']) {
    const { exitCode, stderr } = await runCli(['report', result, '--out', out], { cwd: directory });
    assert.equal(exitCode, 0, stderr);
    assert.equal(lstatSync(join(directory, out)).isSymbolicLink(), true, `${out} is still a link`);
  }
  assert.match(readFileSync(join(directory, 'real.html'), 'utf8'), /^<!doctype html>/i);
  assert.match(readFileSync(join(directory, 'pages', 'new.html'), 'utf8'), /^<!doctype html>/i);
  assert.equal(readlinkSync(join(directory, 'link.html')), 'real.html');
});

test('export --out /dev/null writes into the device and leaves it a device', async () => {
  const { result } = workspace();
  const { exitCode, stderr } = await runCli(['export', result, ...EXPORT, '--out', '/dev/null']);
  assert.equal(exitCode, 0, stderr);
  assert.equal(statSync('/dev/null').isCharacterDevice(), true);
});

test('a full device (/dev/full, through a link) is exit 2 naming the file; the device and the link stay', {
  skip: !HAS_DEV_FULL && 'no /dev/full here',
}, async () => {
  const { directory, result } = workspace();
  symlinkSync('/dev/full', join(directory, 'full.json'));
  for (const [args, shown] of [
    [['export', result, ...EXPORT, '--out', join(directory, 'full.json')], 'full.json'],
    [['report', result, '--out', '/dev/full'], '/dev/full'],
  ] as [string[], string][]) {
    const { exitCode, stderr } = await runCli(args, { cwd: directory });
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, new RegExp(`Error: cannot write the (export|HTML report) to .*${shown}: ENOSPC`));
  }
  assert.equal(lstatSync(join(directory, 'full.json')).isSymbolicLink(), true);
  assert.equal(statSync('/dev/full').isCharacterDevice(), true);
});

test('run --out /dev/full measures, then fails to write: exit 2 naming the file, the device left alone', {
  skip: !HAS_DEV_FULL && 'no /dev/full here',
}, async () => {
  const { exitCode, stderr } = await runCli([...RUN, '--out', '/dev/full']);
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /Error: cannot write the result file to \/dev\/full: ENOSPC/);
  assert.equal(statSync('/dev/full').isCharacterDevice(), true);
});

// A backslash is not among them: Node.js cannot import such a file, and init refuses the name (misread-inputs.test.ts).
// biome-ignore lint/suspicious/noTemplateCurlyInString: a file name with `${` in it, literally
const AWKWARD_NAMES = ["it's", 'say "hi"', 'new\nline', 'dollar ${x}', 'back`tick', 'end */ comment'];

test('init makes missing folders, and any file name gives a template that compiles and names its scenario', async () => {
  const project = projectWithPackage();
  const files = AWKWARD_NAMES.map((name) => join('bench', 'deep', `${name}.scenario.ts`));
  for (const file of files) {
    const { exitCode, stdout, stderr } = await runCli(['init', file], { cwd: project });
    assert.equal(exitCode, 0, stderr);
    assert.match(stdout, /npx arena-bench run '\.\/bench\/deep\//);
  }
  typeCheck(project, files);
  const list = await runCli(['run', files[0]!, '--runs', '1', '--time', '20', '--warmup', '0', '--out', 'r.json'], {
    cwd: project,
  });
  assert.equal(list.exitCode, 0, list.stderr);
  assert.equal(
    (JSON.parse(readFileSync(join(project, 'r.json'), 'utf8')) as { scenarios: { name: string }[] }).scenarios[0]!.name,
    "it's",
  );
});

test('init never overwrites: not a file, not a link to one, not a directory', async () => {
  const project = temporaryDirectory();
  writeFileSync(join(project, 'mine.ts'), 'mine\n');
  symlinkSync('mine.ts', join(project, 'link.scenario.ts'));
  mkdirSync(join(project, 'folder.scenario.ts'));
  for (const file of ['mine.ts', 'link.scenario.ts', 'folder.scenario.ts']) {
    const { exitCode, stderr } = await runCli(['init', file], { cwd: project });
    assert.equal(exitCode, 2, stderr);
    assert.match(
      stderr,
      new RegExp(`Error: ${file.replace('.', '\\.')} already exists, and init never overwrites a file`),
    );
  }
  assert.equal(readFileSync(join(project, 'mine.ts'), 'utf8'), 'mine\n');
});

test('GITHUB_STEP_SUMMARY is claimed like any output: not a result file being compared, not a directory', async () => {
  const { directory, result, original } = workspace();
  for (const [args, summary, message] of [
    [
      ['compare', result, result],
      result,
      /Error: GITHUB_STEP_SUMMARY .+r\.json is the same file as the baseline .+r\.json/,
    ],
    [['compare', result, result], directory, /Error: GITHUB_STEP_SUMMARY .+: it is a directory/],
    [
      [...RUN, '--baseline', result, '--out', join(directory, 'new.json')],
      result,
      /Error: GITHUB_STEP_SUMMARY .+r\.json is the same file as the baseline/,
    ],
  ] as [string[], string, RegExp][]) {
    const { exitCode, stderr } = await runCli(args, {
      cwd: directory,
      env: { GITHUB_STEP_SUMMARY: summary, FIXTURE_MARKER: join(directory, 'measured') },
    });
    assert.equal(exitCode, 2, stderr);
    assert.match(stderr, message);
  }
  assert.equal(readFileSync(result, 'utf8'), original);
  assert.equal(existsSync(join(directory, 'measured')), false);
});

test('the job summary is appended through the one writer: a link stays a link', async () => {
  const { directory, result } = workspace();
  writeFileSync(join(directory, 'summary.md'), '# earlier step\n');
  symlinkSync('summary.md', join(directory, 'summary-link.md'));
  const linked = await runCli(['compare', result, result], {
    cwd: directory,
    env: { GITHUB_STEP_SUMMARY: join(directory, 'summary-link.md') },
  });
  assert.equal(linked.exitCode, 0, linked.stderr);
  assert.equal(lstatSync(join(directory, 'summary-link.md')).isSymbolicLink(), true);
  assert.match(readFileSync(join(directory, 'summary.md'), 'utf8'), /^# earlier step\n### arena-bench: no regression/);
});

test('a job summary on a full disk is a warning that leaves the verdict', {
  skip: !HAS_DEV_FULL && 'no /dev/full here',
}, async () => {
  const { directory, result } = workspace();
  const full = await runCli(['compare', result, result], { cwd: directory, env: { GITHUB_STEP_SUMMARY: '/dev/full' } });
  assert.equal(full.exitCode, 0, full.stderr);
  assert.match(
    full.stderr,
    /warning: cannot write the job summary to \/dev\/full: ENOSPC.*the comparison above stands/,
  );
  assert.equal(statSync('/dev/full').isCharacterDevice(), true);
});

test('a write that fails after measuring is exit 2 naming the file, and the previous file is intact', async (t) => {
  const directory = temporaryDirectory();
  chmodSync(directory, 0o777);
  const results = join(directory, 'results');
  mkdirSync(results);
  chmodSync(results, 0o777);
  const out = join(results, 'r.json');
  writeFileSync(out, 'the previous result\n');
  chmodSync(out, 0o666);
  const marker = join(directory, 'measured');
  // Root may write anywhere, so as root the CLI runs as "nobody", for whom the folder turns read-only mid-run.
  const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  try {
    execFileSync(process.execPath, ['-e', '0'], user);
  } catch {
    t.skip('cannot start a process as nobody here');
    return;
  }
  const child = spawn(
    process.execPath,
    [BIN, 'run', MARKER, '--runs', '2', '--time', '200', '--warmup', '0', '--out', out],
    {
      ...user,
      cwd: directory,
      env: childEnv({ FIXTURE_MARKER: marker }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Past the door and measuring: now the folder stops being writable, before the result is written.
  while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 5));
  chmodSync(results, 0o555);
  const exitCode = await exited;
  assert.equal(exitCode, 2, stderr);
  assert.match(stderr, /Error: cannot write the result file to .+results\/r\.json: EACCES/);
  assert.equal(readFileSync(out, 'utf8'), 'the previous result\n');
});
