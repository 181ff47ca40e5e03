/**
 * Run once per runtime and V8 flag set before anything is measured, the way a child is started,
 * to show that the binary is Node.js and that the flags leave it running a script with what a
 * child needs: a callable gc() and v8.GCProfiler.
 */
import v8 from 'node:v8';

process.stdout.write(
  `${JSON.stringify({
    probe: 'arena-bench',
    version: process.version,
    v8: process.versions.v8,
    gc: typeof globalThis.gc === 'function',
    gcProfiler: typeof v8.GCProfiler === 'function',
  })}\n`,
);
