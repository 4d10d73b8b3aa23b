// Small in-memory directories for naming tests: the model's required fields filled in.
import type { Agency, AgencyKind, Directory, Person } from '../../scripts/model/types.js';

const loc = { file: 'memory', line: 1, col: 1 };

export function person(id: string, name: string, mailbox: string, extra: Partial<Person> = {}): Person {
  return { id, name, mailbox, public: true, status: { state: 'active' }, at: { self: loc }, ...extra };
}

export function agency(id: string, name: string, mailbox: string, extra: Partial<Agency> & { kind?: AgencyKind } = {}): Agency {
  return { id, name, kind: 'provincial', mailbox, maintainers: [], status: { state: 'active' }, units: [], staff: [], file: `agencies/${id}.yaml`, at: { self: loc }, ...extra };
}

export function directory(...agencies: Agency[]): Directory {
  return { root: '/memory', agencies };
}
