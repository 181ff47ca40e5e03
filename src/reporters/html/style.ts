/** The report's one stylesheet: light and dark (prefers-color-scheme), colours by mode and by GC kind. */
export const HTML_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --panel: #f6f8fa; --fg: #1f2328; --muted: #59636e; --grid: #d8dee4; --axis: #8c959f;
  --m0: #cf3f4f; --m1: #0b7fa5; --m2: #b7791f; --m3: #3f8f5a; --m4: #7d5ba6; --m5: #6b7280;
  --k-minor: #e0a526; --k-major: #c2185b; --k-other: #7d5ba6;
  --good: #1a7f37; --bad: #cf222e; --warn: #9a6700;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --panel: #161b22; --fg: #e6edf3; --muted: #9198a1; --grid: #30363d; --axis: #6e7681;
    --m0: #ff7b72; --m1: #4ac1e8; --m2: #e3b341; --m3: #56d364; --m4: #bc8cff; --m5: #9ca3af;
    --k-minor: #f2cc60; --k-major: #ff6fa8; --k-other: #bc8cff;
    --good: #3fb950; --bad: #f85149; --warn: #d29922;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1060px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
p.meta, .note-text { color: var(--muted); margin: 2px 0; }
section.scenario, section.comparison { background: var(--panel); border: 1px solid var(--grid); border-radius: 8px; padding: 16px 18px; margin: 18px 0; }
nav ul { columns: 2; padding-left: 18px; margin: 8px 0; }
a { color: var(--m1); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0 8px; font-size: 12.5px; }
th, td { padding: 3px 7px; border-bottom: 1px solid var(--grid); text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
th { color: var(--muted); font-weight: 600; }
.table-wrap { overflow-x: auto; }
ul.outcomes { margin: 6px 0; padding-left: 18px; }
.failure, .regressed { color: var(--bad); font-weight: 600; }
.warning, .inconclusive { color: var(--warn); }
.faster, .improved { color: var(--good); }
.unchanged, .not-compared { color: var(--muted); }
pre.error { white-space: pre-wrap; color: var(--bad); background: var(--bg); padding: 8px; border-radius: 6px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 10px; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .tick, svg .legend, svg .note { fill: var(--muted); font-size: 11px; }
svg .axis-title { fill: var(--muted); font-size: 12px; }
svg .panel-title { font-weight: 700; font-size: 13px; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .axis { stroke: var(--axis); stroke-width: 1; }
svg .whisker { stroke: var(--fg); stroke-width: 1.5; fill: none; }
svg .line { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
svg .line.ext { stroke-dasharray: 5 3; stroke-width: 1.3; }
${[0, 1, 2, 3, 4, 5].map((i) => `svg .bar.m${i} { fill: var(--m${i}); } svg .line.m${i} { stroke: var(--m${i}); } svg .m${i}-text { fill: var(--m${i}); } .swatch.m${i} { background: var(--m${i}); }`).join('\n')}
svg .line.m-neutral { stroke: var(--muted); }
svg .bar.baseline { fill-opacity: .18; stroke-width: 1.2; }
${[0, 1, 2, 3, 4, 5].map((i) => `svg .bar.baseline.m${i} { stroke: var(--m${i}); }`).join('\n')}
svg .k-minor { fill: var(--k-minor); } svg .k-major { fill: var(--k-major); } svg .k-other { fill: var(--k-other); }
svg .when { fill-opacity: .22; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
footer { color: var(--muted); font-size: 12px; margin-top: 28px; }
`;
