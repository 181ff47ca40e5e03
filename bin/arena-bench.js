#!/usr/bin/env node
// Kept to what Node.js itself provides: whatever stops the program from loading must end in
// exit 4 with a message saying what to do, never in Node's exit 1, which a CI gate reads as a regression.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const INTERNAL = 4;

/** What to tell the user when the program could not be loaded. */
function startFailure(error) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const code = error?.code;
  // Out of file descriptors, Node.js reports a module that is there as not found.
  const absent = code === 'ERR_MODULE_NOT_FOUND' && error.url && !existsSync(fileURLToPath(error.url));
  if (absent && error.url.includes('/dist/'))
    return (
      `arena-bench cannot start: its compiled files are missing from ${root}dist (installed with --ignore-scripts?)\n` +
      `  build them: cd "${root}" && npm run build; or reinstall arena-bench without --ignore-scripts\n`
    );
  if (code === 'EMFILE' || code === 'ENFILE' || (code === 'ERR_MODULE_NOT_FOUND' && !absent))
    return (
      `arena-bench cannot start: it could not open its own modules (${code}): too many open files?\n` +
      '  raise the limit on open files (ulimit -n 4096) and run it again\n'
    );
  if (code === 'ERR_MODULE_NOT_FOUND')
    return (
      `arena-bench cannot start: a package it needs is not installed: ${error.message}\n` +
      `  install its dependencies: cd "${root}" && npm ci; or reinstall arena-bench\n`
    );
  return `arena-bench cannot start; please report it with this trace:\n${error?.stack ?? String(error)}\n`;
}

// An error nothing caught is a bug: exit 4, as main() makes it, not Node.js's 1.
for (const event of ['uncaughtException', 'unhandledRejection'])
  process.on(event, (error) => {
    process.stderr.write(
      `arena-bench hit a bug; please report it with this trace:\n${error?.stack ?? String(error)}\n`,
    );
    process.exit(INTERNAL);
  });

let main;
try {
  ({ main } = await import('../dist/src/cli/cli.js'));
} catch (error) {
  process.stderr.write(startFailure(error));
  process.exit(INTERNAL);
}
process.exitCode = await main(process.argv);
