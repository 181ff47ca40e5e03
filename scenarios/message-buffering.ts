/**
 * The seed workload: build a batch of `msg-<i>` byte messages. Heap mode makes one Buffer per
 * message, as Go's `[]byte(fmt.Sprintf(...))` does; arena mode formats the same bytes in place into
 * one reused region with an offsets table and frees the batch with a reset.
 */
import { Arena, defineScenario } from '../src/index.js';

/** Batches kept alive: the transient variant keeps one so its messages escape (docs/measurement.md#allocation-can-be-optimised-away). */
const heapBatches: Buffer[][] = [];

/** The same rolling hash in both modes: every byte of every message, and each message's length. */
function hashBytes(hash: number, bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) & 0x3fffffff;
  return (Math.imul(hash, 31) + (end - start)) & 0x3fffffff;
}

interface MessageParams extends Record<string, number> {
  messages: number;
  retain: number;
}

function heapMode({ messages, retain }: MessageParams) {
  const ringSize = Math.max(1, retain);
  heapBatches.length = ringSize;
  let batch = 0;
  return () => {
    const built: Buffer[] = [];
    for (let i = 0; i < messages; i++) built.push(Buffer.from(`msg-${i}`));
    heapBatches[batch++ % ringSize] = built;
    let hash = 0;
    for (const message of built) hash = hashBytes(hash, message, 0, message.length);
    return hash;
  };
}

function arenaMode({ messages, retain }: MessageParams) {
  // One arena and offsets table per retained batch, all made before timing: reset reuses them.
  const ring = Array.from({ length: Math.max(1, retain) }, () => ({
    arena: new Arena({ initialBytes: messages * 16 }),
    offsets: new Uint32Array(messages + 1),
  }));
  let batch = 0;
  return () => {
    const { arena, offsets } = ring[batch++ % ring.length]!;
    arena.reset();
    for (let i = 0; i < messages; i++) {
      offsets[i] = arena.offsetOf(arena.writeAscii('msg-'));
      arena.writeInt(i);
    }
    offsets[messages] = arena.usedBytes;
    const bytes = arena.bytes;
    let hash = 0;
    for (let i = 0; i < messages; i++) hash = hashBytes(hash, bytes, offsets[i]!, offsets[i + 1]!);
    return hash;
  };
}

const modes = { heap: heapMode, arena: arenaMode };

export default [
  defineScenario({
    name: 'message-buffering',
    description:
      'Batches of small byte messages (a logger or socket writer queueing frames). Heap: one Buffer per message; ' +
      'arena: formatted in place into one reused region. Stresses scavenges of short-lived objects.',
    params: { messages: 1000, retain: 0 },
    modes,
  }),
  defineScenario({
    name: 'message-buffering-retained',
    description:
      'The same batches with the last `retain` kept alive (a replay buffer). Survivors are promoted, so the heap mode ' +
      'pays for old-space growth and major GCs; the arena ring holds the same bytes in a few ArrayBuffers.',
    params: { messages: 1000, retain: 200 },
    // Whether a run holds a major GC moves its throughput by tens of percent; 1 s runs hold several.
    minTimeMs: 1000,
    modes,
  }),
];
