/**
 * Where an allocation regression comes from: the sites of the current file that are new, or that
 * grew beyond the allocated-bytes threshold, against the baseline's sites.
 */
import type { AllocationSite, AllocationSites } from '../results/result.js';

export interface SiteChange {
  site: AllocationSite;
  /** The site's bytes per operation in the baseline; null when the baseline's top sites lack it. */
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

/** Below this share of the current sampled total, a site's growth is within sampling noise. */
const MIN_ADDED_SHARE = 0.01;

/** New sites and sites grown by more than `thresholdPercent`, the most bytes added first. */
export function siteChanges(
  baseline: AllocationSites,
  current: AllocationSites,
  thresholdPercent: number,
): SiteChange[] {
  const before = new Map(baseline.sites.map((site) => [siteKey(site), site.bytesPerOp]));
  const changes: { change: SiteChange; added: number }[] = [];
  for (const site of current.sites) {
    const baselineBytesPerOp = before.get(siteKey(site)) ?? null;
    const added = site.bytesPerOp - (baselineBytesPerOp ?? 0);
    if (added < MIN_ADDED_SHARE * current.sampledBytesPerOp) continue;
    if (baselineBytesPerOp !== null && site.bytesPerOp <= baselineBytesPerOp * (1 + thresholdPercent / 100)) continue;
    changes.push({ change: { site, baselineBytesPerOp }, added });
  }
  return changes.sort((a, b) => b.added - a.added).map(({ change }) => change);
}
