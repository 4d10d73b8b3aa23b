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
  // Only mailboxes that forward today count as an edge; a forward that has not started or has
  // ended (revoked) does not pass mail on.
  const forwards = (m: MailboxRef) => m.status.forwardTo !== undefined && effectiveState(m.status, today) === 'forwarding';
  // Loops and chains are made of edges and their targets: the walk looks only at those addresses
  // (a province of 1,000,000 mailboxes has a few thousand forwards). Each is the first mailbox
  // with that address, in directory order, as in a walk over every mailbox.
  const wanted = new Set<string>();
  for (const m of mailboxes) {
    if (!forwards(m)) continue;
    wanted.add(m.address.toLowerCase());
    wanted.add(m.status.forwardTo!.toLowerCase());
  }
  const byAddress = new Map<string, MailboxRef>();
  if (wanted.size > 0) {
    for (const m of mailboxes) {
      const address = m.address.toLowerCase();
      if (wanted.has(address) && !byAddress.has(address)) byAddress.set(address, m);
    }
  }
  const next = (m: MailboxRef): MailboxRef | undefined => (forwards(m) ? byAddress.get(m.status.forwardTo!.toLowerCase()) : undefined);
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
