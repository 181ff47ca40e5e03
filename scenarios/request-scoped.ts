/**
 * An HTTP/1.1 API server's per-request work: parse the request head, check the session cookie,
 * route, run the handler against an in-memory database, and render a JSON response with its head.
 * `inFlight` requests are open at once: each wave parses all of them, then handles all of them,
 * then responds to all of them, as an event loop interleaves requests between awaits (done
 * synchronously here so the checksum is deterministic and no promise allocation blurs the figures).
 * Heap mode is what a small framework does with strings and objects; arena mode gives each request
 * its own arena from an ArenaPool, released once the response has been sent.
 */
import { Buffer } from 'node:buffer';
import { type Arena, ArenaPool, defineScenario } from '../src/index.js';
import {
  createRequests,
  createUsers,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  orderId,
  orderTotalCents,
  REASONS,
  REQUEST_VARIETY,
  USERS,
  type User,
} from './support/api-requests.js';
import {
  ascii,
  contains,
  digitsValue,
  equalsAt,
  equalsIgnoreCase,
  indexOfByte,
  queryParam,
  valueEnd,
} from './support/bytes.js';
import { foldBytes, mix } from './support/checksum.js';

interface RequestParams extends Record<string, number> {
  requests: number;
  inFlight: number;
}

// ---- heap mode: strings and objects, as a small framework does it ----

interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

interface HttpResponse {
  status: number;
  body: string;
}

function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    query[key] = value.includes('%') ? decodeURIComponent(value) : value;
  }
  return query;
}

function parseHead(chunk: Buffer): HttpRequest {
  const lines = chunk.toString('latin1').split('\r\n');
  const [method = '', target = ''] = lines[0]!.split(' ');
  const question = target.indexOf('?');
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break;
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    method,
    path: question < 0 ? target : target.slice(0, question),
    query: question < 0 ? {} : parseQuery(target.slice(question + 1)),
    headers,
  };
}

function limitOf(query: Record<string, string>): number {
  return Math.min(MAX_LIMIT, Number(query.limit) || DEFAULT_LIMIT);
}

const NOT_FOUND: HttpResponse = { status: 404, body: JSON.stringify({ error: 'not found' }) };

function handle(request: HttpRequest, users: User[]): HttpResponse {
  const parts = request.path.split('/');
  if (request.path === '/health') return { status: 200, body: JSON.stringify({ ok: true }) };
  if (parts[1] !== 'users' && parts[1] !== 'search') return NOT_FOUND;
  if (!request.headers.cookie?.includes('session='))
    return { status: 401, body: JSON.stringify({ error: 'unauthorized' }) };
  if (parts[1] === 'search') {
    const q = request.query.q ?? '';
    const limit = limitOf(request.query);
    const hits: number[] = [];
    for (const user of users) {
      if (hits.length === limit) break;
      if (user.handle.startsWith(q)) hits.push(user.id);
    }
    return { status: 200, body: JSON.stringify({ q, hits }) };
  }
  const user = users[Number(parts[2]) - 1];
  if (user === undefined) return NOT_FOUND;
  if (parts.length === 3)
    return { status: 200, body: JSON.stringify({ id: user.id, name: user.name, plan: user.plan }) };
  if (parts[3] !== 'orders' || parts.length !== 4) return NOT_FOUND;
  const orders = [];
  for (let n = 0, limit = limitOf(request.query); n < limit; n++) {
    orders.push({ id: orderId(user.id, n), totalCents: orderTotalCents(user.id, n) });
  }
  return { status: 200, body: JSON.stringify({ user: user.id, orders }) };
}

function render(request: HttpRequest, response: HttpResponse): Buffer {
  const head =
    `HTTP/1.1 ${response.status} ${REASONS[response.status]}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(response.body)}\r\nX-Request-Id: ${request.headers['x-request-id'] ?? '-'}\r\n` +
    'Connection: keep-alive\r\n\r\n';
  return Buffer.from(head + response.body);
}

/** What the last operation sent stays reachable, as socket writes in progress would (docs/measurement.md#allocation-can-be-optimised-away). */
const sent: { responses: Buffer[] } = { responses: [] };

function heapMode({ requests, inFlight }: RequestParams) {
  const users = createUsers();
  const heads = createRequests();
  const parsed: HttpRequest[] = [];
  const handled: HttpResponse[] = [];
  let next = 0;
  return () => {
    const responses: Buffer[] = [];
    let hash = 0;
    for (let done = 0; done < requests; done += inFlight) {
      const wave = Math.min(inFlight, requests - done);
      for (let slot = 0; slot < wave; slot++) parsed[slot] = parseHead(heads[(next + slot) % REQUEST_VARIETY]!);
      for (let slot = 0; slot < wave; slot++) handled[slot] = handle(parsed[slot]!, users);
      for (let slot = 0; slot < wave; slot++) {
        const response = render(parsed[slot]!, handled[slot]!);
        responses.push(response);
        hash = mix(foldBytes(hash, response, 0, response.length), handled[slot]!.status);
      }
      next += wave;
    }
    sent.responses = responses;
    return hash;
  };
}

// ---- arena mode: byte ranges in a per-request arena ----

const SPACE = 0x20;
const QUESTION = 0x3f;
const CR = 0x0d;
const COLON = 0x3a;
const SLASH = 0x2f;

const PATH_HEALTH = ascii('/health');
const PATH_SEARCH = ascii('/search');
const PATH_USERS = ascii('/users/');
const PATH_ORDERS = ascii('/orders');
const HEADER_COOKIE = ascii('cookie');
const HEADER_REQUEST_ID = ascii('x-request-id');
const COOKIE_SESSION = ascii('session=');
const PARAM_Q = ascii('q');
const PARAM_LIMIT = ascii('limit');

/**
 * A parsed request lives at the start of its arena as int32 words: the head's ranges, then what the
 * handler produced. Ranges are byte offsets into the same arena, where the head was copied.
 */
const W_PATH_START = 0;
const W_PATH_END = 1;
const W_QUERY_START = 2;
const W_QUERY_END = 3;
const W_COOKIE_START = 4;
const W_COOKIE_END = 5;
const W_ID_START = 6;
const W_ID_END = 7;
const W_STATUS = 8;
const W_BODY_START = 9;
const W_BODY_END = 10;
const W_HEADERS = 11;
const MAX_HEADERS = 32;
/** After the fixed words, four per header: name start, name end, value start, value end. */
const INDEX_BYTES = (W_HEADERS + 1 + 4 * MAX_HEADERS) * 4;

/** The database as bytes, for copying into responses without making strings. */
interface UserBytes {
  bytes: Uint8Array;
  nameStart: Int32Array;
  handleStart: Int32Array;
  planStart: Int32Array;
  /** Each field ends where the next begins: name, handle, plan, then the next user's name. */
  end: Int32Array;
}

function encodeUsers(users: User[]): UserBytes {
  const text = users.map((u) => u.name + u.handle + u.plan).join('');
  const encoded: UserBytes = {
    bytes: ascii(text),
    nameStart: new Int32Array(users.length),
    handleStart: new Int32Array(users.length),
    planStart: new Int32Array(users.length),
    end: new Int32Array(users.length),
  };
  let at = 0;
  users.forEach((user, i) => {
    encoded.nameStart[i] = at;
    encoded.handleStart[i] = at += user.name.length;
    encoded.planStart[i] = at += user.handle.length;
    encoded.end[i] = at += user.plan.length;
  });
  return encoded;
}

function queryLimit(bytes: Uint8Array, view: DataView, index: number): number {
  const queryStart = getWord(view, index, W_QUERY_START);
  const queryEnd = getWord(view, index, W_QUERY_END);
  const start = queryParam(bytes, queryStart, queryEnd, PARAM_LIMIT);
  const value = start < 0 ? -1 : digitsValue(bytes, start, valueEnd(bytes, start, queryEnd));
  return Math.min(MAX_LIMIT, value > 0 ? value : DEFAULT_LIMIT);
}

function setWord(view: DataView, index: number, word: number, value: number): void {
  view.setInt32(index + word * 4, value, true);
}

function getWord(view: DataView, index: number, word: number): number {
  return view.getInt32(index + word * 4, true);
}

/** Copies the request head into the arena and records its ranges; returns the index's byte offset. */
function parseInto(arena: Arena, chunk: Uint8Array): number {
  const index = arena.offsetOf(arena.alloc(INDEX_BYTES, 4));
  const start = arena.offsetOf(arena.writeBytes(chunk));
  const end = start + chunk.length;
  const bytes = arena.bytes;
  const view = arena.dataView;
  const pathStart = indexOfByte(bytes, start, end, SPACE) + 1;
  let at = pathStart;
  while (bytes[at] !== SPACE && bytes[at] !== QUESTION) at++;
  setWord(view, index, W_PATH_START, pathStart);
  setWord(view, index, W_PATH_END, at);
  const queryStart = bytes[at] === QUESTION ? at + 1 : at;
  at = indexOfByte(bytes, at, end, SPACE);
  setWord(view, index, W_QUERY_START, queryStart);
  setWord(view, index, W_QUERY_END, at);
  setWord(view, index, W_COOKIE_START, -1);
  setWord(view, index, W_ID_START, -1);
  at = indexOfByte(bytes, at, end, CR) + 2;
  let headers = 0;
  while (bytes[at] !== CR) {
    const lineEnd = indexOfByte(bytes, at, end, CR);
    const colon = indexOfByte(bytes, at, lineEnd, COLON);
    let valueStart = colon + 1;
    while (bytes[valueStart] === SPACE) valueStart++;
    let valueStop = lineEnd;
    while (valueStop > valueStart && bytes[valueStop - 1] === SPACE) valueStop--;
    if (headers < MAX_HEADERS) {
      const word = W_HEADERS + 1 + 4 * headers++;
      setWord(view, index, word, at);
      setWord(view, index, word + 1, colon);
      setWord(view, index, word + 2, valueStart);
      setWord(view, index, word + 3, valueStop);
    }
    if (equalsIgnoreCase(bytes, at, colon, HEADER_COOKIE)) {
      setWord(view, index, W_COOKIE_START, valueStart);
      setWord(view, index, W_COOKIE_END, valueStop);
    } else if (equalsIgnoreCase(bytes, at, colon, HEADER_REQUEST_ID)) {
      setWord(view, index, W_ID_START, valueStart);
      setWord(view, index, W_ID_END, valueStop);
    }
    at = lineEnd + 2;
  }
  setWord(view, index, W_HEADERS, headers);
  return index;
}

/** Copies bytes from another array (the database) to the arena's bump pointer. */
function writeRange(arena: Arena, from: Uint8Array, start: number, end: number): void {
  const at = arena.offsetOf(arena.alloc(end - start, 1));
  const bytes = arena.bytes;
  for (let i = start; i < end; i++) bytes[at + i - start] = from[i]!;
}

/** Copies bytes within the arena (from the request head) to its bump pointer. */
function writeOwnRange(arena: Arena, start: number, end: number): void {
  const at = arena.offsetOf(arena.alloc(end - start, 1));
  arena.bytes.copyWithin(at, start, end);
}

/** Routes and runs the handler, writing the JSON body into the arena; records status and body range. */
function handleInto(arena: Arena, index: number, users: UserBytes): void {
  const bytes = arena.bytes;
  const view = arena.dataView;
  const pathStart = getWord(view, index, W_PATH_START);
  const pathEnd = getWord(view, index, W_PATH_END);
  const bodyStart = arena.usedBytes;
  let status = 200;
  const isUsers = equalsAt(bytes, pathStart, pathEnd, PATH_USERS);
  const isSearch = pathEnd - pathStart === PATH_SEARCH.length && equalsAt(bytes, pathStart, pathEnd, PATH_SEARCH);
  const cookieStart = getWord(view, index, W_COOKIE_START);
  if (pathEnd - pathStart === PATH_HEALTH.length && equalsAt(bytes, pathStart, pathEnd, PATH_HEALTH)) {
    arena.writeAscii('{"ok":true}');
  } else if (!isUsers && !isSearch) {
    status = 404;
  } else if (cookieStart < 0 || !contains(bytes, cookieStart, getWord(view, index, W_COOKIE_END), COOKIE_SESSION)) {
    status = 401;
    arena.writeAscii('{"error":"unauthorized"}');
  } else if (isSearch) {
    const queryEnd = getWord(view, index, W_QUERY_END);
    let qStart = queryParam(bytes, getWord(view, index, W_QUERY_START), queryEnd, PARAM_Q);
    let qEnd = qStart < 0 ? -1 : valueEnd(bytes, qStart, queryEnd);
    if (qStart < 0) qStart = qEnd = 0;
    const limit = queryLimit(bytes, view, index);
    arena.writeAscii('{"q":"');
    writeOwnRange(arena, qStart, qEnd);
    arena.writeAscii('","hits":[');
    let hits = 0;
    for (let u = 0; u < USERS && hits < limit; u++) {
      const handleStart = users.handleStart[u]!;
      if (users.planStart[u]! - handleStart < qEnd - qStart) continue;
      let match = true;
      for (let i = 0; i < qEnd - qStart && match; i++) match = users.bytes[handleStart + i] === arena.bytes[qStart + i];
      if (!match) continue;
      if (hits++ > 0) arena.writeAscii(',');
      arena.writeInt(u + 1);
    }
    arena.writeAscii(']}');
  } else {
    let idEnd = pathStart + PATH_USERS.length;
    while (idEnd < pathEnd && bytes[idEnd] !== SLASH) idEnd++;
    const id = digitsValue(bytes, pathStart + PATH_USERS.length, idEnd);
    const rest = pathEnd - idEnd;
    if (
      id < 1 ||
      id > USERS ||
      (rest !== 0 && !(rest === PATH_ORDERS.length && equalsAt(bytes, idEnd, pathEnd, PATH_ORDERS)))
    ) {
      status = 404;
    } else if (rest === 0) {
      const u = id - 1;
      arena.writeAscii('{"id":');
      arena.writeInt(id);
      arena.writeAscii(',"name":"');
      writeRange(arena, users.bytes, users.nameStart[u]!, users.handleStart[u]!);
      arena.writeAscii('","plan":"');
      writeRange(arena, users.bytes, users.planStart[u]!, users.end[u]!);
      arena.writeAscii('"}');
    } else {
      arena.writeAscii('{"user":');
      arena.writeInt(id);
      arena.writeAscii(',"orders":[');
      for (let n = 0, limit = queryLimit(bytes, view, index); n < limit; n++) {
        arena.writeAscii(n === 0 ? '{"id":' : ',{"id":');
        arena.writeInt(orderId(id, n));
        arena.writeAscii(',"totalCents":');
        arena.writeInt(orderTotalCents(id, n));
        arena.writeAscii('}');
      }
      arena.writeAscii(']}');
    }
  }
  if (status === 404) arena.writeAscii('{"error":"not found"}');
  setWord(view, index, W_STATUS, status);
  setWord(view, index, W_BODY_START, bodyStart);
  setWord(view, index, W_BODY_END, arena.usedBytes);
}

const STATUS_LINES: Record<number, string> = Object.fromEntries(
  Object.entries(REASONS).map(([status, reason]) => [
    status,
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n`,
  ]),
);

/** Writes the response head after the body and folds head then body into `hash`: what writev would send. */
function respondFrom(arena: Arena, index: number, hash: number): number {
  const view = arena.dataView;
  const status = getWord(view, index, W_STATUS);
  const bodyStart = getWord(view, index, W_BODY_START);
  const bodyEnd = getWord(view, index, W_BODY_END);
  const headStart = arena.usedBytes;
  arena.writeAscii(STATUS_LINES[status]!);
  arena.writeAscii('Content-Length: ');
  arena.writeInt(bodyEnd - bodyStart);
  arena.writeAscii('\r\nX-Request-Id: ');
  const idStart = getWord(view, index, W_ID_START);
  if (idStart < 0) arena.writeAscii('-');
  else writeOwnRange(arena, idStart, getWord(view, index, W_ID_END));
  arena.writeAscii('\r\nConnection: keep-alive\r\n\r\n');
  const bytes = arena.bytes;
  return mix(foldBytes(foldBytes(hash, bytes, headStart, arena.usedBytes), bytes, bodyStart, bodyEnd), status);
}

function arenaMode({ requests, inFlight }: RequestParams) {
  const users = encodeUsers(createUsers());
  const heads = createRequests();
  // One 8 KiB arena per request in flight, made before timing: the pool hands the same ones back.
  const pool = new ArenaPool({ initialBytes: 8 * 1024, maxIdle: inFlight });
  const open: Arena[] = Array.from({ length: inFlight }, () => pool.acquire());
  for (const arena of open) pool.release(arena);
  const indexes = new Int32Array(inFlight);
  let next = 0;
  return () => {
    let hash = 0;
    for (let done = 0; done < requests; done += inFlight) {
      const wave = Math.min(inFlight, requests - done);
      for (let slot = 0; slot < wave; slot++) {
        const arena = pool.acquire();
        open[slot] = arena;
        indexes[slot] = parseInto(arena, heads[(next + slot) % REQUEST_VARIETY]!);
      }
      for (let slot = 0; slot < wave; slot++) handleInto(open[slot]!, indexes[slot]!, users);
      for (let slot = 0; slot < wave; slot++) {
        hash = respondFrom(open[slot]!, indexes[slot]!, hash);
        pool.release(open[slot]!);
      }
      next += wave;
    }
    return hash;
  };
}

export default defineScenario({
  name: 'request-scoped',
  description:
    'An HTTP/1.1 JSON API: parse `requests` request heads, check the session cookie, route, query an in-memory ' +
    'database and render each response, with `inFlight` requests open at once (phases interleaved as between awaits). ' +
    'Heap: split strings, header and query objects, JSON.stringify, one Buffer per response; arena: one arena per ' +
    'request from an ArenaPool, ranges into the copied head, the body and head written in place, released after the ' +
    'send (what it still allocates, ~55 B a request, is ArenaPool bookkeeping). Stresses scavenges of request-scoped ' +
    'garbage, a little of it surviving while requests overlap.',
  params: { requests: 64, inFlight: 8 },
  modes: { heap: heapMode, arena: arenaMode },
});
