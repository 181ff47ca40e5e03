/**
 * From sampling heap profiles to allocation sites: the runs' profiles pooled into one tree, the
 * tree folded into the heaviest sites, each traced back to the scenario's own code.
 */
import type {
  AllocationProfile,
  ProfileCallFrame,
  SamplingHeapProfile,
  SamplingHeapProfileNode,
} from '../measure/child/heap-profile.js';
import type { AllocationSite, AllocationSites, SourceFrame } from './result.js';

/** Sites kept per mode unless `--alloc-sites` says otherwise. */
export const DEFAULT_ALLOCATION_SITES = 10;

/** Callers kept per site: enough to see the path from the scenario's operation to the allocation. */
const STACK_DEPTH = 12;

/** arena-bench's own compiled sources (dist/src/): the measuring loop and the arena library. */
const TOOL_ROOT = new URL('../', import.meta.url);
const MEASURING_CODE = new URL('../measure/', import.meta.url);
/** The profile pass itself, which calls the measuring loop: its own allocations are not the operation's. */
const PROFILE_PASS = new URL('../measure/child/heap-profile.js', import.meta.url);

export interface CodeRoots {
  tool: URL;
  measuring: URL;
  profilePass: URL;
}

/** The module that carries the profiler's messages: what it allocates is left out of the sites. */
const PROFILER_MESSAGES_URL = 'node:inspector';

function frameKey(frame: ProfileCallFrame): string {
  return `${frame.functionName}\0${frame.url}\0${frame.lineNumber}\0${frame.columnNumber}`;
}

/**
 * One tree from several: nodes with the same call frame under the same parent become one, their
 * sizes added; ids are renumbered depth-first and every sample follows its node.
 */
export function mergeProfiles(profiles: readonly SamplingHeapProfile[]): SamplingHeapProfile {
  let nextId = 1;
  const merged: SamplingHeapProfileNode = {
    callFrame: profiles[0]!.head.callFrame,
    selfSize: 0,
    id: nextId++,
    children: [],
  };
  const samples: SamplingHeapProfile['samples'] = [];
  let ordinalBase = 0;
  for (const profile of profiles) {
    const idMap = new Map<number, number>();
    const addInto = (target: SamplingHeapProfileNode, source: SamplingHeapProfileNode) => {
      target.selfSize += source.selfSize;
      idMap.set(source.id, target.id);
      for (const child of source.children) {
        const key = frameKey(child.callFrame);
        let into = target.children.find((existing) => frameKey(existing.callFrame) === key);
        if (!into) {
          into = { callFrame: child.callFrame, selfSize: 0, id: nextId++, children: [] };
          target.children.push(into);
        }
        addInto(into, child);
      }
    };
    addInto(merged, profile.head);
    let highestOrdinal = 0;
    for (const sample of profile.samples) {
      // V8 now and then reports a sample whose node is not in its tree (about one in 15 000 seen):
      // it cannot be attributed, and a file pointing at a missing node is not one DevTools reads.
      const nodeId = idMap.get(sample.nodeId);
      if (nodeId === undefined) continue;
      samples.push({ size: sample.size, nodeId, ordinal: ordinalBase + sample.ordinal });
      highestOrdinal = Math.max(highestOrdinal, sample.ordinal);
    }
    ordinalBase += highestOrdinal;
  }
  return { head: merged, samples };
}

/** The runs of one mode as one profile over all their operations. */
export function poolAllocationProfiles(profiles: readonly AllocationProfile[]): AllocationProfile {
  return {
    ops: profiles.reduce((total, profile) => total + profile.ops, 0),
    samplingIntervalBytes: profiles[0]!.samplingIntervalBytes,
    profile: mergeProfiles(profiles.map(({ profile }) => profile)),
  };
}

function isUnder(url: string, root: URL): boolean {
  return url.startsWith(root.href) || url.startsWith(root.pathname);
}

/**
 * Whether a frame is the scenario's own code: it has a source (not a V8 builtin or a
 * "(V8 API)"-style pseudo-frame), and is not Node.js's, a package's or arena-bench's.
 */
export function isUserFrame(url: string, toolRoot: URL = TOOL_ROOT): boolean {
  if (url === '' || url.startsWith('node:') || url.startsWith('internal/')) return false;
  return !url.includes('/node_modules/') && !isUnder(url, toolRoot);
}

function sourceFrame({ functionName, url, lineNumber, columnNumber }: ProfileCallFrame): SourceFrame {
  return { functionName, url, line: lineNumber + 1, column: columnNumber + 1 };
}

interface SiteTotal {
  bytes: number;
  heaviestBytes: number;
  node: SamplingHeapProfileNode;
  /** Ancestors, nearest first, up to the measuring loop. */
  callers: ProfileCallFrame[];
  userFrame?: ProfileCallFrame;
}

/**
 * The heaviest `limit` sites of a profile. A site is a function that allocated, together with the
 * first of its callers in the scenario's own code when the function itself is not: Buffer.from
 * called from two places of the scenario is two sites.
 */
export function allocationSites(
  { profile, ops, samplingIntervalBytes }: AllocationProfile,
  limit: number,
  roots: CodeRoots = { tool: TOOL_ROOT, measuring: MEASURING_CODE, profilePass: PROFILE_PASS },
): AllocationSites {
  const totals = new Map<string, SiteTotal>();
  let sampledBytes = 0;
  const visit = (node: SamplingHeapProfileNode, ancestors: ProfileCallFrame[]) => {
    if (node.callFrame.url === PROFILER_MESSAGES_URL) return;
    if (node.selfSize > 0 && !isUnder(node.callFrame.url, roots.profilePass)) {
      sampledBytes += node.selfSize;
      const end = ancestors.findIndex((frame) => isUnder(frame.url, roots.measuring));
      const callers = end < 0 ? ancestors : ancestors.slice(0, end);
      const userFrame = isUserFrame(node.callFrame.url, roots.tool)
        ? undefined
        : callers.find((frame) => isUserFrame(frame.url, roots.tool));
      const key = `${frameKey(node.callFrame)}\0<${userFrame ? frameKey(userFrame) : ''}`;
      const total = totals.get(key);
      if (!total) totals.set(key, { bytes: node.selfSize, heaviestBytes: node.selfSize, node, callers, userFrame });
      else {
        total.bytes += node.selfSize;
        if (node.selfSize > total.heaviestBytes) Object.assign(total, { heaviestBytes: node.selfSize, node, callers });
      }
    }
    // The head is the "(root)" pseudo-frame: no caller of anything.
    const below = node === profile.head ? ancestors : [node.callFrame, ...ancestors];
    for (const child of node.children) visit(child, below);
  };
  visit(profile.head, []);

  const sites: AllocationSite[] = [...totals.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map(({ bytes, node, callers, userFrame }) => ({
      ...sourceFrame(node.callFrame),
      bytesPerOp: bytes / ops,
      share: bytes / sampledBytes,
      stack: callers.slice(0, STACK_DEPTH).map(sourceFrame),
      ...(userFrame ? { userFrame: sourceFrame(userFrame) } : {}),
    }));
  return { samplingIntervalBytes, profiledOps: ops, sampledBytesPerOp: sampledBytes / ops, sites };
}

/** How far the sampled total may stray from the exact count, as a fraction of it, before the sites say so. */
export const SAMPLED_TOTAL_TOLERANCE = 0.2;

/**
 * Whether the sampled total and the exact count disagree: by more than the tolerance, by more
 * than two samples' worth of bytes per run (a stray sample or two can land in the measuring loop's own
 * start, which is all an allocation-free mode shows), and by a byte per operation or more (less is
 * no allocation per operation: code V8 compiles while tiering up on a loaded machine, sampled as
 * 0.66 B/op once in an allocation-free mode).
 */
export function sampledTotalDisagrees(sites: AllocationSites, exactBytesPerOp: number, runs: number): boolean {
  const difference = Math.abs(sites.sampledBytesPerOp - exactBytesPerOp);
  return (
    difference > SAMPLED_TOTAL_TOLERANCE * exactBytesPerOp &&
    difference * sites.profiledOps > 2 * sites.samplingIntervalBytes * runs &&
    difference >= 1
  );
}
