/**
 * One side of a duet in a Worker of its own (`--isolation worker`): the side is set up here and
 * does what the driver in the child's main thread asks, one call at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobTarget } from '../job.js';
import { GcRecorder } from './gc.js';
import { SlicedSide, type SliceSettings } from './sliced-side.js';
import { describeThrown } from './thrown.js';

export interface ThreadData {
  target: JobTarget;
  mode: string;
  settings: SliceSettings;
}

export type SideCall =
  | { call: 'warmUp' | 'beginTiming' | 'endTiming' }
  | { call: 'slice'; counted: boolean }
  | { call: 'finish'; wentFirst: number };

export type SideReply = { ok: true; value?: unknown } | { ok: false; message: string };

// As in the child's main thread: a scenario must not end the process it is measured in.
process.exit = (code?: number | string | null) => {
  throw new Error(`a scenario must not call process.exit (it called process.exit(${code ?? ''}))`);
};

const port = parentPort!;
const { target, mode, settings } = workerData as ThreadData;
const failed = (thrown: unknown): SideReply => ({ ok: false, message: describeThrown(thrown, import.meta.url) });

async function serve(): Promise<void> {
  let side: SlicedSide;
  try {
    side = await SlicedSide.open(target, mode, settings);
  } catch (thrown) {
    port.postMessage(failed(thrown));
    return;
  }
  port.postMessage({ ok: true, value: side.firstChecksum } satisfies SideReply);
  let recorder: GcRecorder | undefined;
  port.on('message', async (message: SideCall) => {
    try {
      let value: unknown;
      if (message.call === 'warmUp') await side.warmUp();
      else if (message.call === 'beginTiming') {
        recorder = new GcRecorder();
        side.beginTiming();
      } else if (message.call === 'slice') await side.slice(message.counted);
      else if (message.call === 'endTiming') side.endTiming();
      else if (message.call === 'finish') {
        await recorder!.flush();
        const pauses = recorder!.pausesWithin(side.windows);
        recorder!.stop();
        side.wentFirst = message.wentFirst;
        value = await side.finish(pauses, 'worker');
      }
      port.postMessage({ ok: true, value } satisfies SideReply);
    } catch (thrown) {
      port.postMessage(failed(thrown));
    }
  });
}

await serve();
