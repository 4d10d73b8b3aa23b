// The history of one address: every commit (first-parent line) that created, changed,
// forwarded, suspended, revoked, restored or removed a mailbox with that address, whoever held it.
import { diffAgencies, type MailboxChange } from './changeset.js';
import { commitDay } from './quarantine.js';
import type { CommitInfo, Repo } from './repo.js';
import { agenciesOf, walkAgencyHistory } from './walk.js';

export interface MailboxEvent extends CommitInfo {
  /** Vietnam calendar date of the commit. */
  day: string;
  change: MailboxChange;
}

export async function mailboxHistory(repo: Repo, dirRel: string, address: string, options: { rev?: string; label: string }): Promise<MailboxEvent[]> {
  const wanted = address.toLowerCase();
  const events: MailboxEvent[] = [];
  for await (const step of walkAgencyHistory(repo, dirRel, options)) {
    for (const group of diffAgencies(agenciesOf(step, 'before'), agenciesOf(step, 'after')).agencies) {
      for (const change of group.changes) {
        if (change.address.toLowerCase() === wanted || change.previousAddress?.toLowerCase() === wanted) events.push({ ...step.commit, day: commitDay(step.commit.date), change });
      }
    }
  }
  return events;
}
