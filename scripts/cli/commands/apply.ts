// `danhba apply --province <id>`: plan, then apply under the sync lock. Refuses invalid data and
// mass removals (unless --allow-mass-removal); removal is soft (moved under ou=revoked).
import type { Command } from '../command.js';
import { runSync, SYNC_USAGE } from './plan.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: { vi: 'Đồng bộ danh bạ vào LDAP (tạo, sửa, đổi tên, vô hiệu)', en: 'Sync the directory into LDAP (create, modify, rename, disable)' },
  usage: `danhba apply ${SYNC_USAGE}\n  --allow-mass-removal: gỡ nhiều hơn ngưỡng (5% hoặc 500 mục) / remove more than the threshold`,
  run: (argv, env) => runSync(argv, env, true),
};
