/**
 * The words every reporter uses for a mode's allocation sites: its heading with the sampled total
 * checked against the exact count and what survived, and one line per site (its bytes, and what of
 * them survived a scavenge), so the table, markdown and HTML agree.
 */
import { sampledTotalDisagrees } from '../../results/allocation-sites.js';
import type { AllocationSite, AllocationSites, ModeResult, SourceFrame } from '../../results/result.js';
import { formatBytes } from '../../text/format.js';
import { cutStartToWidth, displayWidth } from '../../text/width.js';

/** "/home/me/app/src/batch.ts:28" from a frame; file URLs shown as paths, V8's builtins as "built-in". */
export function frameLocation({ url, line }: SourceFrame): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (path === '') return 'built-in';
  return line > 0 ? `${path}:${line}` : path;
}

export function frameName({ functionName }: SourceFrame): string {
  return functionName === '' ? '(anonymous)' : functionName;
}

export interface SitesHeading {
  text: string;
  /** When the sampled total and the exact count differ by more than the sampling error: which way, and why it may. */
  disagreement?: string;
  /** What blurs the survival figures, when it is worth a reader's attention. */
  survivalNote?: string;
}

/**
 * "heap allocation sites by surviving bytes (sampled 143 KiB/op, counted 146 KiB/op, 40 KiB/op
 * survived a scavenge)", with what to mind when reading them.
 */
export function sitesHeading(mode: string, result: ModeResult): SitesHeading | undefined {
  const sites = result.allocationSites;
  if (!sites) return undefined;
  const exact = result.summary.memory.allocatedBytesPerOp;
  const survived = sites.survival ? `, ${formatBytes(sites.survival.sampledBytesPerOp)}/op survived a scavenge` : '';
  const totals = `sampled ${formatBytes(sites.sampledBytesPerOp)}/op, counted ${formatBytes(exact)}/op${survived}`;
  const order = sites.rankedBy === 'survived' ? ' by surviving bytes' : '';
  const disagreement = !sampledTotalDisagrees(sites, exact, result.runs.length)
    ? undefined
    : sites.sampledBytesPerOp > exact
      ? 'sampled more than counted, beyond the sampling error: profiled with inlining off, ' +
        'allocations that escape analysis removes from inlined code are among the sites'
      : 'sampled less than counted, beyond the sampling error: read the shares with care';
  const note = survivalNote(sites, exact);
  return {
    text: `${mode} allocation sites${order} (${totals})`,
    ...(disagreement ? { disagreement } : {}),
    ...(note ? { survivalNote: note } : {}),
  };
}

/** Survival figures that may read this many points high, or more, get a note. */
const NOTED_POINTS = 5;

/**
 * How many points the survival ratios may read high: the young bytes that major collections met
 * and that the passes left undecided, over everything the survival passes allocated.
 */
function survivalOverstatementPoints({ survival, sampledBytesPerOp }: AllocationSites): number {
  if (!survival || sampledBytesPerOp < 1) return 0;
  return ((survival.youngBytesPerOpAtMajors + survival.youngBytesPerOpAtEnd) / sampledBytesPerOp) * 100;
}

/**
 * What may have inflated the survivors, when it is NOTED_POINTS or more, in a mode that allocates
 * (in one that allocates nothing, the young bytes are the measuring loop's and the profiler's own).
 */
function survivalNote(sites: AllocationSites, exactBytesPerOp: number): string | undefined {
  const points = survivalOverstatementPoints(sites);
  if (!sites.survival || exactBytesPerOp === 0 || points < NOTED_POINTS) return undefined;
  const { majorCollections, youngBytesPerOpAtMajors, youngBytesPerOpAtEnd } = sites.survival;
  const causes = [
    ...(majorCollections > 0
      ? [
          `${majorCollections} major collection${majorCollections === 1 ? '' : 's'} met ${formatBytes(youngBytesPerOpAtMajors)}/op of young objects`,
        ]
      : []),
    ...(youngBytesPerOpAtEnd > 0 ? [`${formatBytes(youngBytesPerOpAtEnd)}/op were still young at the end`] : []),
  ];
  return `survival may read up to ${points.toFixed(0)} points high: ${causes.join('; ')}`;
}

/** "45%", or "–" when the allocation pass sampled none of the site's bytes. */
export function formatSurvival(survival: number | null | undefined): string {
  return survival === null || survival === undefined ? '–' : `${(survival * 100).toFixed(0)}%`;
}

/** "61.0%  89.4 KiB/op", then with the survival pass "  survived  40.1 KiB/op  45%". */
export function siteFigures(site: AllocationSite): string {
  const allocated = `${(site.share * 100).toFixed(1).padStart(5)}%  ${formatBytes(site.bytesPerOp).padStart(10)}/op`;
  if (site.survivedBytesPerOp === undefined) return allocated;
  return `${allocated}  survived ${formatBytes(site.survivedBytesPerOp).padStart(10)}/op ${formatSurvival(site.survival).padStart(4)}`;
}

/**
 * "FastBuffer (node:internal/buffer:960) ← buildBatch (/app/src/batch.ts:28)". Within `width`, the
 * internal frame's location goes first, then the scenario's location is cut from the left (the end of
 * a location is the part that tells files apart). Widths are terminal columns.
 */
export function siteDescription(site: AllocationSite, width = Infinity): string {
  if (!site.userFrame) return fitLocation(frameName(site), frameLocation(site), width);
  const full = `${frameName(site)} (${frameLocation(site)}) ← ${frameName(site.userFrame)} (${frameLocation(site.userFrame)})`;
  if (displayWidth(full) <= width) return full;
  const prefix = `${frameName(site)} ← `;
  return prefix + fitLocation(frameName(site.userFrame), frameLocation(site.userFrame), width - displayWidth(prefix));
}

/** The shortest location still worth showing: a file name's end and its line. */
const MIN_LOCATION_WIDTH = 12;

function fitLocation(name: string, location: string, width: number): string {
  const room = Math.max(MIN_LOCATION_WIDTH, width - displayWidth(name) - 3);
  return `${name} (${cutStartToWidth(location, room)})`;
}
