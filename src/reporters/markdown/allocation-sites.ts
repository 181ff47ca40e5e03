/** A mode's allocation sites in markdown: the heading in bold, its notes in italics, a list of sites. */
import type { ModeResult } from '../../results/result.js';
import { formatBytes } from '../../text/format.js';
import { formatSurvival, siteDescription, sitesHeading } from '../document/allocation-sites.js';
import { markdownText } from './escape.js';

/** Markdown: per mode, the heading in bold (a warning when the totals disagree) and a list of sites. */
export function allocationSitesMarkdown(modes: Record<string, ModeResult>, tag = ''): string[] {
  const lines: string[] = [];
  for (const [mode, result] of Object.entries(modes)) {
    const heading = sitesHeading(mode, result);
    if (!heading) continue;
    lines.push('', `**${markdownText(tag + heading.text)}**`, '');
    for (const note of [heading.disagreement, heading.survivalNote]) if (note) lines.push(`_${note}_`, '');
    for (const site of result.allocationSites!.sites) {
      const survived =
        site.survivedBytesPerOp === undefined
          ? ''
          : ` · survived ${formatBytes(site.survivedBytesPerOp)}/op (${formatSurvival(site.survival)})`;
      lines.push(
        `- ${(site.share * 100).toFixed(1)}% · ${formatBytes(site.bytesPerOp)}/op${survived} · ${markdownCode(siteDescription(site))}`,
      );
    }
  }
  return lines;
}

/** Inline code that survives backticks in a name. */
function markdownCode(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}
