// The slapd.conf of the project's own throwaway OpenLDAP server (pure: text from options).
// One mdb database per province suffix plus a tiny `o=danhba` database that holds the sync
// account, so one bind DN serves every province and is never inside a managed tree. There is no
// rootdn: the sync account (seeded offline with slapadd) is the only writer, with `manage`.
import { join } from 'node:path';
import { dnOf } from '../ldap/compile.js';

export const SCHEMA_DIR = '/etc/ldap/schema';
export const MODULE_DIR = '/usr/lib/ldap';
/** The database that holds the sync account (not a province). */
export const ACCOUNTS_SUFFIX = 'o=danhba';
export const SYNC_DN = `cn=sync,${ACCOUNTS_SUFFIX}`;
/** Reads everything a provider holds, for syncrepl (replicated servers only). */
export const REPLICATOR_DN = `cn=replicator,${ACCOUNTS_SUFFIX}`;
/** The mail servers' read-only account. */
export const MAIL_READER_DN = `cn=mail,${ACCOUNTS_SUFFIX}`;

export interface ReplicationOptions {
  /** Unique per server (1–4095). */
  serverId: number;
  /** Serves changes (syncprov); a provider with sources is one of several providers (multi-provider). */
  provider: boolean;
  /** Servers this one replicates from. */
  sources: string[];
  replicatorPassword: string;
}

export interface ConfOptions {
  dataDir: string;
  suffixes: string[];
  /** Our aux schema file (schema/ldap/danhba.schema). */
  danhbaSchema: string;
  /** Skip fsync: tests and benchmarks only (LMDB stays consistent if slapd is killed, not if the OS crashes). */
  dbNoSync: boolean;
  /** Serve TLS (StartTLS on the plain port, and ldaps:// when slapd is told to listen on it). */
  tls?: TlsFiles;
  replication?: ReplicationOptions;
  /**
   * The sync account's `limits` (default `size=unlimited time=unlimited`). Tests set others to
   * play a province's own server, e.g. `size.pr=1000` (a cap on the page size).
   */
  syncLimits?: string;
}

/** A `limits` value: `size…=`/`time…=` words only (it is written into slapd.conf as is). */
const LIMITS = /^(size|time)(\.[a-z]+)?=([0-9]+|unlimited|noEstimate)( (size|time)(\.[a-z]+)?=([0-9]+|unlimited|noEstimate))*$/;

export interface TlsFiles {
  /** PEM server certificate and its key. */
  certFile: string;
  keyFile: string;
  /** Refuse simple binds without TLS (`security simple_bind=128`): a successful bind proves encryption. */
  requireForBind?: boolean;
}

/** slapd.conf quoting: a value in double quotes with `\` and `"` escaped. */
export function confQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** slapd.conf keyword=value quoting inside a syncrepl line. */
const kv = (k: string, v: string) => `${k}=${confQuote(v)}`;

/** syncprov on a provider, syncrepl from each source; consumers refer writes to the provider. */
function replicationLines(suffix: string, index: number, r: ReplicationOptions): string[] {
  const lines = [
    // syncrepl writes as the database's rootdn; it has no password, so nobody can bind as it.
    `rootdn ${confQuote(`cn=replica,${suffix}`)}`,
    'index entryCSN,entryUUID eq',
  ];
  r.sources.forEach((url, j) => {
    lines.push(
      [
        `syncrepl rid=${String(index * 10 + j + 1).padStart(3, '0')}`,
        kv('provider', url),
        'type=refreshAndPersist',
        'retry="1 +"',
        'timeout=5',
        'network-timeout=5',
        kv('searchbase', suffix),
        'scope=sub',
        'attrs="*,+"',
        'schemachecking=off',
        'bindmethod=simple',
        kv('binddn', REPLICATOR_DN),
        kv('credentials', r.replicatorPassword),
      ].join(' '),
    );
  });
  if (r.provider && r.sources.length) lines.push('multiprovider on');
  if (!r.provider && r.sources[0]) lines.push(`updateref ${confQuote(r.sources[0])}`);
  if (r.provider) lines.push('overlay syncprov', 'syncprov-checkpoint 100 1', 'syncprov-sessionlog 10000');
  return lines;
}

function database(suffix: string, dir: string, o: ConfOptions, province: boolean, index = 0): string[] {
  const lines = [
    'database mdb',
    `suffix ${confQuote(suffix)}`,
    `directory ${confQuote(dir)}`,
    // The 10 MiB default fills after ≈ 7,000 entries (error 80).
    'maxsize 2147483648',
    'index objectClass,uid,mail,danhbaId eq',
    // Keeps pwdLastSuccess for the inactivity rules.
    'lastbind on',
  ];
  if (o.dbNoSync) lines.push('dbnosync');
  // sizelimit (default 500) also caps paged searches for every DN but the rootdn.
  const limits = o.syncLimits ?? 'size=unlimited time=unlimited';
  if (!LIMITS.test(limits)) throw new Error(`slapd limits: "${limits}" is not size…=/time…= words`);
  lines.push(`limits dn.exact=${confQuote(SYNC_DN)} ${limits}`);
  const r = o.replication;
  // A consumer is read-only: the sync account may read it, never write (writes go to a provider).
  const sync = r && !r.provider && province ? 'read' : 'manage';
  const repl = r ? ` by dn.exact=${confQuote(REPLICATOR_DN)} read` : '';
  if (r) lines.push(`limits dn.exact=${confQuote(REPLICATOR_DN)} size=unlimited time=unlimited`);
  lines.push(
    `access to attrs=userPassword by dn.exact=${confQuote(SYNC_DN)} ${sync}${repl} by self write by anonymous auth by * none`,
    `access to * by dn.exact=${confQuote(SYNC_DN)} ${sync}${repl} by users read by anonymous auth`,
  );
  if (r && province) lines.push(...replicationLines(suffix, index, r));
  if (province) {
    lines.push('overlay ppolicy', `ppolicy_default ${confQuote(dnOf.policy(suffix, 'user'))}`, 'ppolicy_hash_cleartext');
  }
  return lines;
}

export function slapdConf(o: ConfOptions): string {
  const schemas = ['core', 'cosine', 'inetorgperson', 'nis', 'misc'].map((s) => `include ${confQuote(join(SCHEMA_DIR, s + '.schema'))}`);
  const lines = [
    '# Generated by danhba (scripts/servers/slapd-conf.ts): a throwaway server, not a system daemon.',
    ...schemas,
    `include ${confQuote(o.danhbaSchema)}`,
    `modulepath ${confQuote(MODULE_DIR)}`,
    'moduleload back_mdb',
    'moduleload ppolicy',
    ...(o.replication?.provider ? ['moduleload syncprov'] : []),
    ...(o.replication ? [`serverID ${o.replication.serverId}`] : []),
    `pidfile ${confQuote(join(o.dataDir, 'slapd.pid'))}`,
    `argsfile ${confQuote(join(o.dataDir, 'slapd.args'))}`,
    ...(o.tls
      ? [`TLSCertificateFile ${confQuote(o.tls.certFile)}`, `TLSCertificateKeyFile ${confQuote(o.tls.keyFile)}`, ...(o.tls.requireForBind ? ['security simple_bind=128'] : [])]
      : []),
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    '',
    ...database(ACCOUNTS_SUFFIX, join(o.dataDir, 'db', 'accounts'), o, false),
  ];
  o.suffixes.forEach((suffix, i) => {
    lines.push('', ...database(suffix, join(o.dataDir, 'db', `p${i}`), o, true, i));
  });
  return lines.join('\n') + '\n';
}
