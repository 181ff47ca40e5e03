/** Where an HTML report is written: a path the user chose, so a failure is theirs to fix. */
import { writeFileAtomic } from '../results/write-file-atomic.js';
import { UserError, messageOf } from '../errors.js';

/** Written whole or not at all, so a browser never opens half a page. */
export async function writeHtmlFile(path: string, html: string): Promise<void> {
  try {
    await writeFileAtomic(path, html);
  } catch (error) {
    throw new UserError(`cannot write the HTML report to ${path}: ${messageOf(error)}`, 'choose another path with --out (or --html)');
  }
}
