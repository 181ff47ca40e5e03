/**
 * The composite action (action.yml) run the way a runner runs it: its steps' scripts, in order, in
 * their working directories, with GitHub's environment, on a throwaway repository whose second
 * commit makes the heap mode allocate ten times the bytes. No runner here, so this file reads action.yml itself.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { childEnv, REPOSITORY, readValidResult, temporaryDirectory } from './helpers.js';

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  shell: string;
  workingDirectory?: string;
  env: Record<string, string>;
  run: string;
}

interface Action {
  inputs: Record<string, string>;
  steps: ActionStep[];
}

/** A reader for action.yml's own shape (inputs with defaults, composite steps), not for YAML at large. */
function readAction(text: string): Action {
  const lines = text.split('\n');
  const inputs: Record<string, string> = {};
  const steps: ActionStep[] = [];
  let section = '';
  let input = '';
  let step: ActionStep | undefined;
  let block: 'env' | 'run' | undefined;
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*/, '');
    if (section === 'inputs') {
      const name = /^ {2}([\w-]+):$/.exec(line);
      if (name) input = name[1]!;
      const value = /^ {4}default: ?(.*)$/.exec(line);
      if (value) inputs[input] = value[1] === "''" ? '' : value[1]!;
      continue;
    }
    if (section !== 'runs') continue;
    if (block === 'run' && (line.startsWith(' '.repeat(8)) || line.trim() === '')) {
      step!.run += `${line.slice(8)}\n`;
      continue;
    }
    if (block === 'env' && line.startsWith(' '.repeat(8))) {
      const [, key, value] = /^ {8}(\w+): (.*)$/.exec(line)!;
      step!.env[key!] = value!;
      continue;
    }
    block = undefined;
    const entry = /^ {4}(- | {2})([\w-]+):(?: (.*))?$/.exec(line);
    if (!entry) continue;
    const [, start, key, value] = entry;
    if (start === '- ') steps.push((step = { name: '', shell: '', env: {}, run: '' }));
    if (key === 'env') block = 'env';
    else if (key === 'run') {
      if (value === '|') block = 'run';
      else step!.run = `${value!}\n`;
    } else if (key === 'working-directory') step!.workingDirectory = value;
    else (step as unknown as Record<string, string>)[key!] = value!;
  }
  return { inputs, steps };
}

/** `${{ inputs.x }}`, `${{ github.x }}` and `${{ steps.id.outputs.x }}`, the expressions action.yml uses. */
function expand(
  text: string,
  context: {
    inputs: Record<string, string>;
    github: Record<string, string>;
    steps: Record<string, Record<string, string>>;
  },
): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
    const [scope, ...rest] = path.split('.');
    if (scope === 'inputs') return context.inputs[rest[0]!] ?? '';
    if (scope === 'github') return context.github[rest[0]!] ?? '';
    if (scope === 'steps' && rest[1] === 'outputs') return context.steps[rest[0]!]?.[rest[2]!] ?? '';
    throw new Error(`action.yml uses an expression this test does not know: ${path}`);
  });
}

function git(cwd: string, ...args: string[]): string {
  const done = spawnSync('git', args, { cwd, env: childEnv(), encoding: 'utf8' });
  assert.equal(done.status, 0, `git ${args.join(' ')}: ${done.stderr}`);
  return done.stdout.trim();
}

/**
 * A scenario whose heap mode allocates a `length`-element array an operation, kept reachable so V8
 * cannot optimise it away: the second commit raises it tenfold. An allocation regression is exact to
 * a few bytes, so the job fails whatever the machine's noise does to the times.
 */
function scenarioSource(length: number): string {
  return `const kept = [];
export default {
  name: 'throwaway',
  description: 'a heap mode that allocates an array, an arena mode that does not',
  modes: {
    heap: () => () => { kept[0] = new Array(${length}).fill(1); return kept[0].length > 0 ? 1 : 0; },
    arena: () => () => 1,
  },
};
`;
}

test('the action checks the base out, installs it, measures both trees and fails the job on a regression', {
  timeout: 300_000,
}, () => {
  const action = readAction(readFileSync(join(REPOSITORY, 'action.yml'), 'utf8'));
  assert.deepEqual(
    action.steps.map((step) => step.name),
    [
      'Check out the base into a worktree',
      'Install the base',
      'Measure the base and the head',
      "Remove the base's worktree",
    ],
  );
  // The base's worktree goes to $RUNNER_TEMP/arena-bench-base: at the project's depth, so the
  // relative file: path npm wrote into the lock file reaches this repository from both trees.
  const root = temporaryDirectory();
  const project = join(root, 'work', 'project');
  const runnerTemp = join(root, 'runner');
  mkdirSync(join(project, 'bench'), { recursive: true });
  mkdirSync(runnerTemp);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'throwaway',
      version: '1.0.0',
      private: true,
      dependencies: { 'arena-bench': `file:${REPOSITORY}` },
    }),
  );
  writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
  // The linked arena-bench is this repository: its prepare script (a rebuild) must not run under the other tests' feet.
  writeFileSync(join(project, '.npmrc'), 'ignore-scripts=true\n');
  writeFileSync(join(project, 'bench', 'sum.scenario.mjs'), scenarioSource(128));
  const installed = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    env: childEnv(),
    encoding: 'utf8',
  });
  assert.equal(installed.status, 0, installed.stderr);
  git(project, 'init', '--quiet', '--initial-branch=main');
  git(project, 'add', '.');
  git(project, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'base');
  const base = git(project, 'rev-parse', 'HEAD');
  writeFileSync(join(project, 'bench', 'sum.scenario.mjs'), scenarioSource(1280));
  git(
    project,
    '-c',
    'user.name=test',
    '-c',
    'user.email=test@example.com',
    'commit',
    '--quiet',
    '-am',
    'head: the heap mode allocates ten times the bytes',
  );

  const summary = join(runnerTemp, 'summary.md');
  const inputs: Record<string, string> = {
    ...action.inputs,
    targets: 'bench/sum.scenario.mjs',
    args: '--quick --runs 4 --time 60 --warmup 10',
  };
  const github = { base_ref: base };
  const outputs: Record<string, Record<string, string>> = {};
  const exitCodes: Record<string, number | null> = {};
  const logs: string[] = [];
  let failed = false;
  for (const [index, step] of action.steps.entries()) {
    if (failed && step.if !== 'always()') continue;
    const context = {
      inputs: { ...inputs, 'base-ref': expand(inputs['base-ref']!, { inputs, github, steps: outputs }) },
      github,
      steps: outputs,
    };
    const outputFile = join(runnerTemp, `output-${index}`);
    writeFileSync(outputFile, '');
    const env = childEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
    });
    for (const [key, value] of Object.entries(step.env)) env[key] = expand(value, context);
    const cwd = resolve(project, expand(step.workingDirectory ?? '.', context));
    assert.equal(step.shell, 'bash');
    const done = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, context)], {
      cwd,
      env,
      encoding: 'utf8',
    });
    exitCodes[step.name] = done.status;
    logs.push(`${step.name}: exit ${done.status}\n${done.stdout}${done.stderr}`);
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
    if (done.status !== 0) failed = true;
    if (step.id === 'measure')
      assert.match(
        done.stdout,
        /^::error title=arena-bench regression%3A throwaway heap allocated per op::/m,
        `the allocation regression is annotated: ${done.stdout}\n${done.stderr}`,
      );
  }

  assert.deepEqual(
    exitCodes,
    {
      'Check out the base into a worktree': 0,
      'Install the base': 0,
      'Measure the base and the head': 1,
      "Remove the base's worktree": 0,
    },
    logs.join('\n'),
  );
  const head = readValidResult(outputs.measure!.result!);
  const baseResult = readValidResult(outputs.measure!['base-result']!);
  assert.equal(head.settings.against?.side, 'head');
  assert.equal(baseResult.settings.against?.side, 'base');
  assert.equal(head.scenarios[0]!.pairing, baseResult.scenarios[0]!.pairing);
  assert.deepEqual(
    head.scenarios[0]!.modes.heap!.runs.map((run) => run.pair),
    [0, 1, 2, 3],
  );
  assert.match(readFileSync(summary, 'utf8'), /regress/i);
  assert.ok(!existsSync(join(runnerTemp, 'arena-bench-base')), 'the worktree is removed');
  assert.equal(git(project, 'worktree', 'list').split('\n').length, 1);
});

/** One step of action.yml run on its own, as a runner would, with `env` on top of its own. */
function runStep(id: string, cwd: string, env: NodeJS.ProcessEnv, inputs: Record<string, string> = {}) {
  const action = readAction(readFileSync(join(REPOSITORY, 'action.yml'), 'utf8'));
  const step = action.steps.find((candidate) => candidate.id === id)!;
  const context = { inputs: { ...action.inputs, ...inputs }, github: {}, steps: {} };
  const stepEnv: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(step.env)) stepEnv[key] = expand(value, context);
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd,
    env: childEnv(stepEnv),
    encoding: 'utf8',
  });
}

test('a base-ref that begins with "-" is refused before git sees it as an option', () => {
  const root = temporaryDirectory();
  const [origin, project, pwned] = [join(root, 'origin'), join(root, 'project'), join(root, 'pwned')];
  for (const directory of [origin, project]) {
    mkdirSync(directory);
    git(directory, 'init', '--quiet', '--initial-branch=main');
    git(
      directory,
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      'x',
    );
  }
  git(project, 'remote', 'add', 'origin', origin);
  const output = join(root, 'output');
  writeFileSync(output, '');
  const done = runStep(
    'base',
    project,
    { GITHUB_OUTPUT: output, RUNNER_TEMP: root },
    { 'base-ref': `--upload-pack=touch ${pwned};` },
  );
  assert.equal(done.status, 2, done.stderr);
  assert.match(
    done.stdout,
    /^::error title=arena-bench::base-ref must not begin with "-": give a branch, tag or commit$/m,
  );
  assert.equal(existsSync(pwned), false, 'nothing ran');
});

test('targets and args reach arena-bench as written: quoted words kept whole, globs left to arena-bench', () => {
  const root = temporaryDirectory();
  const project = join(root, 'project');
  // Files a shell's ** or * would expand to, were the words globbed.
  mkdirSync(join(project, 'bench', 'group'), { recursive: true });
  writeFileSync(join(project, 'bench', 'a.scenario.mjs'), '');
  writeFileSync(join(project, 'bench', 'group', 'b.scenario.mjs'), '');
  // An npx that writes the words it was given, one per line.
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const received = join(root, 'received');
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nfor word in "$@"; do printf '%s\\n' "$word"; done > "${received}"\n`, {
    mode: 0o755,
  });
  const output = join(root, 'output');
  writeFileSync(output, '');
  const done = runStep(
    'measure',
    project,
    { GITHUB_OUTPUT: output, RUNNER_TEMP: root, PATH: `${bin}:${process.env.PATH}` },
    { targets: `bench/**/*.scenario.mjs 'my dir/a.scenario.mjs' *.mjs`, args: `--quick --v8-flags="--a --b"` },
  );
  assert.equal(done.status, 0, done.stderr);
  assert.deepEqual(readFileSync(received, 'utf8').split('\n').slice(0, -1), [
    '--no-install',
    'arena-bench',
    'run',
    '--against',
    '',
    '--out',
    join(root, 'arena-bench', 'result.json'),
    'bench/**/*.scenario.mjs',
    'my dir/a.scenario.mjs',
    '*.mjs',
    '--quick',
    '--v8-flags=--a --b',
  ]);
});

test('a target with an unmatched quote stops the step before anything runs, naming the input', () => {
  const root = temporaryDirectory();
  const project = join(root, 'project');
  mkdirSync(project);
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const called = join(root, 'called');
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\ntouch "${called}"\n`, { mode: 0o755 });
  const output = join(root, 'output');
  writeFileSync(output, '');
  for (const [input, value] of [
    ['targets', "bench/it's.scenario.mjs other.scenario.mjs"],
    ['args', '--v8-flags="--a'],
  ] as const) {
    const done = runStep(
      'measure',
      project,
      { GITHUB_OUTPUT: output, RUNNER_TEMP: root, PATH: `${bin}:${process.env.PATH}` },
      { targets: '', args: '', [input]: value },
    );
    assert.equal(done.status, 2, done.stderr);
    assert.match(
      done.stdout,
      new RegExp(
        `^::error title=arena-bench::the ${input} input cannot be split into words \\(xargs: unmatched (single|double) quote.*\\): close every quote`,
        'm',
      ),
    );
    assert.equal(existsSync(called), false, 'arena-bench was not started');
  }
});
