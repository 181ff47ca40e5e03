/**
 * From sampling heap profiles to allocation sites: the runs' profiles pooled into one tree, the
 * tree folded into the heaviest sites, each traced back to the scenario's own code.
 */
import type {
  AllocationProfile,
  ProfileCallFrame,
  SamplingHeapProfile,
  SamplingHeapProfileNode,
  SurvivalProfile,
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

/** The survival passes of one mode's runs as one, their blurs added up. */
export function poolSurvivalProfiles(profiles: readonly SurvivalProfile[]): SurvivalProfile {
  return {
    ...poolAllocationProfiles(profiles),
    majorCollections: profiles.reduce((total, profile) => total + profile.majorCollections, 0),
    youngBytesAtMajors: profiles.reduce((total, profile) => total + profile.youngBytesAtMajors, 0),
    youngBytesAtEnd: profiles.reduce((total, profile) => total + profile.youngBytesAtEnd, 0),
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

const DEFAULT_ROOTS: CodeRoots = { tool: TOOL_ROOT, measuring: MEASURING_CODE, profilePass: PROFILE_PASS };

/** The profile pass's own allocations, or Node.js's on its behalf (the GC profiler's statistics): not the operation's. */
function fromProfilePass(frame: ProfileCallFrame, ancestors: readonly ProfileCallFrame[], roots: CodeRoots): boolean {
  const nearestTool = isUnder(frame.url, roots.tool)
    ? frame
    : ancestors.find((caller) => isUnder(caller.url, roots.tool));
  return nearestTool !== undefined && isUnder(nearestTool.url, roots.profilePass);
}

/**
 * A profile's bytes per site. A site is a function that allocated, together with the first of its
 * callers in the scenario's own code when the function itself is not: Buffer.from called from two
 * places of the scenario is two sites.
 */
function siteTotals(
  profile: SamplingHeapProfile,
  roots: CodeRoots,
): { totals: Map<string, SiteTotal>; sampled: number } {
  const totals = new Map<string, SiteTotal>();
  let sampled = 0;
  const visit = (node: SamplingHeapProfileNode, ancestors: ProfileCallFrame[]) => {
    if (node.callFrame.url === PROFILER_MESSAGES_URL) return;
    if (node.selfSize > 0 && !fromProfilePass(node.callFrame, ancestors, roots)) {
      sampled += node.selfSize;
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
  return { totals, sampled };
}

export interface SiteOptions {
  /** The survival pass, pooled: each site gains what of it survived. */
  survived?: SurvivalProfile;
  /** What the `limit` heaviest are heaviest in (`survived` needs the survival pass). */
  rankBy?: 'allocated' | 'survived';
  roots?: CodeRoots;
}

/** survived ÷ allocated per operation, capped at 1 (separate passes, separate sampling noise); null with nothing allocated. */
export function survivalRatio(allocatedBytesPerOp: number, survivedBytesPerOp: number): number | null {
  return allocatedBytesPerOp > 0 ? Math.min(1, survivedBytesPerOp / allocatedBytesPerOp) : null;
}

/** The heaviest `limit` sites of a profile, by bytes allocated or, with the survival pass, by bytes that survived. */
export function allocationSites(
  { profile, ops, samplingIntervalBytes }: AllocationProfile,
  limit: number,
  { survived, rankBy = 'allocated', roots = DEFAULT_ROOTS }: SiteOptions = {},
): AllocationSites {
  const allocated = siteTotals(profile, roots);
  const surviving = survived ? siteTotals(survived.profile, roots) : undefined;
  const keys = new Set([...allocated.totals.keys(), ...(surviving?.totals.keys() ?? [])]);
  const rows = [...keys].map((key) => {
    const own = allocated.totals.get(key);
    const kept = surviving?.totals.get(key);
    return {
      total: (own ?? kept)!,
      bytesPerOp: (own?.bytes ?? 0) / ops,
      survivedBytesPerOp: survived ? (kept?.bytes ?? 0) / survived.ops : undefined,
    };
  });
  const weight = (row: (typeof rows)[number]) =>
    rankBy === 'survived' ? (row.survivedBytesPerOp ?? 0) : row.bytesPerOp;
  const sites: AllocationSite[] = rows
    .sort((a, b) => weight(b) - weight(a) || b.bytesPerOp - a.bytesPerOp)
    .slice(0, limit)
    .map(({ total: { node, callers, userFrame }, bytesPerOp, survivedBytesPerOp }) => ({
      ...sourceFrame(node.callFrame),
      bytesPerOp,
      share: allocated.sampled > 0 ? (bytesPerOp * ops) / allocated.sampled : 0,
      stack: callers.slice(0, STACK_DEPTH).map(sourceFrame),
      ...(userFrame ? { userFrame: sourceFrame(userFrame) } : {}),
      ...(survivedBytesPerOp === undefined
        ? {}
        : { survivedBytesPerOp, survival: survivalRatio(bytesPerOp, survivedBytesPerOp) }),
    }));
  return {
    samplingIntervalBytes,
    profiledOps: ops,
    sampledBytesPerOp: allocated.sampled / ops,
    sites,
    ...(survived
      ? {
          rankedBy: rankBy,
          survival: {
            profiledOps: survived.ops,
            sampledBytesPerOp: surviving!.sampled / survived.ops,
            majorCollections: survived.majorCollections,
            youngBytesPerOpAtMajors: survived.youngBytesAtMajors / survived.ops,
            youngBytesPerOpAtEnd: survived.youngBytesAtEnd / survived.ops,
          },
        }
      : {}),
  };
}

/** How far sampled totals were seen to stray from the exact count with inlining on, whatever the samples (0.95 to 1.015). */
const SYSTEMATIC_TOLERANCE = 0.05;

/**
 * How far the sampled total may stray from the exact count, as a fraction of it: three of its
 * standard errors (the samples are a Poisson count: about 1/√n of the total) and the systematic 5%.
 */
function sampledTotalTolerance(sites: AllocationSites): number {
  const samples = (sites.sampledBytesPerOp * sites.profiledOps) / sites.samplingIntervalBytes;
  return SYSTEMATIC_TOLERANCE + 3 / Math.sqrt(Math.max(1, samples));
}

/**
 * Whether the sampled total and the exact count disagree: by more than the sampling error, by more
 * than two samples' worth of bytes per run (a stray sample or two can land in the measuring loop's own
 * start, which is all an allocation-free mode shows), and by a byte per operation or more (less is
 * no allocation per operation: code V8 compiles while tiering up on a loaded machine, sampled as
 * 0.66 B/op once in an allocation-free mode). The profile child runs with inlining off, so allocations
 * that escape analysis removes from inlined code in the measured child show here as a sampled surplus.
 */
export function sampledTotalDisagrees(sites: AllocationSites, exactBytesPerOp: number, runs: number): boolean {
  const difference = Math.abs(sites.sampledBytesPerOp - exactBytesPerOp);
  return (
    difference > sampledTotalTolerance(sites) * exactBytesPerOp &&
    difference * sites.profiledOps > 2 * sites.samplingIntervalBytes * runs &&
    difference >= 1
  );
}
