// The order of titles on an agency page: heads, then deputies, then heads and deputies of units,
// then everyone else. The ladder is the one the organisation laws give every level of government
// (Luật Tổ chức chính quyền địa phương 2015: Chủ tịch, Phó Chủ tịch UBND; Nghị định 24/2014/NĐ-CP
// and 37/2014/NĐ-CP: Giám đốc Sở / Trưởng phòng and their deputies); the regulations the profiles
// implement name no order, so this is danhba policy for display only.
import { foldWords } from '../names/fold.js';

/** Folded title start → rank (lower first). The longest matching start wins: "pho giam doc" before "giam doc". */
const LADDER: [string, number][] = [
  ['bi thu', 0], ['chu tich', 0], ['giam doc', 0], ['truong ban', 0], ['chanh an', 0], ['vien truong', 0], ['tong bien tap', 0], ['cuc truong', 0],
  ['pho bi thu', 1], ['pho chu tich', 1], ['pho giam doc', 1], ['pho truong ban', 1], ['pho chanh an', 1], ['pho vien truong', 1], ['pho tong bien tap', 1], ['pho cuc truong', 1],
  ['chanh van phong', 2], ['chanh thanh tra', 2], ['truong phong', 2], ['truong khoa', 2], ['hieu truong', 2], ['truong tram', 2], ['truong', 2],
  ['pho chanh van phong', 3], ['pho chanh thanh tra', 3], ['pho truong phong', 3], ['pho truong khoa', 3], ['pho hieu truong', 3], ['pho truong tram', 3], ['pho truong', 3],
];
const OTHER = 9;

/** Rank of a title on the ladder (0 head … 3 deputy head of a unit, 9 anyone else). */
export function titleRank(title: string | undefined): number {
  if (!title) return OTHER;
  let rank = memo.get(title);
  if (rank === undefined) {
    if (memo.size > 10_000) memo.clear();
    memo.set(title, (rank = computeRank(title)));
  }
  return rank;
}

// A province has a few hundred distinct titles and every sort compares them many times.
const memo = new Map<string, number>();

function computeRank(title: string): number {
  const folded = foldWords(title).join(' ');
  let best = -1;
  let rank = OTHER;
  for (const [start, r] of LADDER) {
    if ((folded === start || folded.startsWith(`${start} `)) && start.length > best) {
      best = start.length;
      rank = r;
    }
  }
  return rank;
}

/** Heads and deputies of the agency itself (rank 0–1, in no unit): listed first on its page. */
export function isLeader(title: string | undefined, unit: string | undefined): boolean {
  return unit === undefined && titleRank(title) <= 1;
}
