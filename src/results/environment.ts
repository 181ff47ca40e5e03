/** Facts about the machine and runtime a result was measured on, so comparisons can tell. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Environment } from './result.js';

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function describeEnvironment(execArgv: string[]): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    execArgv,
    ...(process.env.NODE_OPTIONS?.trim() ? { nodeOptions: process.env.NODE_OPTIONS } : {}),
  };
}
