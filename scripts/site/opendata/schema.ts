// The JSON Schema of the JSON download (du-lieu/danh-ba.json and du-lieu/co-quan/<id>.json),
// published beside it so machine readers can validate what they fetch. Descriptions come from
// FIELDS, so the schema and the file's own `fields` never disagree.
import { FIELDS, FORMAT_VERSION } from './json.js';

/** Path of the schema in the province folder. */
export const SCHEMA_PATH = 'du-lieu/danh-ba.schema.json';

const str = (field?: string, extra: object = {}) => ({ type: 'string', ...(field && FIELDS[field] ? { description: `${FIELDS[field].vi} / ${FIELDS[field].en}` } : {}), ...extra });

const ID = '^[a-z0-9][a-z0-9-]{0,63}$';
const EMAIL = '^[^@\\s]+@[^@\\s]+$';

export function schemaObject(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'danh-ba.schema.json',
    title: 'Danh bạ thư điện tử công vụ / Official e-mail directory',
    description: `danhba JSON download, format ${FORMAT_VERSION} (semver: a new optional field raises the minor version, a removed or changed one the major).`,
    type: 'object',
    required: ['version', 'province', 'domain', 'updated', 'licence', 'agencies'],
    properties: {
      $schema: { type: 'string' },
      version: { type: 'string', pattern: '^2\\.\\d+\\.\\d+$', description: 'Format version (semver)' },
      title: { type: 'string' },
      description: { type: 'string' },
      province: { type: 'string' },
      domain: { type: 'string' },
      legalBasis: { type: 'string', description: 'Quyết định ban hành quy chế / The regulation' },
      publishedUnder: { type: 'string', description: 'Điều khoản quy định công khai / Article obliging publication' },
      updated: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Cập nhật ngày / Date of the data' },
      corrections: { type: 'string', pattern: EMAIL, description: 'Nơi nhận đề nghị sửa / Where corrections go' },
      licence: { type: 'object', required: ['id', 'url'], properties: { id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } } },
      fields: { type: 'object', additionalProperties: { type: 'object', required: ['vi', 'en'], properties: { vi: { type: 'string' }, en: { type: 'string' } } } },
      agencies: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'kind', 'units', 'staff'],
          properties: {
            id: str('agencies[].id', { pattern: ID }),
            name: str('agencies[].name'),
            kind: str('agencies[].kind', { enum: ['provincial', 'district', 'commune'] }),
            parent: str('agencies[].parent', { pattern: ID }),
            email: str('agencies[].email', { pattern: EMAIL }),
            phone: str('agencies[].phone'),
            address: str('agencies[].address'),
            website: str('agencies[].website', { pattern: '^https?://' }),
            units: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'name'],
                properties: { id: str('agencies[].units[].id', { pattern: ID }), name: str('agencies[].units[].name'), email: str('agencies[].units[].email', { pattern: EMAIL }), phone: str('agencies[].units[].phone') },
              },
            },
            staff: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'email'],
                properties: {
                  name: str('agencies[].staff[].name'),
                  title: str('agencies[].staff[].title'),
                  unitId: str('agencies[].staff[].unitId', { pattern: ID }),
                  unit: str('agencies[].staff[].unit'),
                  phone: str('agencies[].staff[].phone'),
                  email: str('agencies[].staff[].email', { pattern: EMAIL }),
                  forwardTo: str('agencies[].staff[].forwardTo', { pattern: EMAIL }),
                },
              },
            },
          },
        },
      },
    },
  };
}

export function jsonSchema(): string {
  return JSON.stringify(schemaObject(), null, 2) + '\n';
}
