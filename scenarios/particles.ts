/**
 * A particle system, one operation per simulation tick: `spawn` particles are born, every particle
 * moves under gravity and drag and bounces off the floor, and the ones whose life runs out are
 * removed by swapping the last one into their place. Particles live for maxLife/2..maxLife ticks:
 * middle-aged objects that a scavenge must copy, and that longer lives would get promoted.
 */
import { Arena, defineScenario } from '../src/index.js';
import { mix } from './support/checksum.js';
import { createRandom, type Random } from './support/random.js';

interface ParticleParams extends Record<string, number> {
  spawn: number;
  maxLife: number;
}

const DT = 1 / 60;
const GRAVITY = -9.81;
const DRAG = 0.999;
const BOUNCE = 0.8;
const SEED = 0x9a271c1e;

/**
 * A plain object literal, not a TypeScript class with declared fields: compiled for ES2022, declared
 * fields are defined as `undefined` first, so V8 gives them the generic representation and every
 * store of a double then boxes a fresh 16-byte HeapNumber (1.1 MiB a tick here, measured). The
 * literal keeps the fields as in-place doubles, as a careful developer would.
 */
interface Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
  life: number;
}

// Every mode draws a new particle's x, y, vx, vy and life from the generator in this order. Some are
// born falling, so the bounce runs in the first ticks of setup: code first reached after the JIT
// has optimised the loop would deoptimise it inside the timed window.

/** Ticks a new particle lives. */
function birthLife(random: Random, maxLife: number): number {
  return (maxLife >> 1) + random.below(maxLife - (maxLife >> 1));
}

/** The checksum of one tick: the population and its quantised position sums. */
function tickChecksum(count: number, sumX: number, sumY: number): number {
  return mix(mix(mix(0, count), Math.round(sumX * 16)), Math.round(sumY * 16));
}

/** Module-level, so the population is reachable from the roots like a game's world state. */
const heapWorld: { particles: Particle[]; free: Particle[] } = { particles: [], free: [] };

/** Heap mode (`pooled` false) and pool mode (`pooled` true): the same array of objects, with or without a free list. */
function objectMode(pooled: boolean) {
  return ({ spawn, maxLife }: ParticleParams) => {
    const random = createRandom(SEED);
    const particles: Particle[] = [];
    const free: Particle[] = [];
    heapWorld.particles = particles;
    heapWorld.free = free;
    const tick = () => {
      for (let i = 0; i < spawn; i++) {
        const x = random.float() * 100;
        const y = random.float() * 2;
        const vx = (random.float() - 0.5) * 20;
        const vy = (random.float() - 0.25) * 20;
        const life = birthLife(random, maxLife);
        const reused = pooled ? free.pop() : undefined;
        if (reused === undefined) {
          particles.push({ x, y, vx, vy, life });
        } else {
          reused.x = x;
          reused.y = y;
          reused.vx = vx;
          reused.vy = vy;
          reused.life = life;
          particles.push(reused);
        }
      }
      let sumX = 0;
      let sumY = 0;
      for (let i = 0; i < particles.length; ) {
        const p = particles[i]!;
        p.vx *= DRAG;
        p.vy = p.vy * DRAG + GRAVITY * DT;
        p.x += p.vx * DT;
        p.y += p.vy * DT;
        if (p.y < 0) {
          p.y = -p.y;
          p.vy = -p.vy * BOUNCE;
        }
        if (--p.life <= 0) {
          // Swap-remove: the last particle takes this slot and is updated next.
          const last = particles.pop()!;
          if (i < particles.length) particles[i] = last;
          if (pooled) free.push(p);
          continue;
        }
        sumX += p.x;
        sumY += p.y;
        i++;
      }
      return tickChecksum(particles.length, sumX, sumY);
    };
    // Run one lifetime in setup so that every operation sees a steady-state population.
    for (let i = 0; i < maxLife; i++) tick();
    return tick;
  };
}

function arenaMode({ spawn, maxLife }: ParticleParams) {
  const random = createRandom(SEED);
  // No particle lives longer than maxLife ticks, so this many slots always suffice.
  const capacity = spawn * maxLife;
  // The arena is the world's storage: columns carved out once, freed together when the world ends.
  const arena = new Arena({ initialBytes: capacity * 36 + 64 });
  const xs = arena.makeSlice(Float64Array, capacity);
  const ys = arena.makeSlice(Float64Array, capacity);
  const vxs = arena.makeSlice(Float64Array, capacity);
  const vys = arena.makeSlice(Float64Array, capacity);
  const lives = arena.makeSlice(Int32Array, capacity);
  let count = 0;
  const tick = () => {
    for (let i = 0; i < spawn; i++) {
      xs[count] = random.float() * 100;
      ys[count] = random.float() * 2;
      vxs[count] = (random.float() - 0.5) * 20;
      vys[count] = (random.float() - 0.25) * 20;
      lives[count] = birthLife(random, maxLife);
      count++;
    }
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < count; ) {
      const vx = vxs[i]! * DRAG;
      let vy = vys[i]! * DRAG + GRAVITY * DT;
      const x = xs[i]! + vx * DT;
      let y = ys[i]! + vy * DT;
      if (y < 0) {
        y = -y;
        vy = -vy * BOUNCE;
      }
      const life = lives[i]! - 1;
      if (life <= 0) {
        count--;
        xs[i] = xs[count]!;
        ys[i] = ys[count]!;
        vxs[i] = vxs[count]!;
        vys[i] = vys[count]!;
        lives[i] = lives[count]!;
        continue;
      }
      xs[i] = x;
      ys[i] = y;
      vxs[i] = vx;
      vys[i] = vy;
      lives[i] = life;
      sumX += x;
      sumY += y;
      i++;
    }
    return tickChecksum(count, sumX, sumY);
  };
  for (let i = 0; i < maxLife; i++) tick();
  return tick;
}

export default defineScenario({
  name: 'particles',
  description:
    'A particle system (a game or a physics-driven UI), one tick per operation: spawn, integrate, swap-remove the dead. ' +
    'Heap: an array of Particle objects; pool: the same objects recycled through a free list; arena: ' +
    'structure-of-arrays Float64 columns carved from one arena. Particles live maxLife/2..maxLife ticks: at the ' +
    'defaults most die before their second scavenge, so they are not promoted, but every scavenge must copy the ' +
    "live young population (raise maxLife to push them into old space). Much of the arena's " +
    'lead is layout (contiguous columns, no pointer chasing), not GC: the pool mode removes the allocation but keeps ' +
    'the objects, and gains little.',
  params: { spawn: 200, maxLife: 120 },
  modes: { heap: objectMode(false), pool: objectMode(true), arena: arenaMode },
});
