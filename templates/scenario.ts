/**
 * A paired scenario: the same work done in heap mode (ordinary objects, tracked by the GC) and in
 * arena mode (records in one preallocated region, freed all at once by a reset).
 *
 * Replace both operations with your own code, keep them computing the same result, then run:
 *   npx arena-bench run __RUN__
 */
import { Arena, defineLayout, defineScenario } from 'arena-bench';

interface Params extends Record<string, number> {
  orders: number;
}

// What heap mode builds must stay reachable, or V8 may optimise the allocations away.
const kept: unknown[] = [];

// An order as a fixed layout: field names and numeric types, like a C struct or Go's arena.New[T].
const Order = defineLayout({ id: 'u32', quantity: 'u16', priceCents: 'u32' });

export default defineScenario<Params>({
  name: '__NAME__',
  description:
    'Replace with what real code this models and which GC signal it stresses (e.g. scavenges of short-lived objects).',
  // Defaults; override with --param orders=10000.
  params: { orders: 1000 },
  modes: {
    // Setup runs untimed and returns the operation that is timed.
    heap:
      ({ orders }) =>
      () => {
        const batch = [];
        for (let i = 0; i < orders; i++)
          batch.push({ id: i, quantity: 1 + (i % 7), priceCents: 100 + ((i * 37) % 900) });
        kept[0] = batch;
        let totalCents = 0;
        for (const order of batch) totalCents += order.quantity * order.priceCents;
        // The checksum: every mode must return the same sequence of values. Keep it below 2^30.
        return totalCents & 0x3fffffff;
      },

    arena: ({ orders }) => {
      // Created once, outside the timed region; reset per operation.
      const arena = new Arena({ initialBytes: orders * Order.byteLength });
      const order = arena.records(Order);
      return () => {
        arena.reset();
        let totalCents = 0;
        for (let i = 0; i < orders; i++) {
          const handle = order.alloc();
          order.set.id(handle, i);
          order.set.quantity(handle, 1 + (i % 7));
          order.set.priceCents(handle, 100 + ((i * 37) % 900));
          totalCents += order.get.quantity(handle) * order.get.priceCents(handle);
        }
        return totalCents & 0x3fffffff;
      };
    },
  },
});
