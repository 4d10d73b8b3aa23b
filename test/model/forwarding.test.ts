// walkForwards looks only at mailboxes that forward today and their targets. Its loops and
// chains (and their order) must be those of the walk over every mailbox it replaced, kept
// here as the reference, on random forwarding graphs: mixed-case addresses, duplicates,
// forwards not started yet or ended, targets outside the directory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailboxRef } from '../../scripts/model/mailboxes.js';
import { walkForwards, type ForwardWalk } from '../../scripts/model/forwarding.js';
import { effectiveState } from '../../scripts/model/status.js';
import type { Status } from '../../scripts/model/types.js';

function referenceWalk(mailboxes: readonly MailboxRef[], today: string): ForwardWalk {
  const byAddress = new Map<string, MailboxRef>();
  for (const m of mailboxes) if (!byAddress.has(m.address.toLowerCase())) byAddress.set(m.address.toLowerCase(), m);
  const next = (m: MailboxRef): MailboxRef | undefined => {
    if (!m.status.forwardTo || effectiveState(m.status, today) !== 'forwarding') return undefined;
    return byAddress.get(m.status.forwardTo.toLowerCase());
  };
  const colour = new Map<MailboxRef, 1 | 2>();
  const hops = new Map<MailboxRef, number>();
  const loops: MailboxRef[][] = [];
  for (const start of byAddress.values()) {
    if (colour.has(start)) continue;
    const path: MailboxRef[] = [];
    let m: MailboxRef | undefined = start;
    while (m && !colour.has(m)) {
      colour.set(m, 1);
      path.push(m);
      m = next(m);
    }
    if (m && colour.get(m) === 1) {
      const loop = path.slice(path.indexOf(m));
      loops.push(loop);
      for (const x of loop) hops.set(x, Infinity);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const x = path[i];
      colour.set(x, 2);
      if (hops.has(x)) continue;
      const n = next(x);
      hops.set(x, n ? (hops.get(n) ?? 0) + 1 : 0);
    }
  }
  const chains: ForwardWalk['chains'] = [];
  for (const m of byAddress.values()) {
    const h = hops.get(m) ?? 0;
    if (h < 2 || h === Infinity) continue;
    const path: string[] = [];
    for (let x = next(m); x && path.length < 10; x = next(x)) path.push(x.address);
    chains.push({ from: m, path });
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
