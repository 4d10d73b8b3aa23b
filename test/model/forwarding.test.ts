// walkForwards looks only at mailboxes that forward today and their targets, and colours them
// to walk each once. Its loops and chains (and their order) must be those of a plain following
// of every mailbox's forwards (the reference below, written from the definitions), on random
// forwarding graphs: mixed-case addresses, duplicates, forwards not started yet or ended,
// targets outside the directory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailboxRef } from '../../scripts/model/mailboxes.js';
import { walkForwards, type ForwardWalk } from '../../scripts/model/forwarding.js';
import { effectiveState } from '../../scripts/model/status.js';
import type { Status } from '../../scripts/model/types.js';

/**
 * The reference, from the definitions rather than the algorithm: every mailbox (the first of
 * each address, in directory order) is followed forward by forward, with no colouring. A loop
 * is found when a path comes back on itself, starting at the first mailbox it comes back to,
 * once; a chain is a mailbox whose mail takes two forwards or more to land (not in a loop).
 */
function referenceWalk(mailboxes: readonly MailboxRef[], today: string): ForwardWalk {
  const byAddress = new Map<string, MailboxRef>();
  for (const m of mailboxes) if (!byAddress.has(m.address.toLowerCase())) byAddress.set(m.address.toLowerCase(), m);
  const next = (m: MailboxRef): MailboxRef | undefined =>
    m.status.forwardTo && effectiveState(m.status, today) === 'forwarding' ? byAddress.get(m.status.forwardTo.toLowerCase()) : undefined;
  const inLoop = new Set<MailboxRef>();
  const loops: MailboxRef[][] = [];
  for (const start of byAddress.values()) {
    const path: MailboxRef[] = [];
    for (let m: MailboxRef | undefined = start; m && !inLoop.has(m); m = next(m)) {
      const seen = path.indexOf(m);
      if (seen >= 0) {
        const loop = path.slice(seen);
        loops.push(loop);
        for (const x of loop) inLoop.add(x);
        break;
      }
      path.push(m);
    }
  }
  const chains: ForwardWalk['chains'] = [];
  for (const m of byAddress.values()) {
    const path: MailboxRef[] = [];
    let x = next(m);
    while (x && !inLoop.has(x) && path.length <= byAddress.size) {
      path.push(x);
      x = next(x);
    }
    if (inLoop.has(m) || (x && inLoop.has(x)) || path.length < 2) continue;
    chains.push({ from: m, path: path.slice(0, 10).map((p) => p.address) });
  }
  return { loops, chains };
}

const TODAY = '2026-11-25';
const addresses = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const mailbox = fc.record({
  name: fc.constantFrom(...addresses),
  upper: fc.boolean(),
  forward: fc.option(fc.record({ to: fc.constantFrom(...addresses, 'outside'), upper: fc.boolean(), from: fc.constantFrom(undefined, '2026-01-01', '2027-01-01'), until: fc.constantFrom(undefined, '2026-06-01', '2027-06-01') })),
});

describe('walkForwards', () => {
  it('finds the loops and chains of a walk over every mailbox, in the same order', () => {
    fc.assert(
      fc.property(fc.array(mailbox, { maxLength: 14 }), (spec) => {
        const refs = spec.map(({ name, upper, forward }, i) => {
          const status: Status = forward
            ? { state: 'forwarding', forwardTo: `${forward.upper ? forward.to.toUpperCase() : forward.to}@x.vn`, ...(forward.from ? { from: forward.from } : {}), ...(forward.until ? { until: forward.until } : {}) }
            : { state: 'active' };
          return { address: `${upper ? name.toUpperCase() : name}@x.vn`, kind: 'person', status, agency: {}, loc: { file: 'f', line: i + 1, col: 1 } } as unknown as MailboxRef;
        });
        const got = walkForwards(refs, TODAY);
        const want = referenceWalk(refs, TODAY);
        expect(got.loops).toEqual(want.loops);
        expect(got.chains).toEqual(want.chains);
        // identity, not just equal shapes: the same mailbox objects are reported
        got.loops.forEach((loop, i) => loop.forEach((m, j) => expect(m).toBe(want.loops[i][j])));
        got.chains.forEach((c, i) => expect(c.from).toBe(want.chains[i].from));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
