// One person as a source gives it, before it is checked: what CSV, .xlsx and LDAP imports all
// produce, so the rest of the import does not know where a row came from.
export const FIELDS = ['name', 'family', 'given', 'title', 'agency', 'unit', 'phone', 'mail'] as const;
export type Field = (typeof FIELDS)[number];

export interface SourceRow {
  /** Provenance: the LDAP DN, or `file:row` of a spreadsheet (kept as `importedFrom`). */
  source: string;
  /** Where to point a message: `file:row`, or the DN. */
  where: string;
  values: Partial<Record<Field, string>>;
}

/** Text as imported: NFC, whitespace collapsed; undefined when empty. */
export function clean(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
  return s || undefined;
}
