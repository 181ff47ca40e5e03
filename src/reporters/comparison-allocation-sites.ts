/** The comparison reporters' lines on where an allocation regression comes from, one per case that has them. */

import type { SiteChange } from '../compare/allocation-sites.js';
import type { Comparison } from '../compare/model.js';
import { frameLocation, frameName } from './allocation-sites.js';
import { describeCase } from './comparison-text.js';
import { formatBytes, formatChange } from './format.js';

/** "new site parseHeader (src/http.ts:40), 18 KiB/op" or "parseHeader (src/http.ts:40) 12 → 18 KiB/op". */
function describeChange({ site, baselineBytesPerOp }: SiteChange): string {
  const place = site.userFrame
    ? `${frameName(site)} ← ${frameName(site.userFrame)} (${frameLocation(site.userFrame)})`
    : `${frameName(site)} (${frameLocation(site)})`;
  if (baselineBytesPerOp === null) return `new site ${place}, ${formatBytes(site.bytesPerOp)}/op`;
  return `${place} ${formatBytes(baselineBytesPerOp)} → ${formatBytes(site.bytesPerOp)}/op`;
}

/** "message-buffering, mode heap: allocation +12%: new site parseHeader (src/http.ts:40), 18 KiB/op; …" */
export function allocationRegressionNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  for (const pair of comparison.pairs) {
    for (const row of pair.cases) {
      if (!row.allocationSiteChanges) continue;
      const allocated = row.metrics.find((metric) => metric.metric === 'allocatedBytesPerOp')!;
      const where = row.allocationSiteChanges.length
        ? row.allocationSiteChanges.map(describeChange).join('; ')
        : 'no single site grew beyond the threshold';
      notes.push(
        `${describeCase(row.key)}, mode ${row.mode}: allocation ${formatChange(allocated.change === null ? null : 1 + allocated.change)}: ${where}`,
      );
    }
  }
  return notes;
}
