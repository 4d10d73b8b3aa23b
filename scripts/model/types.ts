// The in-memory model of one province's directory, built by `load/` from the YAML files.
// Every entity keeps the location of each of its fields so findings can point at file:line:col.

/** A position in a source file; line and col are 1-based. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

/** Locations of an entity's fields; `self` is where the entity itself starts. */
export type Locs<F extends string = string> = { self: Loc } & Partial<Record<F, Loc>>;

export type AgencyKind = 'provincial' | 'district' | 'commune';
export type MailboxState = 'active' | 'suspended' | 'forwarding' | 'revoked';

/** An administrator's recorded decision that allows an address the naming rule would not give. */
export interface Exception {
  reason: string;
  /** The decision or letter that approved it, e.g. "Công văn 123/STTTT-BCVT". */
  reference: string;
}

/**
 * Lifecycle state of a mailbox. `from` is when the state takes effect (future dates are
 * scheduled changes); for `forwarding`, `until` is the date the mailbox is revoked.
 */
export interface Status {
  state: MailboxState;
  from?: string; // YYYY-MM-DD
  /**
   * Forwarding after a province merge (reorganisations/, merge-province): from this date until
   * `from` the address is an alias of the `forwardTo` mailbox (the old domain still delivers
   * straight to the new mailbox), then it forwards until `until`, then it is revoked.
   */
  aliasFrom?: string; // YYYY-MM-DD
  until?: string; // YYYY-MM-DD
  forwardTo?: string;
  reason?: string;
  reference?: string;
  /** Date of the decision (retirement, leaving, transfer) behind the change: Ninh Bình Điều 7.2. */
  decided?: string;
  /** Date the administrator received the agency's written request: Ninh Bình Điều 7.2. */
  requested?: string;
}

/** Explicit split of a full name, for names the default parser gets wrong. */
export interface NameParts {
  family: string;
  middle: string[];
  given: string;
}

export interface Employment {
  type: 'permanent' | 'contract';
  /** Length of the contract in months (Huế Điều 12.3 needs ≥ 12). */
  months?: number;
}

/** A grandfathered address (issued before danhba): the naming rule skips it while the mailbox is unchanged. */
export interface Legacy {
  /** The address as imported. */
  mailbox: string;
  /** The import it came from. */
  reference: string;
}

export interface Person {
  /** Stable id: never the address, survives transfers and renames. */
  id: string;
  name: string;
  nameParts?: NameParts;
  title?: string;
  unit?: string; // unit id within the agency
  phone?: string;
  mailbox: string;
  employment?: Employment;
  /** Listed on the public page (default true). */
  public: boolean;
  status: Status;
  quotaMB?: number;
  exception?: Exception;
  legacy?: Legacy;
  /** Provenance of an imported entry (LDAP DN or file:row). */
  importedFrom?: string;
  at: Locs<'id' | 'name' | 'nameParts' | 'title' | 'unit' | 'phone' | 'mailbox' | 'employment' | 'public' | 'status' | 'quotaMB' | 'exception' | 'legacy' | 'importedFrom'>;
}

export interface Unit {
  id: string;
  name: string;
  mailbox?: string;
  /** The unit's IT admin account (Huế Điều 4.2.c: admin.<unit>.<agency>). */
  adminMailbox?: string;
  /** Public-service unit (đơn vị sự nghiệp): its staff use the parent agency's mailbox (Huế Điều 4.2.b). */
  publicService: boolean;
  phone?: string;
  quotaMB?: number;
  status: Status;
  exception?: Exception;
  at: Locs<'id' | 'name' | 'mailbox' | 'adminMailbox' | 'publicService' | 'phone' | 'quotaMB' | 'status' | 'exception'>;
}

export interface Agency {
  id: string;
  name: string;
  kind: AgencyKind;
  /** Parent agency id: the district of a commune, or the agency a sub-agency belongs to. */
  parent?: string;
  mailbox: string;
  /** IT admin account (Huế Điều 4.2.c: admin.<agency mailbox>). */
  adminMailbox?: string;
  phone?: string;
  address?: string; // postal address, shown on the public page
  website?: string;
  /** GitHub handles of the people allowed to change this file. */
  maintainers: string[];
  /** For agency mailboxes not in the appendix: the decision that created the agency/mailbox. */
  establishedBy?: string;
  /**
   * The former province whose territory the agency is in (a merger: `hanam` inside Ninh Bình),
   * when that territory still has rules of its own (profiles/versions.ts); absent = the
   * province's own territory. Set by an administrator.
   */
  territory?: string;
  quotaMB?: number;
  status: Status;
  exception?: Exception;
  /**
   * Staff the head authorised to manage the agency list and post to it, besides the agency
   * mailbox (Cần Thơ Điều 11.5); absent = the agency mailbox alone.
   */
  listManagers?: ListManager[];
  units: Unit[];
  staff: Person[];
  /** Path of the agency file, relative to the directory root. */
  file: string;
  at: Locs<'id' | 'name' | 'kind' | 'parent' | 'mailbox' | 'adminMailbox' | 'phone' | 'maintainers' | 'establishedBy' | 'territory' | 'quotaMB' | 'status' | 'exception' | 'listManagers' | 'units' | 'staff'>;
}

/** A person authorised to manage an agency list: a staff id of the same agency, and the authorisation. */
export interface ListManager {
  person: string;
  reference: string;
}

export interface AppendixEntry {
  no: number;
  agencyName: string;
  /** Agency id the row belongs to. */
  agency: string;
  address: string;
  at: Locs<'no' | 'agencyName' | 'agency' | 'address'>;
}

export interface Appendix {
  citation: string;
  entries: AppendixEntry[];
  file: string;
}

export interface FormerDomain {
  domain: string;
  name?: string;
  /** The day the domain's last forward ends. */
  until: string;
  reference: string;
}

export interface Province {
  /** Rule-set / profile id: thuathienhue, dongnai, ninhbinh, cantho, hungyen. */
  ruleSet: string;
  name: string;
  domain: string;
  decision: string;
  contacts: { corrections: string; website?: string };
  /** GitHub handles of the province administrators (STTTT). */
  administrators: string[];
  /** Default quotas assigned; the profile holds the regulation's maxima. */
  quotasMB: { agency?: number; unit?: number; personal?: number };
  ldap: { baseDN: string };
  /** Domains of provinces merged into this one: accepted by the mail system until `until` (reorganisations/, merge-province). */
  formerDomains?: FormerDomain[];
  file: string;
  at: Locs<'ruleSet' | 'name' | 'domain' | 'decision' | 'contacts' | 'administrators' | 'quotasMB' | 'ldap' | 'formerDomains'>;
}

export interface Directory {
  /** Absolute path of the province folder (directory/<domain>). */
  root: string;
  province?: Province;
  appendix?: Appendix;
  agencies: Agency[];
}
