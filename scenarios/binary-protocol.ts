/**
 * A gateway speaking a length-prefixed binary protocol (order-entry frames with TLV tags, in the
 * spirit of FIX/SBE or a msgpack-style RPC): decode a batch of frames read from a socket, total the
 * notional per side, and encode one acknowledgement frame per message. Heap mode decodes into
 * objects with string symbols and Buffer slices for tag values, and encodes one Buffer per ack;
 * arena mode decodes into typed columns and byte ranges and encodes the acks back to back.
 */
import { Arena, defineScenario } from '../src/index.js';
import { hashBytes, mix } from './support/checksum.js';
import { createRandom } from './support/random.js';

interface ProtocolParams extends Record<string, number> {
  messages: number;
}

// Frame: u32 length of the rest | u8 kind | u32 orderId | u8 side | u16 symbol length | symbol |
//        f64 price | u32 quantity | u8 tag count | tags: (u16 tag | u8 length | value)…, little-endian.
// Ack:   u32 length of the rest | u8 0x80 | kind | u32 orderId | u16 symbol length | symbol |
//        u32 price in ticks | u32 quantity | u16 client id length | client id (tag 11's value, or empty).
const KIND_NEW = 1;
const KIND_CANCEL = 2;
const KIND_TRADE = 3;
const SIDE_BUY = 1;
const TAG_CLIENT_ORDER_ID = 11;
const MAX_TAGS = 4;

const SYMBOLS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'TSLA', 'BRK.B', 'JPM', 'V', 'XOM'];
const VENUES = ['XNAS', 'XNYS', 'BATS', 'IEXG'];

/** A batch of `messages` frames as the socket delivered it, the same bytes for every mode. */
function createBatch(messages: number): Buffer {
  const random = createRandom(0xb1_7a_11);
  const frames: Buffer[] = [];
  for (let i = 0; i < messages; i++) {
    const symbol = random.pick(SYMBOLS);
    const tags: [number, string][] = [];
    if (random.below(8) !== 0) tags.push([TAG_CLIENT_ORDER_ID, `C${random.below(1_000_000_000)}`]);
    if (random.below(2) === 0) tags.push([100, random.pick(VENUES)]);
    if (random.below(4) === 0) tags.push([58, `note: ${'x'.repeat(random.below(24))}`]);
    const tagBytes = tags.reduce((sum, [, value]) => sum + 3 + value.length, 0);
    const frame = Buffer.alloc(4 + 1 + 4 + 1 + 2 + symbol.length + 8 + 4 + 1 + tagBytes);
    let at = frame.writeUInt32LE(frame.length - 4, 0);
    at = frame.writeUInt8(random.pick([KIND_NEW, KIND_NEW, KIND_CANCEL, KIND_TRADE]), at);
    at = frame.writeUInt32LE(1_000_000 + i, at);
    at = frame.writeUInt8(1 + random.below(2), at);
    at = frame.writeUInt16LE(symbol.length, at);
    at += frame.write(symbol, at, 'latin1');
    at = frame.writeDoubleLE(random.below(5_000_000) / 100, at);
    at = frame.writeUInt32LE(1 + random.below(10_000), at);
    at = frame.writeUInt8(tags.length, at);
    for (const [tag, value] of tags) {
      at = frame.writeUInt16LE(tag, at);
      at = frame.writeUInt8(value.length, at);
      at += frame.write(value, at, 'latin1');
    }
    frames.push(frame);
  }
  return Buffer.concat(frames);
}

/** The totals both modes compute from the decoded batch, summed in message order. */
function notionalChecksum(hash: number, buy: number, sell: number): number {
  return mix(mix(hash, Math.round(buy)), Math.round(sell));
}

interface Tag {
  tag: number;
  value: Buffer;
}

interface OrderMessage {
  kind: number;
  orderId: number;
  side: number;
  symbol: string;
  price: number;
  quantity: number;
  tags: Tag[];
}

function decodeFrames(input: Buffer): OrderMessage[] {
  const messages: OrderMessage[] = [];
  let at = 0;
  while (at < input.length) {
    const end = at + 4 + input.readUInt32LE(at);
    at += 4;
    const kind = input[at++]!;
    const orderId = input.readUInt32LE(at);
    const side = input[at + 4]!;
    const symbolLength = input.readUInt16LE(at + 5);
    at += 7;
    const symbol = input.toString('latin1', at, at + symbolLength);
    at += symbolLength;
    const price = input.readDoubleLE(at);
    const quantity = input.readUInt32LE(at + 8);
    const tagCount = input[at + 12]!;
    at += 13;
    const tags: Tag[] = [];
    for (let t = 0; t < tagCount; t++) {
      const length = input[at + 2]!;
      tags.push({ tag: input.readUInt16LE(at), value: input.subarray(at + 3, at + 3 + length) });
      at += 3 + length;
    }
    if (at !== end) throw new RangeError(`binary-protocol: frame ends at ${at}, its length says ${end}`);
    messages.push({ kind, orderId, side, symbol, price, quantity, tags });
  }
  return messages;
}

function encodeAck(message: OrderMessage): Buffer {
  const clientId = message.tags.find((tag) => tag.tag === TAG_CLIENT_ORDER_ID)?.value;
  const clientIdLength = clientId?.length ?? 0;
  const ack = Buffer.allocUnsafe(4 + 2 + 4 + 2 + message.symbol.length + 4 + 4 + 2 + clientIdLength);
  let at = ack.writeUInt32LE(ack.length - 4, 0);
  ack[at++] = 0x80;
  ack[at++] = message.kind;
  at = ack.writeUInt32LE(message.orderId, at);
  at = ack.writeUInt16LE(message.symbol.length, at);
  at += ack.write(message.symbol, at, 'latin1');
  at = ack.writeUInt32LE(Math.round(message.price * 100), at);
  at = ack.writeUInt32LE(message.quantity, at);
  at = ack.writeUInt16LE(clientIdLength, at);
  if (clientId !== undefined) clientId.copy(ack, at);
  return ack;
}

/** The decoded batch and the encoded acks stay reachable until the next batch (docs/measurement.md#allocation-can-be-optimised-away). */
const lastBatch: { messages: OrderMessage[]; acks: Buffer | null } = { messages: [], acks: null };

function heapMode({ messages }: ProtocolParams) {
  const input = createBatch(messages);
  return () => {
    const decoded = decodeFrames(input);
    let buy = 0;
    let sell = 0;
    const acks: Buffer[] = [];
    for (const message of decoded) {
      if (message.kind !== KIND_CANCEL) {
        if (message.side === SIDE_BUY) buy += message.price * message.quantity;
        else sell += message.price * message.quantity;
      }
      acks.push(encodeAck(message));
    }
    const output = Buffer.concat(acks);
    lastBatch.messages = decoded;
    lastBatch.acks = output;
    return notionalChecksum(hashBytes(0, output, 0, output.length), buy, sell);
  };
}

/** The decoded batch, one typed column per field; symbols and tag values are byte ranges into the input. */
interface Columns {
  kind: Uint8Array;
  orderId: Uint32Array;
  side: Uint8Array;
  symbolStart: Uint32Array;
  symbolLength: Uint16Array;
  price: Float64Array;
  quantity: Uint32Array;
  firstTag: Uint32Array;
  tagCount: Uint8Array;
  tag: Uint16Array;
  tagStart: Uint32Array;
  tagLength: Uint8Array;
}

function decodeColumns(input: Uint8Array, view: DataView, columns: Columns, capacity: number): number {
  let at = 0;
  let row = 0;
  let tags = 0;
  while (at < input.length) {
    if (row === capacity) throw new RangeError(`binary-protocol: more than ${capacity} frames in the batch`);
    const end = at + 4 + view.getUint32(at, true);
    at += 4;
    columns.kind[row] = input[at++]!;
    columns.orderId[row] = view.getUint32(at, true);
    columns.side[row] = input[at + 4]!;
    const symbolLength = view.getUint16(at + 5, true);
    columns.symbolStart[row] = at + 7;
    columns.symbolLength[row] = symbolLength;
    at += 7 + symbolLength;
    columns.price[row] = view.getFloat64(at, true);
    columns.quantity[row] = view.getUint32(at + 8, true);
    const tagCount = input[at + 12]!;
    at += 13;
    columns.firstTag[row] = tags;
    columns.tagCount[row] = tagCount;
    for (let t = 0; t < tagCount; t++, tags++) {
      columns.tag[tags] = view.getUint16(at, true);
      columns.tagLength[tags] = input[at + 2]!;
      columns.tagStart[tags] = at + 3;
      at += 3 + input[at + 2]!;
    }
    if (at !== end) throw new RangeError(`binary-protocol: frame ends at ${at}, its length says ${end}`);
    row++;
  }
  return row;
}

function copyRange(from: Uint8Array, start: number, length: number, to: Uint8Array, at: number): void {
  for (let i = 0; i < length; i++) to[at + i] = from[start + i]!;
}

/** Encodes row `row`'s ack at the arena's bump pointer. */
function encodeAckInto(arena: Arena, input: Uint8Array, columns: Columns, row: number): void {
  let clientStart = 0;
  let clientLength = 0;
  for (let t = columns.firstTag[row]!, last = t + columns.tagCount[row]!; t < last; t++) {
    if (columns.tag[t] === TAG_CLIENT_ORDER_ID) {
      clientStart = columns.tagStart[t]!;
      clientLength = columns.tagLength[t]!;
      break;
    }
  }
  const symbolLength = columns.symbolLength[row]!;
  const byteLength = 4 + 2 + 4 + 2 + symbolLength + 4 + 4 + 2 + clientLength;
  let at = arena.offsetOf(arena.alloc(byteLength, 1));
  const bytes = arena.bytes;
  const view = arena.dataView;
  view.setUint32(at, byteLength - 4, true);
  bytes[at + 4] = 0x80;
  bytes[at + 5] = columns.kind[row]!;
  view.setUint32(at + 6, columns.orderId[row]!, true);
  view.setUint16(at + 10, symbolLength, true);
  copyRange(input, columns.symbolStart[row]!, symbolLength, bytes, at + 12);
  at += 12 + symbolLength;
  view.setUint32(at, Math.round(columns.price[row]! * 100), true);
  view.setUint32(at + 4, columns.quantity[row]!, true);
  view.setUint16(at + 8, clientLength, true);
  copyRange(input, clientStart, clientLength, bytes, at + 10);
}

function arenaMode({ messages }: ProtocolParams) {
  const input = new Uint8Array(createBatch(messages));
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const tagCapacity = messages * MAX_TAGS;
  // Columns (~30 bytes a message plus 7 a tag) and the acks (≤ 64 bytes a message).
  const arena = new Arena({ initialBytes: messages * 128 + tagCapacity * 8 + 1024 });
  return () => {
    arena.reset();
    const columns: Columns = {
      kind: arena.makeSlice(Uint8Array, messages),
      orderId: arena.makeSlice(Uint32Array, messages),
      side: arena.makeSlice(Uint8Array, messages),
      symbolStart: arena.makeSlice(Uint32Array, messages),
      symbolLength: arena.makeSlice(Uint16Array, messages),
      price: arena.makeSlice(Float64Array, messages),
      quantity: arena.makeSlice(Uint32Array, messages),
      firstTag: arena.makeSlice(Uint32Array, messages),
      tagCount: arena.makeSlice(Uint8Array, messages),
      tag: arena.makeSlice(Uint16Array, tagCapacity),
      tagStart: arena.makeSlice(Uint32Array, tagCapacity),
      tagLength: arena.makeSlice(Uint8Array, tagCapacity),
    };
    const rows = decodeColumns(input, view, columns, messages);
    let buy = 0;
    let sell = 0;
    const outputStart = arena.usedBytes;
    for (let row = 0; row < rows; row++) {
      if (columns.kind[row] !== KIND_CANCEL) {
        if (columns.side[row] === SIDE_BUY) buy += columns.price[row]! * columns.quantity[row]!;
        else sell += columns.price[row]! * columns.quantity[row]!;
      }
      encodeAckInto(arena, input, columns, row);
    }
    // The acks lie back to back from outputStart: one write to the socket.
    return notionalChecksum(hashBytes(0, arena.bytes, outputStart, arena.usedBytes), buy, sell);
  };
}

export default defineScenario({
  name: 'binary-protocol',
  description:
    'An order gateway decoding `messages` length-prefixed binary frames with TLV tags and encoding an ack per frame ' +
    '(FIX/SBE- or msgpack-style framing). Heap: an object, a symbol string and Buffer slices per message, one Buffer ' +
    'per ack, Buffer.concat; arena: typed columns and byte ranges, acks encoded back to back, only 12 typed-array ' +
    'views (≈1.3 KiB) allocated per batch. Stresses scavenges of many small objects and Buffer views.',
  params: { messages: 1000 },
  modes: { heap: heapMode, arena: arenaMode },
});
