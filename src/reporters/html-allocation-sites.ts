/** The HTML report's allocation sites: per mode, a bar per site (share of the sampled bytes) labelled with its function and file:line. */
import type { ModeResult } from '../results/result.js';
import { frameLocation, frameName, sitesHeading, truncateLeft } from './allocation-sites.js';
import { formatBytes } from './format.js';
import { box, escapeHtml, linearScale, px, svg, text } from './html-svg.js';

const WIDTH = 980;
const ROW = 30;
/** Characters of a location that fit the label column; longer paths lose their start. */
const LOCATION_CHARS = 56;

/** One chart for one mode's sites; empty when the mode has none. */
export function allocationSitesChart(mode: string, color: string, result: ModeResult): string {
  const heading = sitesHeading(mode, result);
  const sites = result.allocationSites?.sites ?? [];
  if (!heading) return '';
  const note = `<p class="note-text${heading.disagrees ? ' warning' : ''}">${escapeHtml(heading.text)}</p>`;
  if (sites.length === 0) return note;
  const area = box(WIDTH, 12 + ROW * sites.length, { left: 420, top: 6, right: 150, bottom: 6 });
  const x = linearScale(0, 1, area.left, area.right);
  const parts = sites.map((site, i) => {
    const top = area.top + i * ROW;
    const place = site.userFrame ?? site;
    const name = site.userFrame ? `${frameName(site)} ← ${frameName(site.userFrame)}` : frameName(site);
    const location = truncateLeft(frameLocation(place), LOCATION_CHARS);
    const title = `${name} (${frameLocation(place)}): ${formatBytes(site.bytesPerOp)}/op, ${(site.share * 100).toFixed(1)}% of the sampled bytes`;
    return (
      text(area.left - 8, top + 12, name, 'class="label" text-anchor="end"') +
      text(area.left - 8, top + 25, location, 'class="tick" text-anchor="end"') +
      `<rect class="bar ${color}" x="${area.left}" y="${px(top + 4)}" width="${px(Math.max(1, x(site.share) - area.left))}" height="18"><title>${escapeHtml(title)}</title></rect>` +
      text(
        x(site.share) + 6,
        top + 17,
        `${(site.share * 100).toFixed(1)}% · ${formatBytes(site.bytesPerOp)}/op`,
        'class="value"',
      )
    );
  });
  return (
    note +
    svg(
      area,
      'allocation-sites',
      `${mode} allocation sites: ${sites.map((site) => `${frameName(site)} ${(site.share * 100).toFixed(0)}%`).join(', ')}`,
      parts.join(''),
    )
  );
}
