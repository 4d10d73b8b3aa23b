// Classifying failures of LDAP operations.
import { resultCode } from './client.js';

/** The server went away (killed, network): no LDAP result code, a socket error instead. */
export function connectionLost(e: unknown): boolean {
  if (resultCode(e) !== undefined) return false;
  const m = String((e as Error)?.message ?? e);
  return /ECONNRESET|ECONNREFUSED|EPIPE|socket|closed|Connection/i.test(m);
}
