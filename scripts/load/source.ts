// Bytes → text, with the encoding checks a hand-edited file needs: size, UTF-8, BOM,
// invisible characters and NFC. Problems are findings with locations; the text is still
// returned when it can be read, so the rest of the file is checked too.
import { msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { codePointLabel, invisiblesInFile } from '../model/text-safety.js';
import { formatFinding } from './format-rules.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface SourceText {
  text?: string;
  findings: Finding[];
}

/** Line and column of UTF-16 offsets in one text: line starts found once, each lookup a binary search. */
export function lineLocator(text: string): (index: number) => { line: number; col: number } {
  let starts: number[] | undefined;
  return (index) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: index - starts[lo] + 1 };
  };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Decode growing prefixes is too slow; find the offset by decoding leniently and locating U+FFFD
  // where the source bytes are not EF BF BD (a literal replacement character is valid UTF-8).
  const text = new TextDecoder('utf-8').decode(bytes);
  let byteOffset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp === 0xfffd && !(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd)) return byteOffset;
    byteOffset += len;
  }
  return -1;
}

function byteOffsetToLineCol(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      col = 1;
    } else if ((bytes[i] & 0xc0) !== 0x80) col++;
  }
  return { line, col };
}

export function decodeSource(file: string, bytes: Uint8Array): SourceText {
  const findings: Finding[] = [];
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    findings.push(
      formatFinding(
        'fileTooLarge',
        { file, line: 1, col: 1 },
        msg(`Tệp ${mb} MB vượt giới hạn ${MAX_FILE_BYTES / 1024 / 1024} MB; không kiểm tra nội dung.`, `File is ${mb} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; its content was not checked.`),
        msg('Tách cơ quan lớn thành nhiều tệp (mỗi cơ quan trực thuộc một tệp).', 'Split a large agency into several files (one per sub-agency).'),
      ),
    );
    return { findings };
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    findings.push(
      formatFinding('bom', { file, line: 1, col: 1 }, msg('Tệp bắt đầu bằng BOM (EF BB BF).', 'File starts with a byte-order mark (EF BB BF).'), msg('Lưu tệp ở dạng "UTF-8" (không BOM).', 'Save the file as "UTF-8" without BOM.')),
    );
    start = 3;
  }
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const offset = firstInvalidUtf8(body);
    const { line, col } = byteOffsetToLineCol(body, Math.max(0, offset));
    findings.push(
      formatFinding(
        'encoding',
        { file, line, col },
        msg(`Byte 0x${body[offset]?.toString(16).padStart(2, '0')} không hợp lệ trong UTF-8; tệp không được đọc.`, `Byte 0x${body[offset]?.toString(16).padStart(2, '0')} is not valid UTF-8; the file was not read.`),
        msg('Lưu lại tệp với mã hoá UTF-8 (Unicode, TCVN 6909:2001), không dùng TCVN3/VNI.', 'Re-save the file as UTF-8 (Unicode, TCVN 6909:2001), not TCVN3/VNI.'),
      ),
    );
    return { findings };
  }
  findings.push(...invisibleCharFindings(file, text), ...nfcFindings(file, text));
  return { text, findings };
}

function invisibleCharFindings(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  const lineCol = lineLocator(text);
  for (const hit of invisiblesInFile(text)) {
    const code = codePointLabel(hit.char);
    out.push(
      formatFinding(
        'invisible',
        { file, ...lineCol(hit.index) },
        msg(`Ký tự vô hình/điều khiển ${code} trong tệp.`, `Invisible or control character ${code} in the file.`),
        msg('Xoá ký tự này (thường do sao chép từ Word/web).', 'Delete the character (usually pasted from Word or the web).'),
      ),
    );
    if (out.length >= 20) break;
  }
  return out;
}

/**
 * Column (1-based, UTF-16) of the first character that NFC changes in a line, in one pass:
 * normalising ever longer prefixes was quadratic (13 minutes for a 3 MB line). The line is
 * normalised in chunks cut before a base character (never between a letter and its marks);
 * in the first chunk that changes, each base character with its marks is normalised alone.
 */
export function firstNonNfcColumn(line: string): number {
  const CHUNK = 4096;
  const continues = /[\p{M}\uDC00-\uDFFF]/u; // a mark or the second half of a surrogate pair
  for (let start = 0; start < line.length; ) {
    let end = Math.min(line.length, start + CHUNK);
    while (end < line.length && continues.test(line[end])) end++;
    const chunk = line.slice(start, end);
    if (chunk.normalize('NFC') !== chunk) {
      for (const m of chunk.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) if (m[0].normalize('NFC') !== m[0]) return start + m.index! + 1;
      return start + 1; // a composition across pieces (rare: Hangul jamo): the chunk as a whole
    }
    start = end;
  }
  return 1;
}

function nfcFindings(file: string, text: string): Finding[] {
  if (text.normalize('NFC') === text) return [];
  const out: Finding[] = [];
  let lineNo = 0;
  for (let start = 0; start <= text.length && out.length < 20; lineNo++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.normalize('NFC') === line) continue;
    out.push(
      formatFinding(
        'nfc',
        { file, line: lineNo + 1, col: firstNonNfcColumn(line) },
        msg('Chữ tiếng Việt ở dạng tổ hợp (NFD), không phải dựng sẵn (NFC).', 'Vietnamese text is decomposed (NFD), not precomposed (NFC).'),
        msg('Gõ lại bằng bộ gõ đặt "Unicode dựng sẵn" (Unikey/EVKey).', 'Retype with the keyboard set to precomposed Unicode ("Unicode dựng sẵn").'),
      ),
    );
  }
  return out;
}
