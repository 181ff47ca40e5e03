/**
 * A structured logger's flush: each log call's timestamp, level, message and key=value fields are
 * formatted into one line, and a batch of lines becomes one output buffer handed to the file or
 * socket. Heap mode writes it the way most Node loggers do (an ISO timestamp from Date, a template
 * string per line, one Buffer per flush); arena mode formats every byte in place.
 */
import { Arena, defineScenario } from '../src/index.js';
import { hashBytes } from './support/checksum.js';
import { createRandom } from './support/random.js';

const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'] as const;
const MESSAGES = ['request completed', 'cache miss', 'upstream slow', 'session refreshed', 'rate limited'] as const;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'] as const;
const RESOURCES = ['users', 'orders', 'invoices', 'products'] as const;
const STATUSES = [200, 200, 200, 201, 204, 304, 400, 404, 500] as const;

/** 2024-04-25T00:00:00.000Z: every line's time is this plus a few milliseconds per line. */
const EPOCH_MS = 1_714_003_200_000;
/** Distinct log calls prepared in setup; operations walk through them in order. */
const EVENTS = 4096;

/** The arguments of the log calls, prepared once so both modes format exactly the same values. */
interface Events {
  level: Uint8Array;
  message: Uint8Array;
  user: Uint8Array;
  resource: Uint8Array;
  id: Int32Array;
  status: Uint16Array;
  bytes: Int32Array;
  durationMs: Int32Array;
}

function createEvents(): Events {
  const random = createRandom(0x10a6);
  const events: Events = {
    level: new Uint8Array(EVENTS),
    message: new Uint8Array(EVENTS),
    user: new Uint8Array(EVENTS),
    resource: new Uint8Array(EVENTS),
    id: new Int32Array(EVENTS),
    status: new Uint16Array(EVENTS),
    bytes: new Int32Array(EVENTS),
    durationMs: new Int32Array(EVENTS),
  };
  for (let i = 0; i < EVENTS; i++) {
    events.level[i] = random.below(LEVELS.length);
    events.message[i] = random.below(MESSAGES.length);
    events.user[i] = random.below(USERS.length);
    events.resource[i] = random.below(RESOURCES.length);
    events.id[i] = 1 + random.below(999_999);
    events.status[i] = STATUSES[random.below(STATUSES.length)]!;
    events.bytes[i] = random.below(2_000_000);
    events.durationMs[i] = random.below(random.below(8) === 0 ? 5000 : 80);
  }
  return events;
}

/** What heap mode writes out stays reachable, as a real flush's buffer would until the write completes. */
const flushed: Buffer[] = [];

interface LogParams extends Record<string, number> {
  lines: number;
}

/** Lines are 3 ms apart and request ids count up, continuing from one flush to the next. */
function timeOf(line: number): number {
  return EPOCH_MS + line * 3;
}

function heapMode({ lines }: LogParams) {
  const events = createEvents();
  let line = 0;
  return () => {
    const chunks: string[] = [];
    for (let i = 0; i < lines; i++, line++) {
      const e = line % EVENTS;
      chunks.push(
        `${new Date(timeOf(line)).toISOString()} ${LEVELS[events.level[e]!]} ${MESSAGES[events.message[e]!]} ` +
          `reqId=${100_000_000 + line} user=${USERS[events.user[e]!]} path=/api/${RESOURCES[events.resource[e]!]}/${events.id[e]} ` +
          `status=${events.status[e]} bytes=${events.bytes[e]} durationMs=${events.durationMs[e]}\n`,
      );
    }
    const output = Buffer.from(chunks.join(''));
    flushed[0] = output;
    return hashBytes(0, output, 0, output.length);
  };
}

/** Writes `value` as exactly `width` decimal digits, zero-padded. */
function writePadded(bytes: Uint8Array, at: number, value: number, width: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    const quotient = Math.floor(value / 10);
    bytes[i] = 0x30 + value - quotient * 10;
    value = quotient;
  }
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` for the time of `line` (after 1970), byte for byte what Date#toISOString
 * gives. It takes the line number, not the time: a time in milliseconds is beyond a small integer,
 * and passing it to a call that is not inlined would box it in a fresh 16-byte HeapNumber.
 */
function writeIsoTime(arena: Arena, line: number): void {
  const timeMs = timeOf(line);
  const at = arena.offsetOf(arena.alloc(24, 1));
  const bytes = arena.bytes;
  const days = Math.floor(timeMs / 86_400_000);
  let msOfDay = timeMs - days * 86_400_000;
  // Civil date from days since 1970-01-01 (Howard Hinnant, "chrono-compatible low-level date algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  writePadded(bytes, at, year, 4);
  bytes[at + 4] = 0x2d; // -
  writePadded(bytes, at + 5, month, 2);
  bytes[at + 7] = 0x2d;
  writePadded(bytes, at + 8, day, 2);
  bytes[at + 10] = 0x54; // T
  const hours = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hours * 3_600_000;
  const minutes = Math.floor(msOfDay / 60_000);
  msOfDay -= minutes * 60_000;
  const seconds = Math.floor(msOfDay / 1000);
  writePadded(bytes, at + 11, hours, 2);
  bytes[at + 13] = 0x3a; // :
  writePadded(bytes, at + 14, minutes, 2);
  bytes[at + 16] = 0x3a;
  writePadded(bytes, at + 17, seconds, 2);
  bytes[at + 19] = 0x2e; // .
  writePadded(bytes, at + 20, msOfDay - seconds * 1000, 3);
  bytes[at + 23] = 0x5a; // Z
}

function arenaMode({ lines }: LogParams) {
  const events = createEvents();
  // Sized for the longest possible line so that a flush never grows the region.
  const arena = new Arena({ initialBytes: lines * 192 });
  let line = 0;
  return () => {
    arena.reset();
    for (let i = 0; i < lines; i++, line++) {
      const e = line % EVENTS;
      writeIsoTime(arena, line);
      arena.writeAscii(' ');
      arena.writeAscii(LEVELS[events.level[e]!]!);
      arena.writeAscii(' ');
      arena.writeAscii(MESSAGES[events.message[e]!]!);
      arena.writeAscii(' reqId=');
      arena.writeInt(100_000_000 + line);
      arena.writeAscii(' user=');
      arena.writeAscii(USERS[events.user[e]!]!);
      arena.writeAscii(' path=/api/');
      arena.writeAscii(RESOURCES[events.resource[e]!]!);
      arena.writeAscii('/');
      arena.writeInt(events.id[e]!);
      arena.writeAscii(' status=');
      arena.writeInt(events.status[e]!);
      arena.writeAscii(' bytes=');
      arena.writeInt(events.bytes[e]!);
      arena.writeAscii(' durationMs=');
      arena.writeInt(events.durationMs[e]!);
      arena.writeAscii('\n');
    }
    // The flush would write arena.bytes[0, usedBytes) to the file descriptor, then reset.
    return hashBytes(0, arena.bytes, 0, arena.usedBytes);
  };
}

export default defineScenario({
  name: 'log-lines',
  description:
    'A structured logger flushing `lines` log lines (ISO timestamp, level, message, key=value fields) into one output ' +
    'buffer, like pino or winston writing to a file. Heap: Date#toISOString and a template string per line, one Buffer ' +
    'per flush; arena: digits and text written in place into one reused region. Stresses scavenges: every line is a ' +
    'handful of short-lived strings.',
  params: { lines: 500 },
  modes: { heap: heapMode, arena: arenaMode },
});
