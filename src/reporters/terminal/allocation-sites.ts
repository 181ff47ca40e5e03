/** A mode's allocation sites under its case's table on the terminal: figures first, so they stay aligned. */
import type { ModeResult } from '../../results/result.js';
import { cutEndToWidth, displayWidth, indentedLines } from '../../text/width.js';
import { siteDescription, siteFigures, sitesHeading } from '../document/allocation-sites.js';

/** Room a site needs beside its figures: two function names and the end of a file name with its line. */
const LEAST_DESCRIPTION_WIDTH = 40;
/** A site on a line of its own is indented past the share, under its figures. */
const DESCRIPTION_INDENT = 8;

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
    // The heading holds the totals and the notes say how to read them: wrapped, never cut.
    for (const text of indentedLines(`${tag}${heading.text}`, width)) lines.push({ text, warning: false });
    for (const note of [heading.disagreement, heading.survivalNote])
      if (note) for (const text of indentedLines(note, width)) lines.push({ text, warning: true });
    for (const site of result.allocationSites!.sites) {
      const figures = `    ${siteFigures(site)}  `;
      const room = width - displayWidth(figures);
      if (room >= LEAST_DESCRIPTION_WIDTH) {
        lines.push({ text: cutEndToWidth(figures + siteDescription(site, room), width), warning: false });
        continue;
      }
      // The figures leave too little room (survival's take 57 columns): the site goes on a line of its own.
      lines.push({ text: cutEndToWidth(figures.trimEnd(), width), warning: false });
      const indent = ' '.repeat(DESCRIPTION_INDENT);
      lines.push({ text: cutEndToWidth(indent + siteDescription(site, width - indent.length), width), warning: false });
    }
  }
  return lines;
}
