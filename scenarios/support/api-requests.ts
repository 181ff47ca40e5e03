/**
 * request-scoped's workload, the same in both modes: the API's users, the request heads the socket
 * delivers, each user's made-up orders, the status lines' reasons.
 */
import { Buffer } from 'node:buffer';
import { createRandom } from './random.js';

const FIRST_NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lena'];
const LAST_NAMES = ['Smith', 'Jones', 'Ng', 'Okoro', 'Silva', 'Weber', 'Kim', 'Patel', 'Rossi', 'Haddad'];
const PLANS = ['free', 'pro', 'team'];
const USER_AGENTS = [
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
];
export const USERS = 500;
/** Distinct request heads prepared in setup; operations walk through them in order. */
export const REQUEST_VARIETY = 256;
export const MAX_LIMIT = 20;
export const DEFAULT_LIMIT = 10;

export interface User {
  id: number;
  name: string;
  handle: string;
  plan: string;
}

export function createUsers(): User[] {
  const random = createRandom(0xdb);
  return Array.from({ length: USERS }, (_, i) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    return {
      id: i + 1,
      name: `${first} ${last}`,
      handle: `${first}.${last}${i}`.toLowerCase(),
      plan: random.pick(PLANS),
    };
  });
}

function hex(random: ReturnType<typeof createRandom>, digits: number): string {
  let text = '';
  while (text.length < digits) text += random.next().toString(16).padStart(8, '0');
  return text.slice(0, digits);
}

/** Request heads as the socket delivered them: GETs on five routes, some without a session or a request id. */
export function createRequests(): Buffer[] {
  const random = createRandom(0x4e77);
  return Array.from({ length: REQUEST_VARIETY }, () => {
    const id = 1 + random.below(USERS + 20); // a few ids have no user: 404
    const limit = random.below(4) === 0 ? '' : `limit=${1 + random.below(30)}`;
    const target = random.pick([
      `/users/${id}`,
      `/users/${id}`,
      `/users/${id}/orders${limit ? `?${limit}` : ''}`,
      `/search?q=${random
        .pick(FIRST_NAMES)
        .toLowerCase()
        .slice(0, 1 + random.below(2))}${limit ? `&${limit}` : ''}`,
      '/health',
      `/admin/${id}`,
    ]);
    let head = `GET ${target} HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: ${random.pick(USER_AGENTS)}\r\n`;
    head += 'Accept: application/json\r\nAccept-Encoding: gzip, deflate, br\r\n';
    if (random.below(10) !== 0) head += `Cookie: theme=dark; session=${hex(random, 32)}\r\n`;
    if (random.below(8) !== 0) head += `X-Request-Id: ${hex(random, 16)}\r\n`;
    return Buffer.from(`${head}\r\n`, 'latin1');
  });
}

/** Order `n` of a user: the same made-up history in both modes. */
export function orderId(user: number, n: number): number {
  return user * 100 + n;
}
export function orderTotalCents(user: number, n: number): number {
  return (user * 7919 + n * 104_729) % 100_000;
}

export const REASONS: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 404: 'Not Found' };
