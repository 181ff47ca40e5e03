/**
 * The pooled profiles as `.heapprofile` files, the format Chrome DevTools (Memory → Load profile)
 * and VS Code open: one per case × mode, in a folder beside the result file.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SamplingHeapProfile } from '../measure/child/heap-profile.js';
import type { CaseResult } from './result.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** results/2026-12-01T10-00-00.json → results/2026-12-01T10-00-00.heapprofiles */
export function heapProfilesDirectory(resultPath: string): string {
  return `${resultPath.replace(/\.json$/i, '')}.heapprofiles`;
}

/** File systems take names of 255 bytes; a profile's name leaves room for "-2" and ".heapprofile". */
const LONGEST_NAME = 200;

/** Anything but letters, digits and . _ = + - becomes "_": parameter values and V8 flags stay readable and safe as a file name. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._=+-]+/g, '_');
}

/**
 * "message-buffering.messages=100.max-semi-space-size=64.heap": the scenario, its parameters and
 * what sets its variant apart, then the mode.
 */
export function heapProfileName(caseResult: CaseResult, mode: string): string {
  const parts = [
    caseResult.name,
    ...Object.entries(caseResult.params).map(([name, value]) => `${name}=${String(value)}`),
    ...caseResult.variant.v8Flags.map((flag) => flag.replace(/^-+/, '')),
    ...(caseResult.variant.node ? [`node-${caseResult.runtime.node}`] : []),
    mode,
  ];
  const name = parts.map(safeName).join('.');
  if (name.length <= LONGEST_NAME) return name;
  // Too long for a file system: the start kept to read, a hash of the whole to keep it unique.
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${name.slice(0, LONGEST_NAME - hash.length - 1)}~${hash}`;
}

/** Writes each case's profiles, keeping names unique when two entries would share one (same runtime version from two binaries). */
export class HeapProfileWriter {
  readonly directory: string;
  #used = new Set<string>();

  constructor(resultPath: string) {
    this.directory = heapProfilesDirectory(resultPath);
  }

  /** Write one entry's profiles; returns the paths written. */
  async write(caseResult: CaseResult, profiles: Record<string, SamplingHeapProfile>): Promise<string[]> {
    const paths: string[] = [];
    for (const [mode, profile] of Object.entries(profiles)) {
      const name = heapProfileName(caseResult, mode);
      let unique = name;
      for (let n = 2; this.#used.has(unique); n++) unique = `${name}-${n}`;
      this.#used.add(unique);
      const path = join(this.directory, `${unique}.heapprofile`);
      await writeFileAtomic(path, JSON.stringify(profile), {
        what: 'the heap profile',
        hint: 'choose another path with --out: the profiles go beside the result file',
      });
      paths.push(path);
    }
    return paths;
  }
}
