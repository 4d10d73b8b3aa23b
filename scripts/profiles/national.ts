// Acts that change every profile at once: national law, not a province's regulation. Since 1 July
// 2025 local government has two levels (province, commune) and no district (Luật Tổ chức chính
// quyền địa phương 2025; Nghị quyết 202/2025/QH15 of 12 June 2025 on the provincial
// reorganisation). The five regulations were written with districts; this version turns the
// district level off in each of them from that date, so a change dated earlier is still judged
// with districts (a commune then needs its district as `parent`).
import type { ProfileVersion } from './versions.js';

export const TWO_LEVEL_GOVERNMENT: ProfileVersion = {
  since: '2025-07-01',
  basis: {
    reference: 'Luật Tổ chức chính quyền địa phương 2025',
    date: '2025-06-16',
    cite: 'Luật Tổ chức chính quyền địa phương 2025',
    issuer: '',
    title: 'Chính quyền địa phương hai cấp (tỉnh, xã): không còn cấp huyện',
  },
  overrides: { structure: { districtLevel: false } },
};

/** Applied to every profile before its own versions (by date). */
export const NATIONAL_VERSIONS: readonly ProfileVersion[] = [TWO_LEVEL_GOVERNMENT];
