/**
 * The words every reporter uses for a mode's allocation sites: its heading with the sampled total
 * checked against the exact count, and one line per site, so the table, markdown and HTML agree.
 */
import { sampledTotalDisagrees } from '../results/allocation-sites.js';
import type { AllocationSite, ModeResult, SourceFrame } from '../results/result.js';
import { markdownText } from './escape.js';
import { formatBytes } from './format.js';

/** "/home/me/app/src/batch.ts:28" from a frame; file URLs shown as paths, V8's builtins as "built-in". */
export function frameLocation({ url, line }: SourceFrame): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (path === '') return 'built-in';
  return line > 0 ? `${path}:${line}` : path;
}

export function frameName({ functionName }: SourceFrame): string {
  return functionName === '' ? '(anonymous)' : functionName;
}

/** "…/app/src/batch.ts:28": the end of a location is the part that tells files apart. */
export function truncateLeft(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…' : `…${text.slice(text.length - width + 1)}`;
}

export interface SitesHeading {
  text: string;
  /** The sampled total and the exact count differ by more than the tolerance. */
  disagrees: boolean;
}

/** "sampled 143 KiB/op of 146 KiB/op counted", and when they differ too much, a warning that says so. */
export function sitesHeading(mode: string, result: ModeResult): SitesHeading | undefined {
  const sites = result.allocationSites;
  if (!sites) return undefined;
  const exact = result.summary.memory.allocatedBytesPerOp;
  const disagrees = sampledTotalDisagrees(sites, exact, result.runs.length);
  const totals = `sampled ${formatBytes(sites.sampledBytesPerOp)}/op, counted ${formatBytes(exact)}/op`;
  const warning = disagrees ? ': they differ by more than 20%, read the shares with care' : '';
  return { text: `${mode} allocation sites (${totals})${warning}`, disagrees };
}

/** "61.0%  89.4 KiB/op" */
export function siteFigures(site: AllocationSite): string {
  return `${(site.share * 100).toFixed(1).padStart(5)}%  ${formatBytes(site.bytesPerOp).padStart(10)}/op`;
}

/**
 * "FastBuffer (node:internal/buffer:960) ← buildBatch (/app/src/batch.ts:28)". Within `width`, the
 * internal frame's location goes first, then the scenario's location is cut from the left.
 */
export function siteDescription(site: AllocationSite, width = Infinity): string {
  if (!site.userFrame) return fitLocation(frameName(site), frameLocation(site), width);
  const full = `${frameName(site)} (${frameLocation(site)}) ← ${frameName(site.userFrame)} (${frameLocation(site.userFrame)})`;
  if (full.length <= width) return full;
  const prefix = `${frameName(site)} ← `;
  return prefix + fitLocation(frameName(site.userFrame), frameLocation(site.userFrame), width - prefix.length);
}

/** The shortest location still worth showing: a file name's end and its line. */
const MIN_LOCATION_WIDTH = 12;

function fitLocation(name: string, location: string, width: number): string {
  const room = Math.max(MIN_LOCATION_WIDTH, width - name.length - 3);
  return `${name} (${truncateLeft(location, room)})`;
}

/**
 * The compact block under a scenario's table: per mode with sites, a heading and a line per site,
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
    lines.push({ text: truncateRight(`  ${tag}${heading.text}`, width), warning: heading.disagrees });
    for (const site of result.allocationSites!.sites) {
      const figures = `    ${siteFigures(site)}  `;
      lines.push({ text: figures + siteDescription(site, width - figures.length), warning: false });
    }
  }
  return lines;
}

function truncateRight(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Markdown: per mode, the heading in bold (a warning when the totals disagree) and a list of sites. */
export function allocationSitesMarkdown(modes: Record<string, ModeResult>, tag = ''): string[] {
  const lines: string[] = [];
  for (const [mode, result] of Object.entries(modes)) {
    const heading = sitesHeading(mode, result);
    if (!heading) continue;
    lines.push('', `**${markdownText(tag + heading.text)}**`, '');
    for (const site of result.allocationSites!.sites) {
      lines.push(
        `- ${(site.share * 100).toFixed(1)}% · ${formatBytes(site.bytesPerOp)}/op · ${markdownCode(siteDescription(site))}`,
      );
    }
  }
  return lines;
}

/** Inline code that survives backticks in a name. */
function markdownCode(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}
