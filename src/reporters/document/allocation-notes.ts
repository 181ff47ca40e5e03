/** The comparison reporters' lines on where an allocation, GC pause or retained-heap regression comes from, one per case that has them. */

import { type SiteChange, SURVIVAL_METRICS } from '../../compare/allocation-sites.js';
import type { CaseComparison, Comparison } from '../../compare/model.js';
import { formatBytes, formatChange } from '../../text/format.js';
import { frameLocation, frameName } from './allocation-sites.js';
import { describeCase, metricLabel } from './comparison-words.js';

/** "parseHeader (src/http.ts:40)", or "FastBuffer ← build (src/batch.ts:28)" for an internal frame. */
function sitePlace(site: SiteChange['site']): string {
  return site.userFrame
    ? `${frameName(site)} ← ${frameName(site.userFrame)} (${frameLocation(site.userFrame)})`
    : `${frameName(site)} (${frameLocation(site)})`;
}

/** "new site parseHeader (src/http.ts:40), 18 KiB/op" or "parseHeader (src/http.ts:40) 12 → 18 KiB/op". */
function describeChange({ site, baselineBytesPerOp }: SiteChange, bytesPerOp = site.bytesPerOp): string {
  if (baselineBytesPerOp === null) return `new site ${sitePlace(site)}, ${formatBytes(bytesPerOp)}/op`;
  return `${sitePlace(site)} ${formatBytes(baselineBytesPerOp)} → ${formatBytes(bytesPerOp)}/op`;
}

/** "GC pause per 1000 ops +40%, retained heap +25%": the regressed metrics that survivors drive. */
function survivalRegressions(row: CaseComparison): string {
  return row.metrics
    .filter((metric) => metric.verdict === 'regressed' && SURVIVAL_METRICS.includes(metric.metric))
    .map((metric) => `${metricLabel(metric.metric)} ${formatChange(metric.change === null ? null : 1 + metric.change)}`)
    .join(', ');
}

/**
 * "message-buffering, mode heap: allocation +12%: new site parseHeader (src/http.ts:40), 18 KiB/op; …"
 * and "…: GC max pause +60%: surviving bytes grew at FastBuffer ← build (src/batch.ts:28) 10 → 93 KiB/op".
 */
export function allocationRegressionNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  for (const pair of comparison.pairs) {
    for (const row of pair.cases) {
      if (row.allocationSiteChanges) {
        const allocated = row.metrics.find((metric) => metric.metric === 'allocatedBytesPerOp')!;
        const where = row.allocationSiteChanges.length
          ? row.allocationSiteChanges.map((change) => describeChange(change)).join('; ')
          : 'no single site grew beyond the threshold';
        notes.push(
          `${describeCase(row.key)}, mode ${row.mode}: allocation ${formatChange(allocated.change === null ? null : 1 + allocated.change)}: ${where}`,
        );
      }
      if (row.survivingSiteChanges) {
        const where = row.survivingSiteChanges.length
          ? `surviving bytes grew at ${row.survivingSiteChanges.map((change) => describeChange(change, change.site.survivedBytesPerOp)).join('; ')}`
          : "no single site's surviving bytes grew beyond the threshold";
        notes.push(`${describeCase(row.key)}, mode ${row.mode}: ${survivalRegressions(row)}: ${where}`);
      }
    }
  }
  return notes;
}
