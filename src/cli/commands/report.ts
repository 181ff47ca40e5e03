/** `arena-bench report`: a result file (or a baseline and a current one) as a self-contained HTML page. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { compareResults } from '../../compare/compare.js';
import { filesOf, readSide } from '../../compare/sides.js';
import { ExitCode } from '../../errors.js';
import { htmlComparisonReport, htmlReport } from '../../reporters/html/render.js';
import { claimOutputs, type InputPath } from '../claim-outputs.js';
import { agreedCheck, type ComparisonFlags, compareOptionsFrom, withComparisonOptions } from '../comparing/options.js';
import { writeHtmlFile } from '../html-file.js';
import { writeWrapped } from '../terminal.js';

/** results/2024-05-01.json → results/2024-05-01.html; a current file names the comparison's page. */
export function defaultReportPath(resultPath: string): string {
  return resolve(`${resultPath.replace(/\.json$/i, '')}.html`);
}

interface ReportOptions extends ComparisonFlags {
  out?: string;
}

async function report(first: string, second: string | undefined, options: ReportOptions): Promise<number> {
  const outPath = options.out ?? defaultReportPath(second ?? first);
  const inputs: InputPath[] = [];
  for (const [what, side] of [
    ['the result file', first],
    ['the current result file', second],
  ] as const) {
    for (const path of side === undefined ? [] : await filesOf(side)) inputs.push({ what, path });
  }
  await claimOutputs([{ flag: '--out', path: outPath }], inputs);
  let html: string;
  if (second === undefined) {
    const { label, result } = await readSide(first);
    html = htmlReport(result, { label });
  } else {
    const baseline = await readSide(first);
    const current = await readSide(second);
    html = htmlComparisonReport(
      compareResults(
        [{ baseline, current }],
        compareOptionsFrom(options, agreedCheck([baseline.result, current.result])),
      ),
      baseline,
      current,
      { verbose: options.verbose ?? false },
    );
  }
  await writeHtmlFile(outPath, html);
  writeWrapped(process.stderr, `report written to ${resolve(outPath)}`);
  return ExitCode.ok;
}

const EXAMPLES = `
The page is one file with inline styles and charts: it needs no network to view
and can be attached to a pull request. With two files it shows the comparison's
verdicts first (the same statistics and options as "arena-bench compare"); it
does not set the exit code for them.

Examples:
  $ arena-bench report results/head.json          writes results/head.html
  $ arena-bench report results/head.json --out report.html
  $ arena-bench report base.json head.json --out pr.html     with verdicts
  $ arena-bench run --quick --html report.html    measure and write the page`;

export function reportCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('report')
    .description('write a self-contained HTML report of a result file, or of a baseline and a current file compared')
    .argument('<result>', 'a result file written by "arena-bench run" (the baseline, when a second file follows)')
    .argument('[current]', 'a second result file: the page then compares the two')
    .option('--out <file>', "where to write the page (default: the result file's path with .html)");
  return withComparisonOptions(command)
    .addHelpText('after', EXAMPLES)
    .action(async (first: string, second: string | undefined, options: ReportOptions) =>
      setExitCode(await report(first, second, options)),
    );
}
