/** Where an HTML report is written: a path the user chose, so a failure is theirs to fix. */
import { writeFileAtomic } from '../results/write-file-atomic.js';

/** Written whole or not at all, so a browser never opens half a page. */
export async function writeHtmlFile(path: string, html: string): Promise<void> {
  await writeFileAtomic(path, html, { what: 'the HTML report', hint: 'choose another path with --out (or --html)' });
}
