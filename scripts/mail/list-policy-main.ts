// The list policy service as its own process (scripts/servers/list-policy.ts starts it for
// `npm run mail:up` and the tests; `danhba mail-policy` runs the same in a deployment). Settings
// come from the environment only (the password never in argv):
//   DANHBA_LIST_POLICY_PORT, DANHBA_LIST_BASE_DN, DANHBA_LIST_CITATION,
//   MAIL_LDAP_URL (space-separated, replicas first), MAIL_LDAP_BIND_DN, MAIL_LDAP_BIND_PASSWORD.
import { startListPolicy } from './list-policy.js';

const need = (name: string): string => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`list-policy: ${name} is not set`);
  return v;
};

const policy = await startListPolicy({
  port: Number(need('DANHBA_LIST_POLICY_PORT')),
  baseDN: need('DANHBA_LIST_BASE_DN'),
  citation: need('DANHBA_LIST_CITATION'),
  ldap: { url: need('MAIL_LDAP_URL'), bindDN: need('MAIL_LDAP_BIND_DN'), bindPassword: process.env.MAIL_LDAP_BIND_PASSWORD ?? '', connectTimeoutMs: 5_000, timeoutMs: 5_000 },
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stderr.write(`list-policy listening on 127.0.0.1:${policy.port}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void policy.close().then(() => process.exit(0)));
