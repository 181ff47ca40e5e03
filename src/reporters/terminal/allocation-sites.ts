/** A mode's allocation sites under its case's table on the terminal: figures first, so they stay aligned. */
import type { ModeResult } from '../../results/result.js';
import { cutEndToWidth, displayWidth } from '../../text/width.js';
import { siteDescription, siteFigures, sitesHeading } from '../document/allocation-sites.js';

/**
 * The compact block under a case's table: per mode with sites, a heading and a line per site,
 * no line longer than `width` (figures first, so they stay aligned).
 */
export function allocationSiteLines(
  modes: Record<string, ModeResult>,
  width: number,
  tag = '',
): { text: string; warning: boolean }[] {
  const lines: { text: string; warning: boolean }[] = [];
  for (const [mode, result] of Object.entries(modes)) {
    const heading = sitesHeading(mode, result);
    if (!heading) continue;
    lines.push({ text: cutEndToWidth(`  ${tag}${heading.text}`, width), warning: false });
    for (const note of [heading.disagreement, heading.survivalNote])
      if (note) lines.push({ text: cutEndToWidth(`  ${note}`, width), warning: true });
    for (const site of result.allocationSites!.sites) {
      const figures = `    ${siteFigures(site)}  `;
      lines.push({ text: figures + siteDescription(site, width - displayWidth(figures)), warning: false });
    }
  }
  return lines;
}
