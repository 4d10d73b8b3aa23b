// The forwarding graph: each mailbox forwards to at most one address, so following forwards
// from every mailbox is a walk on a functional graph, done in linear time with one colour per
// address (unseen, on the current path, finished). Addresses are compared in lower case.
import type { MailboxRef } from './mailboxes.js';
import { effectiveState } from './status.js';

export interface ForwardWalk {
  /** Each loop once, as the addresses in forwarding order (A → B → A is [A, B]). */
  loops: MailboxRef[][];
  /** Mailboxes whose mail is forwarded more than once before it lands: the chain after them. */
  chains: { from: MailboxRef; path: string[] }[];
}

export function walkForwards(mailboxes: readonly MailboxRef[], today: string): ForwardWalk {
  const byAddress = new Map<string, MailboxRef>();
  for (const m of mailboxes) if (!byAddress.has(m.address.toLowerCase())) byAddress.set(m.address.toLowerCase(), m);
  // Only mailboxes that forward today count as an edge; a forward that has not started or has
  // ended (revoked) does not pass mail on.
  const next = (m: MailboxRef): MailboxRef | undefined => {
    if (!m.status.forwardTo || effectiveState(m.status, today) !== 'forwarding') return undefined;
    return byAddress.get(m.status.forwardTo.toLowerCase());
  };
  const colour = new Map<MailboxRef, 1 | 2>();
  const hops = new Map<MailboxRef, number>(); // forwards after this mailbox before mail lands
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
