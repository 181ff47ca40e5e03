/** The one way arena-bench writes a file: result files and HTML reports alike. */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The temporary files of writes under way, for a process that has to stop before they finish. */
const unfinished = new Set<string>();

/** Write through a temporary file and rename, so a reader (or a browser) never sees half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  unfinished.add(temporary);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    unfinished.delete(temporary);
  }
}

/** Remove the temporary files of writes still under way, at once: the process is about to exit. */
export function removeUnfinishedWrites(): void {
  for (const temporary of unfinished) rmSync(temporary, { force: true });
}
