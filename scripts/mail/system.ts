// One province's mail system on 127.0.0.1: the configuration from mail/config.ts written into a
// private folder, then Dovecot (LMTP must be up before Postfix hands it mail), the list policy
// service (Postfix asks it who may post to a list) and Postfix.
// Used by `npm run mail:up` and by the end-to-end tests (test/mail).
import { mkdirSync, readFileSync, existsSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProvinceProfile } from '../profiles/types.js';
import { cite } from '../profiles/types.js';
import { profileInForce } from '../profiles/versions.js';
import { todayInVietnam } from '../model/status.js';
import { startDovecot, stopDovecotIn } from '../servers/dovecot.js';
import { startListPolicyProcess, stopListPolicyIn } from '../servers/list-policy.js';
import { startPostfix, stopPostfixIn } from '../servers/postfix.js';
import { freePort } from '../servers/slapd.js';
import { mailConfig, type MailConfigOptions, type MailPorts } from './config.js';

export const MB = 1024 * 1024;

/** What the profile and province.yaml say about the mail system. */
export interface MailProvince {
  domain: string;
  /** Merged provinces' domains still in transition (province.yaml formerDomains). */
  formerDomains?: string[];
  baseDN: string;
  messageMaxBytes?: number;
  messageMaxCitation?: string;
  /** What a refusal to post to an agency list cites: the article in force, or danhba policy. */
  listCitation: string;
}

/**
 * The mail system's numbers from the act in force on `today` in the province's own territory
 * (profileInForce): Postfix has one message size for the server, so a territory whose act still
 * differs is held to the province's (written again when an act comes into force: mail:up, start).
 */
export function mailProvince(profile: ProvinceProfile, baseDN: string, today: string = todayInVietnam()): MailProvince {
  const act = profileInForce(profile, today);
  const mb = act.limits.messageMaxMB;
  return {
    domain: profile.domain,
    baseDN,
    listCitation: cite(act, 'mailingList') ?? `danhba policy (${act.name} ${act.decision}: khong co dieu khoan / no article)`,
    ...(mb === undefined ? {} : { messageMaxBytes: mb * MB, messageMaxCitation: `${cite(act, 'quota') ?? act.name}: ${mb} MB / thư` }),
  };
}

export interface MailSystemOptions {
  dir: string;
  province: MailProvince;
  ldapUrls: string[];
  reader: { bindDN: string; bindPassword: string };
  detached?: boolean;
  /** Tests: no pause after a failed login. */
  authFailureDelaySeconds?: number;
  log?: (line: string) => void;
}

export interface MailSystem {
  dir: string;
  ports: MailPorts;
  /** SMTP_URL, SUBMISSION_URL, IMAP_URL. */
  env: Record<'SMTP_URL' | 'SUBMISSION_URL' | 'IMAP_URL', string>;
  stop(): Promise<void>;
}

const STATE = 'danhba-mail.json';

export function envOf(ports: MailPorts): MailSystem['env'] {
  return { SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`, SUBMISSION_URL: `smtp://127.0.0.1:${ports.submission}`, IMAP_URL: `imap://127.0.0.1:${ports.imap}` };
}

/** Write every config file (secrets 0600) under `dir`. */
export function writeMailConfig(dir: string, o: MailConfigOptions): void {
  for (const f of mailConfig(o)) {
    const file = join(dir, f.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, f.content, { mode: f.mode });
    chmodSync(file, f.mode);
  }
}

export async function startMailSystem(o: MailSystemOptions): Promise<MailSystem> {
  const dir = resolve(o.dir);
  mkdirSync(dir, { recursive: true });
  const ports: MailPorts = { smtp: 0, submission: 0, imap: 0, lmtp: 0, auth: 0, policy: 0 };
  const taken = new Set<number>();
  for (const k of Object.keys(ports) as (keyof MailPorts)[]) {
    let p = await freePort();
    while (taken.has(p)) p = await freePort();
    taken.add(p);
    ports[k] = p;
  }
  writeMailConfig(dir, { ...o.province, ldapUrls: o.ldapUrls, bindDN: o.reader.bindDN, bindPassword: o.reader.bindPassword, dir, ports, ...(o.authFailureDelaySeconds === undefined ? {} : { authFailureDelaySeconds: o.authFailureDelaySeconds }) });
  writeFileSync(join(dir, STATE), JSON.stringify({ ports, domain: o.province.domain }, null, 2) + '\n', { mode: 0o600 });
  const dovecot = await startDovecot({ dir, imapPort: ports.imap, detached: o.detached, log: o.log });
  try {
    await startListPolicyProcess({ dir, port: ports.policy, baseDN: o.province.baseDN, citation: o.province.listCitation, ldapUrls: o.ldapUrls, reader: o.reader, ...(o.detached === undefined ? {} : { detached: o.detached }) });
    await startPostfix({ dir, smtpPort: ports.smtp, log: o.log });
  } catch (e) {
    await stopListPolicyIn(dir);
    await dovecot.stop();
    throw e;
  }
  return {
    dir,
    ports,
    env: envOf(ports),
    stop: () => stopMailSystemIn(dir),
  };
}

/** Stop Postfix, the list policy and Dovecot running from `dir` (any may already be gone). */
export async function stopMailSystemIn(dir: string): Promise<void> {
  await stopPostfixIn(dir);
  await stopListPolicyIn(dir);
  await stopDovecotIn(dir);
}

export function mailState(dir: string): { ports: MailPorts; domain: string } | undefined {
  const file = join(dir, STATE);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}
