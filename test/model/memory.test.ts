// The collection between the phases of a large run (scripts/model/memory.ts) does collect: V8's
// collector is reachable without a command-line flag, and garbage left in the heap goes.
import { describe, expect, it } from 'vitest';
import { collectBetweenPhases } from '../../scripts/model/memory.js';

describe('collectBetweenPhases', () => {
  it('frees garbage the heap still holds, above the threshold only', () => {
    let garbage: { i: number; s: string }[] | undefined = Array.from({ length: 1_500_000 }, (_, i) => ({ i, s: `x${i}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(1_500_000);
    garbage = undefined;
    collectBetweenPhases(Number.MAX_SAFE_INTEGER); // under the threshold: nothing done
    collectBetweenPhases(0);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(50 * 1024 * 1024);
  });
});
