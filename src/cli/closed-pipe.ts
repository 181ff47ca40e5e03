/**
 * A reader that stops early (`arena-bench list | head -1`) closes the pipe. That ends the output,
 * not the command: the rest of what it prints is dropped, its work (the result file of `run`) is still
 * done, and it exits with the code it would have had.
 */
export function outliveClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // After EPIPE the stream is destroyed, and every later write reports that instead.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}
