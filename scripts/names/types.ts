// The naming engine's vocabulary. A province's naming is composed from small strategy
// modules (like ESLint rules): a name form, a collision policy and an agency part for
// personal addresses, plus how districts, communes and units are named.
import type { Msg } from '../i18n.js';
import type { Agency, Directory, NameParts } from '../model/types.js';

/** Builds the name part of a personal address from a parsed name ("nvminh", "minhnv"). */
export interface NameForm {
  id: string;
  describe: Msg;
  build(parts: NameParts): string;
}

/** One step of a collision sequence: a mechanical name part, or the administrator's decision. */
export type CollisionStep =
  | { kind: 'name'; name: string; describe: Msg }
  | { kind: 'admin'; describe: Msg; check?: AdminCheck };

/** Extra conditions the regulation puts on an administrator's choice (a warning when unmet). */
export type AdminCheck = (local: string, parts: NameParts, base: string) => Msg | undefined;

/**
 * The legal name parts in order of registration among people whose first choice clashes:
 * step 0 is the form's own result. Finite sequences end with an `admin` step; open ones
 * (Ninh Bình's numbering) never do.
 */
export interface CollisionPolicy {
  id: string;
  describe: Msg;
  steps(parts: NameParts, form: NameForm): Iterable<CollisionStep>;
}

/** The label after the dot in a personal address (`.stttt`), or undefined for none. */
export interface AgencyPart {
  id: string;
  describe: Msg;
  label(agency: Agency, dir: Directory): string | undefined;
}

export interface PersonNaming {
  form: NameForm;
  collision: CollisionPolicy;
  agencyPart?: AgencyPart;
}

/** A place the regulation names by hand, e.g. Ninh Bình's city → `tpb`. Place names are compared in NFC, with diacritics. */
export interface NamedDistrict {
  place: string;
  label: string;
}

export interface NamedCommune {
  place: string;
  /** Local part of the district's mailbox (`huongtra`). */
  district: string;
  label: string;
}

export interface PlaceNaming {
  /** The province's own people's committee (UBND tỉnh): a fixed label (Ninh Bình Điều 5.1.a: `ubnd`). */
  province?: { label: string };
  /** District mailbox = folded place name (`tienlu`), except these. */
  district?: { named: NamedDistrict[] };
  /** Commune mailbox = `<place>[.<district>]`. */
  commune?: {
    withDistrict: boolean;
    /** Huế: a thị trấn named like its district prefixes this ("thị trấn" → `tt`). */
    townSameAsDistrict?: string;
    named: NamedCommune[];
  };
}

export interface NamingProfile {
  person: PersonNaming;
  places: PlaceNaming;
  /** Unit mailboxes `<unit>.<agency>`; sub-agencies `<abbr>.<parent>` when `subAgencies`. */
  units: { suffixAgency: boolean; subAgencies: boolean };
  /** One IT admin account per agency, `admin.<agency>` (Huế Điều 4.2.c). */
  adminAccounts: boolean;
  /** Words an abbreviation may not draw letters from (Ninh Bình: "và"). */
  abbreviation: { forbiddenWords: string[] };
}
