// Replication benchmark (numbers, not a test): two providers (multi-provider syncrepl) and two
// read-only consumers on 127.0.0.1 (fsync off). A generated province of N mailboxes is applied to
// the first provider; we time the apply, then how long until every server holds the same entries
// (contextCSN equal on all), then the lag a mail server sees: one mailbox revoked per round,
// Postfix's own LDAP table (`postmap -q`) on a consumer polled until it stops accepting the address.
// Writes its section of BENCHMARKS.md between <!-- bench:replication --> markers.
//   npm run bench:replication [-- --mailboxes 10000 --rounds 20 --out BENCHMARKS.md]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'ldapts';
import { generateDirectory } from '../generate/directory.js';
import { syncProvince } from '../ldap/sync.js';
import { mailProvince, writeMailConfig } from '../mail/system.js';
import { findProfile } from '../profiles/index.js';
import { startCluster } from '../servers/cluster.js';
import type { Slapd } from '../servers/slapd.js';
import { fmt, median, ROOT } from './common.js';

const BEGIN = '<!-- bench:replication -->';
const END = '<!-- /bench:replication -->';
const TODAY = '2026-03-01';
const { values } = parseArgs({ options: { mailboxes: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '20' }, out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') } } });
const N = Number(values.mailboxes);
const rounds = Number(values.rounds);
const log = (l: string) => process.stderr.write(l + '\n');

const profile = findProfile('thuathienhue')!;
const dir = generateDirectory({ profile, mailboxes: N, seed: 14, today: TODAY });
const base = dir.province!.ldap.baseDN;
const cluster = await startCluster({ suffixes: [base], replicas: 2, providers: 2, dbNoSync: true });
const tmp = mkdtempSync(join(tmpdir(), 'danhba-bench-repl-'));
const connection = { url: cluster.env.LDAP_URL, bindDN: cluster.env.LDAP_BIND_DN, bindPassword: cluster.env.LDAP_BIND_PASSWORD };

async function contextCSN(s: Slapd): Promise<string> {
  const c = new Client({ url: s.url, timeout: 30_000 });
  try {
    await c.bind(connection.bindDN, connection.bindPassword);
    const r = await c.search(base, { scope: 'base', attributes: ['contextCSN'] });
    return [r.searchEntries[0]?.contextCSN ?? []].flat().map(String).sort().join(' ');
  } catch {
    return '';
  } finally {
    await c.unbind().catch(() => {});
  }
}

try {
  let t = performance.now();
  const r = await syncProvince({ root: 'generated', directory: dir, apply: true, connection, today: TODAY, commit: 'bench-1' });
  if (r.status !== 'applied') throw new Error(`apply: ${r.status} ${r.error ?? ''}`);
  const applyMs = performance.now() - t;
  const writes = r.apply?.writes ?? 0;
  log(`apply ${N}: ${fmt(applyMs / 1000, 1)} s, ${writes} writes`);
  t = performance.now();
  const all = [...cluster.providers, ...cluster.consumers];
  for (;;) {
    const csns = await Promise.all(all.map(contextCSN));
    if (csns[0] && csns.every((c) => c === csns[0])) break;
    if (performance.now() - t > 600_000) throw new Error('no convergence in 10 min');
    await new Promise((res) => setTimeout(res, 100));
  }
  const convergeMs = performance.now() - t;
  log(`converged ${fmt(convergeMs / 1000, 1)} s after apply returned`);

  const consumer = cluster.consumers[0]!;
  writeMailConfig(tmp, { ...mailProvince(profile, base), ldapUrls: [consumer.url], ...cluster.mailReader, dir: tmp, ports: { smtp: 1, submission: 2, imap: 3, lmtp: 4, auth: 5, policy: 6 } });
  const table = `ldap:${join(tmp, 'postfix/ldap-mailboxes.cf')}`;
  const lookup = (address: string) => spawnSync('postmap', ['-q', address, table], { encoding: 'utf8', timeout: 10_000 }).status;
  const people = dir.agencies.flatMap((a) => a.staff).filter((p) => p.status.state === 'active');
  const lags: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const person = people[i * 7]!;
    if (lookup(person.mailbox) !== 0) throw new Error(`${person.mailbox} not accepted before the change`);
    person.status = { state: 'revoked', from: TODAY, reason: 'bench', reference: 'bench' } as typeof person.status;
    const s = await syncProvince({ root: 'generated', directory: dir, apply: true, connection, today: TODAY, commit: `bench-${i + 2}` });
    if (s.status !== 'applied') throw new Error(`round ${i}: ${s.status}`);
    const t0 = performance.now();
    while (lookup(person.mailbox) === 0) {
      if (performance.now() - t0 > 30_000) throw new Error('lag over 30 s');
    }
    lags.push(performance.now() - t0);
  }
  lags.sort((a, b) => a - b);
  const section = [
    BEGIN,
    `## Replication (\`npm run bench:replication\`, ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Two providers (multi-provider syncrepl, refreshAndPersist) and two read-only consumers, all on',
    '127.0.0.1 with fsync off, sharing the machine\'s 2 cores with the client. The lag is measured as a',
    'mail server sees it: after `apply` returns, Postfix\'s own LDAP table (`postmap -q`, one process per',
    'poll, ≈ tens of ms each) on a consumer is polled until the revoked address stops being accepted.',
    '',
    '| step | result |',
    '|---|---|',
    `| apply ${N.toLocaleString('en')} mailboxes to provider 1 | ${fmt(applyMs / 1000, 1)} s (${writes.toLocaleString('en')} writes) |`,
    `| every server converged (contextCSN equal) after apply returned | ${fmt(convergeMs / 1000, 1)} s |`,
    `| revocation seen by Postfix on a consumer, ${rounds} rounds | median ${fmt(median(lags), 0)} ms, max ${fmt(lags[lags.length - 1]!, 0)} ms |`,
    END,
  ].join('\n');
  log(section);
  const previous = existsSync(values.out!) ? readFileSync(values.out!, 'utf8') : '';
  const next = previous.includes(BEGIN) ? previous.slice(0, previous.indexOf(BEGIN)) + section + previous.slice(previous.indexOf(END) + END.length) : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(values.out!, next);
} finally {
  await cluster.stop();
  rmSync(tmp, { recursive: true, force: true });
}
