// Audit benchmark (numbers, not a test): a generated Ninh Bình directory of N mailboxes is
// synced into a throwaway slapd, then the audit's two phases are timed: reading every account's
// pwdLastSuccess/createTimestamp page by page, and planning (every mailbox idle: the worst
// case, a suspension and a notice for each agency).
//   tsx scripts/audit/bench.ts [--mailboxes 10000] [--seed 1]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { defaultCalendar } from '../calendar/workdays.js';
import { generateDirectory } from '../generate/directory.js';
import { syncProvince } from '../ldap/sync.js';
import { findProfile } from '../profiles/index.js';
import { startSlapd } from '../servers/slapd.js';
import { readLastLogins } from './last-login.js';
import { planAudit } from './plan.js';

const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const profile = findProfile('ninhbinh')!;
const TODAY = '2026-11-25';
const dir = generateDirectory({ profile, mailboxes: Number(values.mailboxes), seed: Number(values.seed), today: TODAY });
const base = dir.province!.ldap.baseDN;
const server = await startSlapd({ suffixes: [base], dbNoSync: true });
try {
  const connection = { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword };
  const sync = await syncProvince({ root: 'generated', directory: dir, apply: true, connection, today: TODAY, commit: null });
  if (sync.status !== 'applied') throw new Error(`sync: ${sync.status} ${sync.error ?? ''}`);
  const client = new Client({ url: server.url });
  await client.bind(server.bindDN, server.bindPassword);
  let t = performance.now();
  const logins = await readLastLogins(client, base);
  const readMs = performance.now() - t;
  await client.unbind();
  const calendar = defaultCalendar();
  t = performance.now();
  const plan = planAudit(dir, dir.province!, profile, logins, calendar, '2030-01-01')!;
  const planMs = performance.now() - t;
  const idle = plan.agencies.reduce((n, a) => n + a.idle.length, 0);
  console.log(`mailboxes ${values.mailboxes}: read ${logins.size} last logins in ${readMs.toFixed(0)} ms (${((logins.size / readMs) * 1000).toFixed(0)}/s, pages of 500); plan ${idle} suspensions, ${plan.agencies.length} notices in ${planMs.toFixed(0)} ms`);
} finally {
  await server.stop();
}
