/**
 * Where an allocation regression comes from: the sites of the current file that are new, or that
 * grew beyond the allocated-bytes threshold, against the baseline's sites; and where a GC pause or
 * retained-memory regression comes from: the sites whose surviving bytes grew.
 */
import type { AllocationSite, AllocationSites } from '../results/result.js';
import type { MetricName } from './metrics.js';

export interface SiteChange {
  site: AllocationSite;
  /** The site's bytes per operation (allocated, or survived) in the baseline; null when the baseline's top sites lack it. */
  baselineBytesPerOp: number | null;
}

/** The last part of a path or URL: checkouts in different folders still name the same file. */
function fileName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/**
 * Sites match by function and file name (of the site and of its first own caller), not by line or
 * folder: an edit above a function moves its line, and CI checks out in different places.
 */
function siteKey(site: AllocationSite): string {
  const own = site.userFrame ? `${site.userFrame.functionName}\0${fileName(site.userFrame.url)}` : '';
  return `${site.functionName}\0${fileName(site.url)}\0${own}`;
}

/** The metrics survivors drive: what is promoted is copied, then marked and swept by major collections, and held. */
export const SURVIVAL_METRICS: readonly MetricName[] = ['gcPauseMsPerKop', 'gcMaxPauseMs', 'retainedBytes'];

/** Below this share of the current sampled total, a site's growth is within sampling noise. */
const MIN_ADDED_SHARE = 0.01;

/**
 * Sites of `current` that are new, or grown by more than `thresholdPercent`, in the bytes `bytesOf`
 * reads (sites without them are skipped), the most bytes added first.
 */
function grownSites(
  baseline: readonly AllocationSite[],
  current: readonly AllocationSite[],
  currentTotal: number,
  thresholdPercent: number,
  bytesOf: (site: AllocationSite) => number | undefined,
): SiteChange[] {
  const before = new Map<string, number>();
  for (const site of baseline) {
    const bytes = bytesOf(site);
    if (bytes !== undefined) before.set(siteKey(site), bytes);
  }
  const changes: { change: SiteChange; added: number }[] = [];
  for (const site of current) {
    const bytes = bytesOf(site);
    if (bytes === undefined) continue;
    const baselineBytesPerOp = before.get(siteKey(site)) ?? null;
    const added = bytes - (baselineBytesPerOp ?? 0);
    if (added < MIN_ADDED_SHARE * currentTotal) continue;
    if (baselineBytesPerOp !== null && bytes <= baselineBytesPerOp * (1 + thresholdPercent / 100)) continue;
    changes.push({ change: { site, baselineBytesPerOp }, added });
  }
  return changes.sort((a, b) => b.added - a.added).map(({ change }) => change);
}

/** New sites and sites grown by more than `thresholdPercent` in bytes allocated. */
export function siteChanges(
  baseline: AllocationSites,
  current: AllocationSites,
  thresholdPercent: number,
): SiteChange[] {
  return grownSites(
    baseline.sites,
    current.sites,
    current.sampledBytesPerOp,
    thresholdPercent,
    (site) => site.bytesPerOp,
  );
}

/**
 * Sites whose surviving bytes are new or grew by more than `thresholdPercent`
 * (`baselineBytesPerOp` then counts survivors); undefined unless both sides measured survival.
 */
export function survivorChanges(
  baseline: AllocationSites,
  current: AllocationSites,
  thresholdPercent: number,
): SiteChange[] | undefined {
  if (!baseline.survival || !current.survival) return undefined;
  return grownSites(
    baseline.sites,
    current.sites,
    current.survival.sampledBytesPerOp,
    thresholdPercent,
    (site) => site.survivedBytesPerOp,
  );
}
