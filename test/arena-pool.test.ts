import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Arena, ArenaError, ArenaPool } from '../src/arena/index.js';

test('a released arena is reset and handed out again', () => {
  const pool = new ArenaPool({ initialBytes: 1024 });
  const first = pool.acquire();
  const second = pool.acquire();
  assert.notEqual(first, second);
  first.alloc(100);
  pool.release(first);
  assert.deepEqual(pool.stats, { idle: 1, leased: 1, created: 2 });
  const again = pool.acquire();
  assert.equal(again, first);
  assert.deepEqual([again.usedBytes, again.capacityBytes, again.stats.resets], [0, 1024, 1]);
  assert.deepEqual(pool.stats, { idle: 0, leased: 2, created: 2 });
});

test('releases beyond maxIdle free the arena instead of keeping it', () => {
  const pool = new ArenaPool({ maxIdle: 1 });
  const [a, b] = [pool.acquire(), pool.acquire()];
  pool.release(a);
  pool.release(b);
  assert.deepEqual([a.freed, b.freed], [false, true]);
  assert.deepEqual(pool.stats, { idle: 1, leased: 0, created: 2 });
});

test('releasing twice, or an arena from elsewhere, throws', () => {
  const pool = new ArenaPool();
  const arena = pool.acquire();
  pool.release(arena);
  assert.throws(
    () => pool.release(arena),
    (error: unknown) => error instanceof ArenaError && /not leased from this pool/.test(error.message),
  );
  assert.throws(() => pool.release(new ArenaPool().acquire()), ArenaError);
});

test('arena options pass through; disposing the pool frees the idle arenas', () => {
  let idle: Arena;
  {
    using pool = new ArenaPool({ checked: true, initialBytes: 128 });
    idle = pool.acquire();
    assert.deepEqual([idle.checked, idle.capacityBytes], [true, 128]);
    pool.release(idle);
  }
  assert.equal(idle.freed, true);
});
