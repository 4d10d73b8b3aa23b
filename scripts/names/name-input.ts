// A name typed on the command line (`suggest`, `add --name/--family/--middle/--given`), checked
// before any address is derived or anything is written. Digits and brackets are never part of a
// Vietnamese name: "Nguyễn Văn Minh 2" or "Lê Thị Lan (Kế toán)" is a title or a note typed into
// the name, and would fold into the address: refused. Look-alike letters (ð/Ð for đ/Đ, ƣ/Ƣ for
// ư/Ư, from converted TCVN3/VNI text and PDFs) are replaced by the real letter and warned about,
// so the file never receives them. Invisible, control and markup characters are the text-safety
// module's business (issue 12), not this one's.
import { msg, type Msg } from '../i18n.js';
import { fixLookalikes, hasLookalike } from './fold.js';

const DIGIT = /\p{Nd}/u;
const BRACKET = /[()[\]{}<>（）［］｛｝【】〈〉《》]/u;

export type NameInput = { ok: true; text: string; warning?: Msg } | { ok: false; problem: Msg };

/** Check one name field (`what` is the option, e.g. "--name"). */
export function checkNameInput(text: string, what: string): NameInput {
  const digit = DIGIT.exec(text);
  if (digit) {
    return { ok: false, problem: msg(`${what} "${text}" có chữ số "${digit[0]}": họ tên không có chữ số. Ghi chức vụ hay số thứ tự vào --title, không vào họ tên.`, `${what} "${text}" contains the digit "${digit[0]}": names have no digits. Put a title or a number in --title, not in the name.`) };
  }
  const bracket = BRACKET.exec(text);
  if (bracket) {
    return { ok: false, problem: msg(`${what} "${text}" có dấu ngoặc "${bracket[0]}": chỉ ghi họ tên; ghi chú đưa vào --title.`, `${what} "${text}" contains the bracket "${bracket[0]}": write the name only; notes go in --title.`) };
  }
  if (!hasLookalike(text)) return { ok: true, text };
  const fixed = fixLookalikes(text);
  return { ok: true, text: fixed, warning: msg(`${what}: "${text}" dùng ð/Ð hoặc ƣ/Ƣ (chữ giống đ/Đ, ư/Ư); đã ghi là "${fixed}".`, `${what}: "${text}" uses ð/Ð or ƣ/Ƣ (look-alikes of đ/Đ, ư/Ư); written as "${fixed}".`) };
}
