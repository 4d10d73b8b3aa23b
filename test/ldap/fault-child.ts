// Child process of fault.test.ts: one `apply` that SIGKILLs itself right after its KILL_AT-th
// write (0: never), as a crash, an OOM kill or a cancelled CI job would end it.
import { syncProvince } from '../../scripts/ldap/sync.js';

const killAt = Number(process.env.KILL_AT ?? 0);
let writes = 0;
const r = await syncProvince({
  root: process.env.ROOT!,
  apply: true,
  today: process.env.TODAY!,
  commit: null,
  allowMassRemoval: true,
  concurrency: 4,
  onWrite: () => {
    if (++writes === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(JSON.stringify({ status: r.status, writes, error: r.error ?? null }) + '\n');
