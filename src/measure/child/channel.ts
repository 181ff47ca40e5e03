/**
 * The private channel between arena-bench and a child: file descriptor 3, not Node's IPC, so a
 * scenario has no process.send to answer with. Each direction carries frames: a 4-byte big-endian
 * length, then one value in V8's serialisation. Every job carries a random key, and only a reply
 * carrying the same key is the worker's: a scenario can write to the descriptor, but cannot know
 * the key, so it cannot forge a reply.
 */
import { deserialize, serialize } from 'node:v8';
import type { WorkerJob, WorkerReply } from '../job.js';

/** The descriptor of the channel in the child. */
export const CHANNEL_FD = 3;

const LENGTH_BYTES = 4;

export function encodeFrame(value: unknown): Buffer {
  const body = serialize(value);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/** The values of the whole frames in `bytes`, and how many bytes they took. */
export function decodeFrames(bytes: Buffer): { values: unknown[]; usedBytes: number } {
  const values: unknown[] = [];
  let at = 0;
  while (bytes.length - at >= LENGTH_BYTES) {
    const end = at + LENGTH_BYTES + bytes.readUInt32BE(at);
    if (end > bytes.length) break;
    values.push(deserialize(bytes.subarray(at + LENGTH_BYTES, end)));
    at = end;
  }
  return { values, usedBytes: at };
}

/** What the parent sends: the job, how long the child may live, and the key its reply must carry. */
export interface JobFrame {
  key: string;
  timeoutMs: number;
  job: WorkerJob;
}

export interface ReplyFrame {
  key: string;
  reply: WorkerReply;
}
