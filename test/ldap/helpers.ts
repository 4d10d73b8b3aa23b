// Helpers for the LDAP integration tests: a temp copy of an example province with its own
// suffix, YAML edits, and searches with an independent client.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'ldapts';
import type { Connection } from '../../scripts/ldap/client.js';

export const REPO = resolve(import.meta.dirname, '../..');

/** Copy directory/<domain> to a temp dir, with `ldap.baseDN` replaced. */
export function copyProvince(domain: string, baseDN: string): { root: string; cleanup: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'danhba-ldap-'));
  const root = join(tmp, domain);
  cpSync(join(REPO, 'directory', domain), root, { recursive: true });
  edit(root, 'province.yaml', (t) => t.replace(/baseDN: .*/, `baseDN: ${baseDN}`));
  return { root, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

export function edit(root: string, rel: string, change: (text: string) => string): void {
  const file = join(root, rel);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  writeFileSync(file, after);
}

export async function open(c: Connection): Promise<Client> {
  const client = new Client({ url: c.url });
  await client.bind(c.bindDN, c.bindPassword);
  return client;
}

export type Found = { dn: string } & Record<string, string | string[]>;

/** One entry by filter (throws unless exactly one), with string values. */
export async function one(client: Client, base: string, filter: string, attributes = ['*', 'pwdAccountLockedTime', 'entryCSN']): Promise<Found> {
  const all = await find(client, base, filter, attributes);
  if (all.length !== 1) throw new Error(`${filter}: ${all.length} entries`);
  return all[0];
}

export async function find(client: Client, base: string, filter: string, attributes = ['*', 'pwdAccountLockedTime', 'entryCSN']): Promise<Found[]> {
  const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes });
  return searchEntries as unknown as Found[];
}

/** entryCSN of every entry under base: changes whenever anything is written. */
export async function csns(client: Client, base: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const page of client.searchPaginated(base, { scope: 'sub', attributes: ['entryCSN'], paged: { pageSize: 1000 } })) {
    for (const e of page.searchEntries) out.set(e.dn, String(e.entryCSN));
  }
  return out;
}
