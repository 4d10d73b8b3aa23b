// The list policy service (scripts/mail/list-policy.ts) on the synced LDAP of the shared slapd,
// read with the mail servers' own read-only account: who may post to an agency list (Cần Thơ
// Điều 11.5: the agency mailbox and the staff its head authorised), what it answers when LDAP
// cannot, hostile recipients, and the Postfix policy protocol itself. Postfix in front of it:
// test/mail/mail.test.ts.
import { spawn } from 'node:child_process';
import { connect as tcp } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syncProvince } from '../../scripts/ldap/sync.js';
import { listVerdict, startListPolicy, type ListPolicyOptions } from '../../scripts/mail/list-policy.js';
import { ensureMailReader } from '../../scripts/mail/reader.js';
import { freePort } from '../../scripts/servers/slapd.js';
import { copyProvince, edit, REPO } from '../ldap/helpers.js';

const BASE = 'dc=listpolicy,dc=scenarios,dc=test';
const D = 'thuathienhue.gov.vn';
const LIST = `danhsach.stttt@${D}`;
const ldap = inject('ldap');
let options: ListPolicyOptions;
let cleanup: () => void;
let root: string;

const ask = (login: string, recipient = LIST) => listVerdict(options, new Map([['request', 'smtpd_access_policy'], ['recipient', recipient], ['sasl_username', login]]));

beforeAll(async () => {
  ({ root, cleanup } = copyProvince(D, BASE));
  edit(root, 'agencies/stttt.yaml', (t) => t.replace('\nstaff:\n', '\nlistManagers:\n  - person: hue-0005\n    reference: QĐ 12/QĐ-STTTT ngày 02/01/2026\nstaff:\n'));
  const connection = { url: ldap.url, bindDN: ldap.bindDN, bindPassword: ldap.bindPassword };
  const r = await syncProvince({ root, apply: true, connection, today: '2026-03-01', commit: null });
  expect(r.status, r.error).toBe('applied');
  const reader = await ensureMailReader(connection);
  options = { ldap: { url: ldap.url, ...reader, timeoutMs: 5000, connectTimeoutMs: 5000 }, baseDN: BASE, citation: 'Can Tho QD 33/2015 Dieu 11.5' };
});

afterAll(() => cleanup?.());

describe('who may post to an agency list', () => {
  it('the agency mailbox and the person the head authorised, in any letter case', async () => {
    expect(await ask(`stttt@${D}`)).toEqual({ action: 'DUNNO' });
    expect(await ask(`nvminh2.stttt@${D}`)).toEqual({ action: 'DUNNO' });
    expect(await ask(`NVMinh2.STTTT@${D.toUpperCase()}`)).toEqual({ action: 'DUNNO' });
  });

  it('nobody else: other staff (the head included), staff of other agencies, no login', async () => {
    for (const login of [`nvminh.stttt@${D}`, `tttha.stttt@${D}`, `ubnd@${D}`, '']) {
      const v = await ask(login);
      expect(v.action, login).toBe('REJECT');
      expect('text' in v && v.text).toMatch(/^5\.7\.1 [\x20-\x7e]+\(Can Tho QD 33\/2015 Dieu 11\.5\)$/);
    }
  });

  it('leaves other recipients to Postfix, and a recipient is a value, never a filter', async () => {
    expect(await ask(`nvminh.stttt@${D}`, `nvminh.stttt@${D}`)).toEqual({ action: 'DUNNO' });
    // A wildcard or filter syntax in the address matches nothing (a list would be REJECT here).
    for (const recipient of [`danhsach.stttt*@${D}`, `*`, `${LIST})(mail=*`, `\\2a`]) expect(await ask(`nvminh.stttt@${D}`, recipient), recipient).toEqual({ action: 'DUNNO' });
  });

  it('defers, never passes, when LDAP cannot answer', async () => {
    const down = { ...options, ldap: { ...options.ldap, url: 'ldap://127.0.0.1:1' } };
    const v = await listVerdict(down, new Map([['recipient', LIST], ['sasl_username', `nvminh.stttt@${D}`]]));
    expect(v.action).toBe('DEFER_IF_PERMIT');
  });
});

/** Write `text` on one connection; resolve with everything read until `replies` blank-line-ended replies came, or the peer closed. */
function exchange(port: number, text: string, replies: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcp({ host: '127.0.0.1', port });
    let got = '';
    socket.setTimeout(10_000, () => reject(new Error(`timeout: ${got}`)));
    socket.on('error', reject);
    socket.on('data', (b) => {
      got += b.toString('utf8');
      if (got.split('\n\n').length - 1 >= replies) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('close', () => resolve(got));
    socket.write(text);
  });
}

describe('the policy protocol', () => {
  it('answers requests of one connection in order, and drops a request larger than Postfix sends', async () => {
    const policy = await startListPolicy({ ...options, port: 0 });
    try {
      const request = (login: string) => `request=smtpd_access_policy\r\nprotocol_state=RCPT\nrecipient=${LIST}\nsasl_username=${login}\n\n`;
      const replies = await exchange(policy.port, request(`stttt@${D}`) + request(`nvminh.stttt@${D}`) + request(`nvminh2.stttt@${D}`), 3);
      expect(replies.split('\n\n').slice(0, 3).map((r) => r.split(' ')[0])).toEqual(['action=DUNNO', 'action=REJECT', 'action=DUNNO']);
      expect(await exchange(policy.port, `recipient=${'x'.repeat(70_000)}`, 1)).toBe('');
    } finally {
      await policy.close();
    }
  });
});

describe('danhba mail-policy (a deployment runs the service so)', () => {
  it('serves with the LDAP settings from the environment only, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { PATH: process.env.PATH!, MAIL_LDAP_URL: options.ldap.url, MAIL_LDAP_BIND_DN: options.ldap.bindDN, MAIL_LDAP_BIND_PASSWORD: options.ldap.bindPassword };
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/cli.ts'), 'mail-policy', '--province', 'thuathienhue', '--port', String(port), '--directory', join(root, '..')], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stderr, { timeout: 20_000 }).toContain(`127.0.0.1:${port}`);
      expect(child.spawnargs.join(' ')).not.toContain(options.ldap.bindPassword);
      // The copy's province.yaml names the scenario base: the list and its managers are found there.
      const ask = (login: string) => exchange(port, `request=smtpd_access_policy\nrecipient=${LIST}\nsasl_username=${login}\n\n`, 1);
      expect(await ask(`nvminh2.stttt@${D}`)).toBe('action=DUNNO\n\n');
      expect(await ask(`nvminh.stttt@${D}`)).toMatch(/^action=REJECT 5\.7\.1 .*\(danhba policy/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
