/**
 * The HTML report's allocation sites: per mode, a bar per site (share of the sampled bytes)
 * labelled with its function and file:line; with the survival pass, a solid bar inside it for
 * what survived a scavenge.
 */
import type { AllocationSite, ModeResult } from '../../results/result.js';
import { formatBytes } from '../../text/format.js';
import { cutStartToWidth } from '../../text/width.js';
import { formatSurvival, frameLocation, frameName, sitesHeading } from '../document/allocation-sites.js';
import { box, escapeHtml, linearScale, px, svg, text } from './svg.js';

const WIDTH = 980;
const ROW = 30;
/** Characters of a location that fit the label column; longer paths lose their start. */
const LOCATION_CHARS = 56;

/** "61.0% · 89.4 KiB/op", and with the survival pass "· 40.1 KiB/op survived (45%)". */
function siteValue(site: AllocationSite): string {
  const allocated = `${(site.share * 100).toFixed(1)}% · ${formatBytes(site.bytesPerOp)}/op`;
  if (site.survivedBytesPerOp === undefined) return allocated;
  return `${allocated} · ${formatBytes(site.survivedBytesPerOp)}/op survived (${formatSurvival(site.survival)})`;
}

/** One chart for one mode's sites; empty when the mode has none. */
export function allocationSitesChart(mode: string, color: string, result: ModeResult): string {
  const heading = sitesHeading(mode, result);
  const sites = result.allocationSites?.sites ?? [];
  if (!heading) return '';
  const survivalMeasured = result.allocationSites?.survival !== undefined;
  const notes = [
    `<p class="note-text">${escapeHtml(heading.text)}</p>`,
    ...[heading.disagreement, heading.survivalNote]
      .filter((note) => note !== undefined)
      .map((note) => `<p class="note-text warning">${escapeHtml(note)}</p>`),
    ...(survivalMeasured && sites.length
      ? [
          '<p class="note-text">Hollow bars: the bytes each site allocates (share of the sampled total); solid bars: what of them survived a scavenge.</p>',
        ]
      : []),
  ].join('');
  if (sites.length === 0) return notes;
  const right = survivalMeasured ? 290 : 150;
  const area = box(WIDTH, 12 + ROW * sites.length, { left: 420, top: 6, right, bottom: 6 });
  const x = linearScale(0, 1, area.left, area.right);
  const sampled = result.allocationSites!.sampledBytesPerOp;
  const parts = sites.map((site, i) => {
    const top = area.top + i * ROW;
    const place = site.userFrame ?? site;
    const name = site.userFrame ? `${frameName(site)} ← ${frameName(site.userFrame)}` : frameName(site);
    const location = cutStartToWidth(frameLocation(place), LOCATION_CHARS);
    const title = `${name} (${frameLocation(place)}): ${siteValue(site)}`;
    const width = (share: number) => px(Math.max(1, x(Math.min(1, share)) - area.left));
    const bar = (className: string, share: number) =>
      `<rect class="${className}" x="${area.left}" y="${px(top + 4)}" width="${width(share)}" height="18"><title>${escapeHtml(title)}</title></rect>`;
    const survivedShare = site.survivedBytesPerOp !== undefined && sampled > 0 ? site.survivedBytesPerOp / sampled : 0;
    const bars =
      site.survivedBytesPerOp === undefined
        ? bar(`bar ${color}`, site.share)
        : bar(`bar baseline ${color}`, site.share) + (survivedShare > 0 ? bar(`bar ${color}`, survivedShare) : '');
    return (
      text(area.left - 8, top + 12, name, 'class="label" text-anchor="end"') +
      text(area.left - 8, top + 25, location, 'class="tick" text-anchor="end"') +
      bars +
      text(x(Math.max(site.share, survivedShare)) + 6, top + 17, siteValue(site), 'class="value"')
    );
  });
  const screenReaderText = sites
    .map((site) => {
      const survived = site.survivedBytesPerOp === undefined ? '' : `, ${formatSurvival(site.survival)} survived`;
      return `${frameName(site)} ${(site.share * 100).toFixed(0)}%${survived}`;
    })
    .join(', ');
  return notes + svg(area, 'allocation-sites', `${mode} allocation sites: ${screenReaderText}`, parts.join(''));
}
