// Bytes → text, with the encoding checks a hand-edited file needs: size, UTF-8, BOM,
// invisible characters and NFC. Problems are findings with locations; the text is still
// returned when it can be read, so the rest of the file is checked too.
import { msg } from '../i18n.js';
import type { Finding } from '../rules/finding.js';
import { formatFinding } from './format-rules.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

// C0 controls except tab/LF/CR, DEL, C1 controls, zero-width and bidi controls, BOM inside text.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export interface SourceText {
  text?: string;
  findings: Finding[];
}

function lineColAt(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: index - lineStart + 1 };
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
  for (const m of text.matchAll(INVISIBLE)) {
    const code = 'U+' + m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out.push(
      formatFinding(
        'invisible',
        { file, ...lineColAt(text, m.index!) },
        msg(`Ký tự vô hình/điều khiển ${code} trong tệp.`, `Invisible or control character ${code} in the file.`),
        msg('Xoá ký tự này (thường do sao chép từ Word/web).', 'Delete the character (usually pasted from Word or the web).'),
      ),
    );
    if (out.length >= 20) break;
  }
  return out;
}

function nfcFindings(file: string, text: string): Finding[] {
  if (text.normalize('NFC') === text) return [];
  const out: Finding[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < 20; i++) {
    const line = lines[i];
    if (line.normalize('NFC') === line) continue;
    let col = 0;
    while (col < line.length && line.slice(0, col + 1).normalize('NFC') === line.slice(0, col + 1)) col++;
    out.push(
      formatFinding(
        'nfc',
        { file, line: i + 1, col: Math.max(1, col) },
        msg('Chữ tiếng Việt ở dạng tổ hợp (NFD), không phải dựng sẵn (NFC).', 'Vietnamese text is decomposed (NFD), not precomposed (NFC).'),
        msg('Gõ lại bằng bộ gõ đặt "Unicode dựng sẵn" (Unikey/EVKey).', 'Retype with the keyboard set to precomposed Unicode ("Unicode dựng sẵn").'),
      ),
    );
  }
  return out;
}
