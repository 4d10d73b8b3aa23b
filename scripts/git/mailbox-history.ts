// The history of one address: every commit (first-parent line) that created, changed,
// forwarded, suspended, revoked, restored or removed a mailbox with that address, whoever held it.
// The events come from the history index (history-index.ts): with a cache folder, only the
// commits after the last indexed one are replayed.
import type { MailboxChange } from './changeset.js';
import { indexedHistory } from './history-index.js';
import { commitDay } from './quarantine.js';
import type { CommitInfo, Repo } from './repo.js';

export interface MailboxEvent extends CommitInfo {
  /** Vietnam calendar date of the commit. */
  day: string;
  change: MailboxChange;
}

export async function mailboxHistory(repo: Repo, dirRel: string, address: string, options: { rev?: string; label: string; cacheDir?: string }): Promise<MailboxEvent[]> {
  const wanted = address.toLowerCase();
  const events: MailboxEvent[] = [];
  const history = await indexedHistory(repo, dirRel, { ...options, events: true });
  for (const step of history.events()) {
    for (const change of step.changes) {
      if (change.address.toLowerCase() === wanted || change.previousAddress?.toLowerCase() === wanted) events.push({ ...step.commit, day: commitDay(step.commit.date), change });
    }
  }
  return events;
}
