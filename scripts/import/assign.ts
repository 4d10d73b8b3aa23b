// Which agency (and unit) a row belongs to, matched against the province's agency files and
// appendix: by the agency's name (the "Đơn vị" column, or an LDAP `o`/`ou`), else by the
// agency part of the address (`nvminh.stttt@` → the agency whose mailbox is `stttt@`).
import { localPart } from '../model/mailboxes.js';
import type { Agency, Directory, Unit } from '../model/types.js';
import { foldJoined } from '../names/fold.js';

export interface Placement {
  agency: Agency;
  unit?: Unit;
}

export class AgencyIndex {
  private readonly byName = new Map<string, Agency>();
  private readonly byLocal = new Map<string, Agency>();
  /** Agency, admin and unit mailboxes: rows with these addresses are organisations, not people. */
  readonly organisation = new Map<string, Agency>();

  constructor(dir: Directory) {
    const byId = new Map(dir.agencies.map((a) => [a.id, a]));
    for (const a of dir.agencies) {
      this.byName.set(foldJoined(a.name), a);
      this.byLocal.set(localPart(a.mailbox).toLowerCase(), a);
      this.organisation.set(a.mailbox.toLowerCase(), a);
      if (a.adminMailbox) this.organisation.set(a.adminMailbox.toLowerCase(), a);
      for (const u of a.units) if (u.mailbox) this.organisation.set(u.mailbox.toLowerCase(), a);
    }
    // The appendix may spell an agency's name differently from its file.
    for (const e of dir.appendix?.entries ?? []) {
      const a = byId.get(e.agency);
      if (a && !this.byName.has(foldJoined(e.agencyName))) this.byName.set(foldJoined(e.agencyName), a);
      if (!a) {
        this.withoutFile.set(foldJoined(e.agencyName), e.agency);
        this.withoutFile.set(localPart(e.address).toLowerCase(), e.agency);
      }
    }
  }

  /** Appendix agencies that have no agency file yet, by folded name and by address local part. */
  private readonly withoutFile = new Map<string, string>();

  /** The appendix agency a row names whose file does not exist (the import needs the file: kind, maintainers). */
  missingFile(values: { agency?: string; unit?: string; mail: string }): string | undefined {
    const local = localPart(values.mail);
    const dot = local.lastIndexOf('.');
    return (
      (values.agency && this.withoutFile.get(foldJoined(values.agency))) ||
      (values.unit && this.withoutFile.get(foldJoined(values.unit))) ||
      (dot > 0 ? this.withoutFile.get(local.slice(dot + 1)) : undefined) ||
      undefined
    );
  }

  place(values: { agency?: string; unit?: string; mail: string }): Placement | undefined {
    const named = (values.agency && this.byName.get(foldJoined(values.agency))) || (values.unit && this.byName.get(foldJoined(values.unit))) || undefined;
    const local = localPart(values.mail);
    const dot = local.lastIndexOf('.');
    const agency = named ?? (dot > 0 ? this.byLocal.get(local.slice(dot + 1)) : undefined);
    if (!agency) return undefined;
    const key = values.unit && foldJoined(values.unit);
    const unit = key ? agency.units.find((u) => foldJoined(u.name) === key || u.id === values.unit) : undefined;
    return { agency, ...(unit ? { unit } : {}) };
  }
}
