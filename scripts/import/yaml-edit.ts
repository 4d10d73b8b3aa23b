// Field updates of people already in an agency file, through the `yaml` Document API so the
// file's comments and order survive (new people go through names/staff-entry.ts, as `add`'s).
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';

export type FieldUpdates = Map<string, Record<string, string | undefined>>;

/** The file's text with each listed person's fields set (undefined removes the field). */
export function updateStaff(text: string, updates: FieldUpdates): string {
  if (!updates.size) return text;
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const staff = doc.get('staff', true);
  if (!isSeq(staff)) return text;
  for (const item of staff.items) {
    if (!isMap(item)) continue;
    const fields = updates.get(String((item as YAMLMap).get('id')));
    if (!fields) continue;
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) (item as YAMLMap).delete(k);
      else (item as YAMLMap).set(k, v);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
