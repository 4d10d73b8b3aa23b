// The LDAP connection a command reads from the environment (LDAP_URL, LDAP_BIND_DN,
// LDAP_BIND_PASSWORD…), or a usage error (exit 2) that says what is missing.
import { connectionFromEnv, ConnectionMissing, type Connection } from '../ldap/client.js';
import { UsageError } from './command.js';

export function connectionOrUsage(missing: string, env: NodeJS.ProcessEnv = process.env): Connection {
  let connection: Connection | undefined;
  try {
    connection = connectionFromEnv(env);
  } catch (e) {
    if (e instanceof ConnectionMissing) throw new UsageError(e.message);
    throw e;
  }
  if (!connection) throw new UsageError(missing);
  return connection;
}
