// The administrative structure the data describes changes with the law, not with the
// regulation: since 1 July 2025 local government has two levels (province, commune) and no
// district (Luật Tổ chức chính quyền địa phương 2025; Nghị quyết 202/2025/QH15 of 12 June 2025
// on the provincial reorganisation). Rules ask here instead of assuming a district exists.
export const TWO_LEVEL_SINCE = '2025-07-01';
export const TWO_LEVEL_BASIS = 'Luật Tổ chức chính quyền địa phương 2025 (hiệu lực 01/7/2025)';

/** Whether a commune must sit under a district on `day` (YYYY-MM-DD). */
export const districtLevelExists = (day: string): boolean => day < TWO_LEVEL_SINCE;
