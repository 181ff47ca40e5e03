/**
 * The Benchmarks Game's binary-trees: many short-lived perfect binary trees built and walked, a
 * stretch tree, and one long-lived tree that stays for the whole run. Heap mode is the classic
 * `{ left, right }` node class; arena mode bump-allocates 8-byte nodes (two int32 child indices)
 * into a scratch arena reset per tree, and keeps the long-lived tree in an arena of its own.
 */
import { Arena, defineScenario } from '../src/index.js';
import { mix } from './support/checksum.js';

interface TreeParams extends Record<string, number> {
  maxDepth: number;
  minDepth: number;
}

/** A plain literal, as the Benchmarks Game's fastest JavaScript entries build their nodes. */
interface TreeNode {
  left: TreeNode | null;
  right: TreeNode | null;
}

function bottomUpTree(depth: number): TreeNode {
  return depth > 0 ? { left: bottomUpTree(depth - 1), right: bottomUpTree(depth - 1) } : { left: null, right: null };
}

function checkTree(node: TreeNode): number {
  return node.left === null ? 1 : 1 + checkTree(node.left) + checkTree(node.right!);
}

/** The long-lived tree and the last tree of each depth stay reachable (docs/measurement.md#allocation-can-be-optimised-away). */
const heapTrees: { longLived: TreeNode | null; recent: TreeNode[] } = { longLived: null, recent: [] };

/** The benchmark's schedule: depths minDepth, minDepth + 2, … maxDepth, with 2^(maxDepth − depth + minDepth) trees each. */
function iterationsAt(depth: number, { maxDepth, minDepth }: TreeParams): number {
  return 2 ** (maxDepth - depth + minDepth);
}

function heapMode(params: TreeParams) {
  const { maxDepth, minDepth } = params;
  heapTrees.longLived = bottomUpTree(maxDepth);
  return () => {
    const stretch = bottomUpTree(maxDepth + 1);
    heapTrees.recent[0] = stretch;
    let hash = mix(0, checkTree(stretch));
    for (let depth = minDepth; depth <= maxDepth; depth += 2) {
      const iterations = iterationsAt(depth, params);
      let nodes = 0;
      for (let i = 0; i < iterations; i++) {
        const tree = bottomUpTree(depth);
        heapTrees.recent[depth] = tree;
        nodes += checkTree(tree);
      }
      hash = mix(hash, nodes);
    }
    return mix(hash, checkTree(heapTrees.longLived!));
  };
}

/** A node is two int32 words at `index` in `words`: left and right child indices, −1 for a leaf. */
const NODE_BYTES = 8;
const LEAF = -1;

function bottomUpArena(arena: Arena, words: Int32Array, depth: number): number {
  const index = arena.offsetOf(arena.alloc(NODE_BYTES, 4)) >> 2;
  if (depth > 0) {
    words[index] = bottomUpArena(arena, words, depth - 1);
    words[index + 1] = bottomUpArena(arena, words, depth - 1);
  } else {
    words[index] = LEAF;
    words[index + 1] = LEAF;
  }
  return index;
}

function checkArena(words: Int32Array, index: number): number {
  const left = words[index]!;
  return left === LEAF ? 1 : 1 + checkArena(words, left) + checkArena(words, words[index + 1]!);
}

/** An arena exactly big enough for a tree of `depth`, that throws rather than grows (growth would orphan `words`). */
function treeArena(depth: number): { arena: Arena; words: Int32Array } {
  const bytes = (2 ** (depth + 1) - 1) * NODE_BYTES;
  const arena = new Arena({ initialBytes: bytes, maxBytes: bytes });
  return { arena, words: new Int32Array(arena.buffer) };
}

function arenaMode(params: TreeParams) {
  const { maxDepth, minDepth } = params;
  const longLived = treeArena(maxDepth);
  const longLivedRoot = bottomUpArena(longLived.arena, longLived.words, maxDepth);
  const { arena, words } = treeArena(maxDepth + 1);
  return () => {
    arena.reset();
    let hash = mix(0, checkArena(words, bottomUpArena(arena, words, maxDepth + 1)));
    for (let depth = minDepth; depth <= maxDepth; depth += 2) {
      const iterations = iterationsAt(depth, params);
      let nodes = 0;
      for (let i = 0; i < iterations; i++) {
        arena.reset();
        nodes += checkArena(words, bottomUpArena(arena, words, depth));
      }
      hash = mix(hash, nodes);
    }
    return mix(hash, checkArena(longLived.words, longLivedRoot));
  };
}

export default defineScenario({
  name: 'binary-trees',
  description:
    'The Benchmarks Game binary-trees: thousands of short-lived perfect trees of depth minDepth..maxDepth plus one ' +
    'long-lived tree. Heap: {left, right} node objects; arena: 8-byte nodes of child indices, the scratch arena reset ' +
    'per tree. Stresses scavenges with almost no survivors, the case generational GC is built for: expect a tie or a ' +
    'small win, since V8 bump-allocates young objects as cheaply as the arena and a scavenge of dead trees costs little.',
  params: { maxDepth: 10, minDepth: 4 },
  modes: { heap: heapMode, arena: arenaMode },
});
