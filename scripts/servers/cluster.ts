// More than one LDAP server, with OpenLDAP's own replication (syncrepl), from one generated
// configuration: one or two providers (two = multi-provider, each replicating the other, so the
// sync can write to either) and N read-only consumers that replicate from the first provider.
// The mail servers read a consumer; `apply` writes to the first reachable provider
// (LDAP_URL lists them). All servers share the service accounts of `o=danhba` (seeded offline on
// each: the sync account, the replication account, the mail servers' read-only account), which
// is not replicated.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAIL_READER_DN } from './slapd-conf.js';
import { freePort, readSlapdState, startSlapd, type Slapd, type SlapdOptions } from './slapd.js';

export interface ClusterOptions {
  suffixes: string[];
  /** Kept across restarts; a temporary folder (removed by stop) when omitted. */
  dataDir?: string;
  /** Read-only consumers. */
  replicas: number;
  /** 1 (default) or 2 (multi-provider). */
  providers?: 1 | 2;
  dbNoSync?: boolean;
  detached?: boolean;
  log?: (line: string) => void;
}

export interface Cluster {
  providers: Slapd[];
  consumers: Slapd[];
  /** LDAP_URL (every provider, space-separated, first preferred), LDAP_BIND_DN/PASSWORD, LDAP_REPLICA_URLS. */
  env: Record<'LDAP_URL' | 'LDAP_BIND_DN' | 'LDAP_BIND_PASSWORD' | 'LDAP_REPLICA_URLS', string>;
  /** The mail servers' read-only account, present on every server. */
  mailReader: { bindDN: string; bindPassword: string };
  /** Start again a member that was stopped or killed (same folder, same port). */
  restart(member: Slapd): Promise<Slapd>;
  stop(): Promise<void>;
}

interface Member {
  name: string;
  options: SlapdOptions;
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const temp = o.dataDir === undefined;
  const root = resolve(o.dataDir ?? mkdtempSync(join(tmpdir(), 'danhba-cluster-')));
  mkdirSync(root, { recursive: true });
  const providers = o.providers ?? 1;
  const names = [...Array.from({ length: providers }, (_, i) => `provider${i + 1}`), ...Array.from({ length: o.replicas }, (_, i) => `replica${i + 1}`)];
  // Shared secrets: from the first member's saved state on a restart, else new.
  const saved = readSlapdState(join(root, names[0]!));
  const secrets = {
    sync: saved?.bindPassword ?? randomBytes(18).toString('base64url'),
    replicator: saved?.accounts?.replicator ?? randomBytes(18).toString('base64url'),
    mail: saved?.accounts?.mail ?? randomBytes(18).toString('base64url'),
  };
  const ports: number[] = [];
  for (const name of names) {
    let p = readSlapdState(join(root, name))?.port ?? (await freePort());
    while (ports.includes(p)) p = await freePort();
    ports.push(p);
  }
  const url = (i: number) => `ldap://127.0.0.1:${ports[i]}/`;
  const members: Member[] = names.map((name, i) => {
    const isProvider = i < providers;
    // A provider replicates the other provider (multi-provider); a consumer, the first provider.
    const sources = isProvider ? Array.from({ length: providers }, (_, j) => j).filter((j) => j !== i).map(url) : [url(0)];
    return {
      name,
      options: {
        suffixes: o.suffixes,
        dataDir: join(root, name),
        port: ports[i],
        dbNoSync: o.dbNoSync ?? false,
        detached: o.detached ?? false,
        log: o.log,
        bindPassword: secrets.sync,
        accounts: { replicator: secrets.replicator, mail: secrets.mail },
        replication: { serverId: i + 1, provider: isProvider, sources },
      },
    };
  });
  const running = new Map<string, Slapd>();
  const byPid = new Map<number, Member>();
  for (const m of members) {
    const s = await startSlapd(m.options);
    running.set(m.name, s);
    byPid.set(s.pid, m);
  }
  const list = (prefix: string) => names.filter((n) => n.startsWith(prefix)).map((n) => running.get(n)!);
  const cluster: Cluster = {
    get providers() {
      return list('provider');
    },
    get consumers() {
      return list('replica');
    },
    env: {
      LDAP_URL: names.slice(0, providers).map((_, i) => url(i)).join(' '),
      LDAP_BIND_DN: running.get(names[0]!)!.bindDN,
      LDAP_BIND_PASSWORD: secrets.sync,
      LDAP_REPLICA_URLS: names.slice(providers).map((_, i) => url(providers + i)).join(' '),
    },
    mailReader: { bindDN: MAIL_READER_DN, bindPassword: secrets.mail },
    async restart(member) {
      const m = byPid.get(member.pid);
      if (!m) throw new Error(`slapd ${member.pid} is not a member of this cluster`);
      await member.stop();
      const s = await startSlapd(m.options);
      running.set(m.name, s);
      byPid.set(s.pid, m);
      return s;
    },
    async stop() {
      for (const s of running.values()) await s.stop();
      if (temp) rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}
