/** Shared by the integration tests: run the real CLI in a child process, validate result files. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ResultFile } from '../src/results/result.js';

export const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(REPOSITORY, 'test', 'fixtures');
export const BIN = join(REPOSITORY, 'bin', 'arena-bench.js');

export interface CliOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What the tests run under, wherever and however `npm test` is started: a fixed temporary folder,
 * and no variable of the caller's that changes what the CLI prints (width, colour, locale, CI).
 */
export const TEMPORARY_ROOT = '/tmp';
const AMBIENT =
  /^(COLUMNS|LINES|TERM|COLORTERM|NO_COLOR|FORCE_COLOR|NODE_OPTIONS|NODE_TEST_CONTEXT|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|CI|GITHUB_\w+)$/;

/** The environment of every process a test starts: the clean one above, plus what the test sets. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !AMBIENT.test(name));
  return { ...Object.fromEntries(kept), NO_COLOR: '1', LC_ALL: 'C.UTF-8', TZ: 'UTC', TMPDIR: TEMPORARY_ROOT, ...extra };
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPOSITORY,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

export function temporaryDirectory(): string {
  return mkdtempSync(join(TEMPORARY_ROOT, 'arena-bench-test-'));
}

/** An empty project that has arena-bench installed, as `npm install arena-bench` would leave it. */
export function projectWithPackage(): string {
  const directory = temporaryDirectory();
  mkdirSync(join(directory, 'node_modules'));
  symlinkSync(REPOSITORY, join(directory, 'node_modules', 'arena-bench'), 'dir');
  return directory;
}

/** Type-check files of a project against the package's types, as a user's strict tsconfig would; throws with tsc's complaints. */
export function typeCheck(project: string, files: string[]): void {
  const tsc = join(REPOSITORY, 'node_modules', '.bin', 'tsc');
  const flags = [
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--skipLibCheck',
  ];
  execFileSync(tsc, [...flags, ...files], { cwd: project, encoding: 'utf8' });
}

/** Settings short enough for tests; the facts they check do not depend on speed. */
export const FAST = ['--runs', '2', '--time', '100', '--warmup', '20'];

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(join(REPOSITORY, 'schema', 'result.schema.json'), 'utf8')) as object;
const validate = addFormats(new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })).compile(schema);

/** Read a result file and fail with the schema's complaints if it does not match. */
export function readValidResult(path: string): ResultFile {
  const result = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!validate(result))
    throw new Error(`result file does not match the schema: ${JSON.stringify(validate.errors, null, 2)}`);
  return result as ResultFile;
}
