// Vitest global setup for the LDAP tests: make sure slapd is installed (apt-get as root on
// Debian, else the exact command), start one shared slapd serving every example province's
// suffix plus `dc=scenarios,dc=test`, hand its address to the tests with `provide`, stop it after.
import { resolve } from 'node:path';
import { Client } from 'ldapts';
import type { TestProject } from 'vitest/node';
import { provinceSuffixes, startSlapd, type Slapd } from '../../scripts/servers/slapd.js';

export const SCENARIO_SUFFIX = 'dc=scenarios,dc=test';

export interface SharedLdap {
  url: string;
  bindDN: string;
  bindPassword: string;
  /** For the OpenLDAP tools' `-y`. */
  passwordFile: string;
  suffixes: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    ldap: SharedLdap;
  }
}

let server: Slapd | undefined;

export async function setup(project: TestProject): Promise<void> {
  const suffixes = [...provinceSuffixes(resolve(import.meta.dirname, '../../directory')), SCENARIO_SUFFIX];
  server = await startSlapd({ suffixes, dbNoSync: true, log: (l) => process.stderr.write(`[slapd] ${l}\n`) });
  // The scenario suffix entry itself; each test file syncs a province under its own child of it.
  const client = new Client({ url: server.url });
  await client.bind(server.bindDN, server.bindPassword);
  await client.add(SCENARIO_SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'scenarios', o: 'danhba tests' });
  await client.unbind();
  project.provide('ldap', { url: server.url, bindDN: server.bindDN, bindPassword: server.bindPassword, passwordFile: server.passwordFile, suffixes });
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
