// What judging each change by the rules in force on its date costs (rules/in-force.ts):
// `npx tsx scripts/bench/versions.ts [--province ninhbinh] [--mailboxes 10000] [--json]`.
// Times, on one generated province, one plain pass of the rules (`runRules`), the same through
// `runRulesInForce` when one version is in play (the usual case), and with 1 % of the people
// revoked on a date before 1 July 2025 (two versions in play: the national two-level version).
import { parseArgs } from 'node:util';
import { loadDirectory } from '../load/directory.js';
import { profileInForce } from '../profiles/versions.js';
import { findProfile } from '../profiles/index.js';
import { runRules } from '../rules/engine.js';
import { runRulesInForce } from '../rules/in-force.js';
import type { RuleContext } from '../rules/types.js';
import { fmt, generatedProvince, median, timed } from './common.js';

const { values } = parseArgs({ options: { province: { type: 'string', default: 'ninhbinh' }, mailboxes: { type: 'string', default: '10000' }, json: { type: 'boolean', default: false } } });
const mailboxes = Number(values.mailboxes);
const profile = findProfile(values.province!)!;
const TODAY = '2026-11-25';
const root = generatedProvince(values.province!, mailboxes);

async function context(): Promise<RuleContext> {
  const loaded = await loadDirectory(root);
  return { dir: loaded.dir, province: loaded.dir.province!, profile, today: TODAY, unreadableAgencies: loaded.unreadableAgencies };
}

async function best(run: () => unknown, times = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) ms.push((await timed(run)).ms);
  return median(ms);
}

const ctx = await context();
const base = profileInForce(profile, TODAY);
const plain = await best(() => runRules(base.rules, { ...ctx, profile: base }));
const oneVersion = await best(() => runRulesInForce(ctx));
// New model objects so no cache from the runs above is reused.
const old = await context();
let people = 0;
let dated = 0;
for (const agency of old.dir.agencies)
  for (const person of agency.staff) {
    if (people++ % 100 === 0 && person.status.state === 'active') {
      person.status = { state: 'revoked', from: '2024-06-30', reason: 'Nghỉ hưu', reference: 'bench' };
      dated++;
    }
  }
const twoVersions = await best(() => runRulesInForce(old));
const result = { province: values.province, mailboxes, plainMs: Math.round(plain), oneVersionMs: Math.round(oneVersion), twoVersionsMs: Math.round(twoVersions), datedBefore2025: dated, load: (await import('node:os')).loadavg()[0] };
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`${values.province}, ${fmt(mailboxes)} mailboxes (load average ${result.load.toFixed(1)}):`);
  console.log(`  one pass of the rules (runRules):            ${fmt(plain)} ms`);
  console.log(`  runRulesInForce, one version in play:        ${fmt(oneVersion)} ms`);
  console.log(`  runRulesInForce, two versions (${fmt(dated)} dated 2024): ${fmt(twoVersions)} ms`);
}
