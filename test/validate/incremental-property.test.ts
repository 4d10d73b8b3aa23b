// Property: incremental validation (parse cache + rule cache, rules re-run only on the agencies
// a change can affect) gives exactly the findings of a full run (same findings, same order,
// same locations and messages) after any sequence of edits to a generated province: people
// added (namesakes, duplicate addresses), removed, renamed, transferred with a forward, ids
// and addresses duplicated, forwards that loop or chain, units and parents changed, an agency's
// mailbox (its people's label) changed, agency files added and removed, a revocation dated
// under an earlier version of the rules, and runs on other dates.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../scripts/generate/directory.js';
import { writeDirectory } from '../../scripts/generate/write.js';
import { openParseCache } from '../../scripts/load/cache.js';
import type { Agency, Directory, Person, Province } from '../../scripts/model/types.js';
import { findProfile } from '../../scripts/profiles/index.js';
import { openRuleCache, type RuleRunStats } from '../../scripts/rules/incremental.js';
import { validateProvince } from '../../scripts/validate.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const TODAY = '2026-11-25';
const scratch = mkdtempSync(join(tmpdir(), 'danhba-incr-prop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Model = Directory & { province: Province };

// Small indices, so that edits meet: the same few agencies and people forward to each other,
// share addresses and ids, move between the same files.
const n = fc.nat({ max: 6 });
const edit = fc.oneof(
  fc.record({ op: fc.constant('add'), a: n, p: n, copy: fc.boolean() }),
  fc.record({ op: fc.constant('remove'), a: n, p: n }),
  fc.record({ op: fc.constant('rename'), a: n, p: n, b: n, q: n }),
  fc.record({ op: fc.constant('transfer'), a: n, p: n, b: n }),
  fc.record({ op: fc.constant('same-address'), a: n, p: n, b: n, q: n }),
  fc.record({ op: fc.constant('same-id'), a: n, p: n, b: n, q: n }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('forward'), a: n, p: n, b: n, q: n, from: fc.constantFrom('2026-11-01', '2026-12-05'), until: fc.constantFrom(undefined, '2026-12-01', '2027-01-15') }) },
  // a revocation dated before 1 July 2025 is judged by the rules then in force (districts):
  // two versions in play, two passes of the rules
  { weight: 2, arbitrary: fc.record({ op: fc.constant('revoke'), a: n, p: n, from: fc.constantFrom('2026-10-01', '2026-12-05', '2024-06-01') }) },
  fc.record({ op: fc.constant('unit'), a: n, p: n, u: n }),
  fc.record({ op: fc.constant('parent'), a: n, b: n }),
  fc.record({ op: fc.constant('agency-mailbox'), a: n, b: n }),
  fc.record({ op: fc.constant('remove-agency'), a: n }),
  fc.record({ op: fc.constant('copy-agency'), a: n }),
);
// Each run judges at a date (CI's first run of a day moves it): scheduled statuses start,
// forwards end, and before 1 July 2025 another version of the rules (districts) is in force.
const day = fc.constantFrom('2026-11-25', '2026-12-10', '2027-02-01', '2025-03-01');
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const withStaff = (dir: Model) => dir.agencies.filter((a) => a.staff.length > 0);
const pick = <T,>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const local = (address: string) => address.slice(0, address.indexOf('@'));
const domainOf = (dir: Model) => dir.province.domain;

let serial = 0;
function apply(dir: Model, e: Edit): void {
  const people = withStaff(dir);
  const A = pick(e.op === 'parent' || e.op === 'agency-mailbox' || e.op === 'remove-agency' || e.op === 'copy-agency' ? dir.agencies : people, e.a);
  if (!A) return;
  const person = 'p' in e ? pick(A.staff, e.p) : undefined;
  const other = 'b' in e ? pick(people, e.b) : undefined;
  const otherPerson = other && 'q' in e ? pick(other.staff, e.q) : undefined;
  const label = (a: Agency) => local(a.mailbox);
  switch (e.op) {
    case 'add': {
      if (!person) return;
      // a namesake: the same name, and either the same address (a duplicate) or the name's
      // initials with this agency's label (the collision rules decide if that is legal)
      const mailbox = e.copy ? person.mailbox : `${local(person.mailbox).split('.')[0]}.${label(A)}@${domainOf(dir)}`;
      A.staff.push({ ...person, id: `prop-${serial++}`, mailbox, status: { state: 'active' } });
      return;
    }
    case 'remove':
      A.staff.splice(e.p % A.staff.length, 1);
      return;
    case 'rename':
      if (person && otherPerson) person.name = otherPerson.name;
      return;
    case 'transfer': {
      const to = pick(dir.agencies, e.b);
      if (!person || !to || to === A) return;
      const mailbox = `${local(person.mailbox).split('.')[0]}.${label(to)}@${domainOf(dir)}`;
      to.staff.push({ ...person, mailbox, unit: undefined, status: { state: 'active' } });
      person.status = { state: 'forwarding', from: '2026-11-01', forwardTo: mailbox, reason: 'Điều chuyển', reference: 'QĐ 1/2026' };
      return;
    }
    case 'same-address':
      if (person && otherPerson) person.mailbox = otherPerson.mailbox;
      return;
    case 'same-id':
      if (person && otherPerson) person.id = otherPerson.id;
      return;
    case 'forward':
      if (person && otherPerson) person.status = { state: 'forwarding', from: e.from, ...(e.until && { until: e.until }), forwardTo: otherPerson.mailbox, reason: 'Điều chuyển', reference: 'QĐ 2/2026' };
      return;
    case 'revoke':
      if (person) person.status = { state: 'revoked', from: e.from, reason: 'Nghỉ hưu', reference: 'QĐ 3/2026' };
      return;
    case 'unit':
      if (person) person.unit = pick([...A.units.map((u) => u.id), 'khong-co'], e.u);
      return;
    case 'parent':
      A.parent = pick([...dir.agencies.map((a) => a.id), 'khong-co'], e.b);
      return;
    case 'agency-mailbox': {
      const from = pick(dir.agencies, e.b)!;
      A.mailbox = from === A ? `${label(A)}x@${domainOf(dir)}` : from.mailbox;
      return;
    }
    case 'remove-agency':
      dir.agencies.splice(dir.agencies.indexOf(A), 1);
      return;
    case 'copy-agency': {
      const id = `${A.id}-${serial++}`;
      dir.agencies.push({
        ...structuredClone(A),
        id,
        file: `agencies/${id}.yaml`,
        mailbox: `${label(A)}${serial}@${domainOf(dir)}`,
        staff: A.staff.map((p: Person) => ({ ...structuredClone(p), id: `prop-${serial++}` })),
      });
      return;
    }
  }
}

/** Writes the model; only the files whose text changed get new blob ids. */
function write(dir: Model, out: string): string {
  const root = writeDirectory(dir, out);
  const wanted = new Set(dir.agencies.map((a) => `${a.id}.yaml`));
  for (const f of readdirSync(join(root, 'agencies'))) if (!wanted.has(f)) rmSync(join(root, 'agencies', f));
  return root;
}

describe('incremental validation equals a full run', () => {
  for (const [profileId, mailboxes, runs] of [
    ['thuathienhue', 500, 12],
    ['ninhbinh', 500, 6],
    ['cantho', 500, 4],
  ] as const) {
    it(`${profileId}: random edits, findings identical to a full run after each`, async () => {
      const base = generateDirectory({ profile: findProfile(profileId)!, mailboxes, seed: 5 });
      const seen: RuleRunStats[] = [];
      let nonEmpty = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ edits: fc.array(edit, { maxLength: 3 }), today: day }), { minLength: 1, maxLength: 4 }), async (steps) => {
          const dir = structuredClone(base);
          const out = mkdtempSync(join(scratch, `${profileId}-`));
          const cachePath = join(out, 'cache', 'p.v8');
          const rulesPath = join(out, 'cache', 'p.rules.v8');
          try {
            // the base revision fills the caches (as on main)
            let root = write(dir, out);
            const prime = { cache: openParseCache(cachePath), ruleCache: openRuleCache(rulesPath) };
            await validateProvince(root, { today: TODAY, ...prime });
            prime.cache.save();
            prime.ruleCache.save();
            for (const { edits, today } of steps) {
              for (const e of edits) apply(dir, e);
              root = write(dir, out);
              const caches = { cache: openParseCache(cachePath), ruleCache: openRuleCache(rulesPath) };
              const incremental = await validateProvince(root, { today, ...caches });
              caches.cache.save();
              caches.ruleCache.save();
              const full = await validateProvince(root, { today });
              expect(incremental.findings).toEqual(full.findings);
              seen.push(caches.ruleCache.stats!);
              if (full.findings.length) nonEmpty++;
            }
          } finally {
            rmSync(out, { recursive: true, force: true });
          }
        }),
        { numRuns: runs, seed: SEED },
      );
      // the property was checked on incremental runs that skipped agencies, with findings to compare
      expect(seen.some((s) => s.mode === 'incremental' && s.rerun < s.agencies)).toBe(true);
      expect(nonEmpty).toBeGreaterThan(0);
    }, 120_000);
  }
});
