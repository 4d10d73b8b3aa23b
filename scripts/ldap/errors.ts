// Classifying failures of LDAP operations and saying them in words a maintainer can act on:
// every LDAP result code (RFC 4511 §4.1.9 and the client-side codes of RFC 3494/4511 usage)
// and the socket, TLS and timeout failures that carry no code.
import type { Msg } from '../i18n.js';

/** The LDAP result code of an ldapts error, if any. */
export function resultCode(e: unknown): number | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

export function isCode(e: unknown, code: number): boolean {
  return resultCode(e) === code;
}

/** The server went away (killed, network): no LDAP result code, a socket error instead. */
export function connectionLost(e: unknown): boolean {
  if (resultCode(e) !== undefined) return false;
  const m = String((e as Error)?.message ?? e);
  return /ECONNRESET|ECONNREFUSED|EPIPE|socket|closed|Connection|timed out|timeout/i.test(m);
}

/**
 * What kind of trouble: `environment` problems (no server, wrong credentials, TLS, timeouts)
 * end a command with exit 2; the others are refusals of one write (exit 1).
 */
export type ProblemKind = 'credentials' | 'access' | 'connection' | 'timeout' | 'tls' | 'no-such-object' | 'exists' | 'schema' | 'busy' | 'other';

export interface LdapProblem {
  kind: ProblemKind;
  /** LDAP result code, when the server answered with one. */
  code?: number;
  /** The message in both languages; `where` (URL or DN) is already in it. */
  text: Msg;
  /** Connection or credential problem: exit 2. */
  environment: boolean;
  /** Whether running the same command again can succeed without changing anything. */
  transient: boolean;
}

const ENVIRONMENT = new Set<ProblemKind>(['credentials', 'connection', 'timeout', 'tls']);
const TRANSIENT = new Set<ProblemKind>(['connection', 'timeout', 'busy']);

/** An LDAP failure already explained; `message` is "vi — en". */
export class LdapFailure extends Error {
  constructor(readonly problem: LdapProblem) {
    super(`${problem.text.vi} — ${problem.text.en}`);
  }
}

interface CodeText {
  kind: ProblemKind;
  vi: string;
  en: string;
}

/** Every result code of RFC 4511 (and the API codes 80–90 ldapts and OpenLDAP use). */
const CODES: Record<number, CodeText> = {
  1: { kind: 'other', vi: 'lỗi thao tác phía máy chủ (operationsError)', en: 'server-side operations error' },
  2: { kind: 'tls', vi: 'lỗi giao thức: máy chủ không hiểu yêu cầu (thường là StartTLS khi máy chủ chưa cấu hình TLS)', en: 'protocol error: the server did not understand the request (often StartTLS on a server without TLS)' },
  3: { kind: 'timeout', vi: 'quá thời gian xử lý cho phép của máy chủ', en: 'the server time limit was exceeded' },
  4: { kind: 'other', vi: 'vượt giới hạn số mục trả về (sizelimit): tài khoản đồng bộ cần `limits … size=unlimited`', en: 'size limit exceeded: the sync account needs `limits … size=unlimited`' },
  5: { kind: 'other', vi: 'so sánh sai', en: 'compare false' },
  6: { kind: 'other', vi: 'so sánh đúng', en: 'compare true' },
  7: { kind: 'credentials', vi: 'máy chủ không hỗ trợ cách xác thực này', en: 'authentication method not supported' },
  8: { kind: 'credentials', vi: 'máy chủ đòi xác thực (mạnh hơn): kiểm tra LDAP_BIND_DN/LDAP_BIND_PASSWORD, hoặc bật LDAP_STARTTLS=1 / dùng ldaps://', en: 'stronger authentication required: check LDAP_BIND_DN/LDAP_BIND_PASSWORD, or set LDAP_STARTTLS=1 / use ldaps://' },
  10: { kind: 'other', vi: 'máy chủ chuyển hướng sang máy chủ khác (referral): đặt LDAP_URL tới máy chủ giữ dữ liệu', en: 'referral: point LDAP_URL at the server that holds the data' },
  11: { kind: 'other', vi: 'vượt giới hạn quản trị của máy chủ', en: 'administrative limit exceeded' },
  12: { kind: 'other', vi: 'máy chủ không hỗ trợ một phần mở rộng bắt buộc', en: 'unavailable critical extension' },
  13: { kind: 'tls', vi: 'máy chủ đòi kết nối bảo mật: bật LDAP_STARTTLS=1 hoặc dùng ldaps://', en: 'confidentiality required: set LDAP_STARTTLS=1 or use ldaps://' },
  14: { kind: 'credentials', vi: 'xác thực SASL đang dở', en: 'SASL bind in progress' },
  16: { kind: 'schema', vi: 'thuộc tính không tồn tại trên mục', en: 'no such attribute on the entry' },
  17: { kind: 'schema', vi: 'máy chủ không biết kiểu thuộc tính này: nạp schema/ldap/danhba.schema và misc.schema', en: 'undefined attribute type: load schema/ldap/danhba.schema and misc.schema' },
  18: { kind: 'schema', vi: 'quy tắc so khớp không phù hợp', en: 'inappropriate matching' },
  19: { kind: 'schema', vi: 'vi phạm ràng buộc (giá trị không hợp lệ cho thuộc tính)', en: 'constraint violation' },
  20: { kind: 'schema', vi: 'giá trị thuộc tính đã có', en: 'attribute or value already exists' },
  21: { kind: 'schema', vi: 'cú pháp giá trị thuộc tính không hợp lệ', en: 'invalid attribute syntax' },
  32: { kind: 'no-such-object', vi: 'không có mục này (hoặc mục cha của nó) trên máy chủ', en: 'no such object (or its parent) on the server' },
  33: { kind: 'other', vi: 'lỗi bí danh (alias)', en: 'alias problem' },
  34: { kind: 'other', vi: 'DN sai cú pháp', en: 'invalid DN syntax' },
  36: { kind: 'other', vi: 'lỗi giải tham chiếu bí danh', en: 'alias dereferencing problem' },
  48: { kind: 'credentials', vi: 'cách xác thực không phù hợp (mật khẩu rỗng bị từ chối?)', en: 'inappropriate authentication (an empty password is refused)' },
  49: { kind: 'credentials', vi: 'sai thông tin đăng nhập: kiểm tra LDAP_BIND_DN và LDAP_BIND_PASSWORD', en: 'invalid credentials: check LDAP_BIND_DN and LDAP_BIND_PASSWORD' },
  50: { kind: 'access', vi: 'tài khoản đồng bộ không đủ quyền: cấp quyền ghi (manage) trên cây của tỉnh', en: 'insufficient access: give the sync account write (manage) access to the province tree' },
  51: { kind: 'busy', vi: 'máy chủ đang bận', en: 'the server is busy' },
  52: { kind: 'connection', vi: 'máy chủ không sẵn sàng (đang dừng hoặc chưa cấu hình TLS)', en: 'the server is unavailable (shutting down, or TLS not configured)' },
  53: { kind: 'other', vi: 'máy chủ từ chối thực hiện', en: 'the server is unwilling to perform the operation' },
  54: { kind: 'other', vi: 'phát hiện vòng lặp', en: 'loop detected' },
  64: { kind: 'schema', vi: 'vi phạm quy tắc đặt tên (RDN)', en: 'naming violation' },
  65: { kind: 'schema', vi: 'vi phạm lớp đối tượng (thiếu thuộc tính bắt buộc hoặc thuộc tính không được phép)', en: 'object class violation (a required attribute is missing or one is not allowed)' },
  66: { kind: 'schema', vi: 'mục còn mục con nên không thể xoá/đổi tên', en: 'not allowed on a non-leaf entry (it still has children)' },
  67: { kind: 'schema', vi: 'không được sửa thuộc tính dùng trong RDN', en: 'not allowed on the RDN' },
  68: { kind: 'exists', vi: 'đã có một mục với DN này', en: 'an entry with this DN already exists' },
  69: { kind: 'schema', vi: 'không được sửa lớp đối tượng cấu trúc', en: 'object class modifications prohibited' },
  71: { kind: 'other', vi: 'thao tác ảnh hưởng nhiều máy chủ', en: 'affects multiple DSAs' },
  80: { kind: 'other', vi: 'lỗi khác của máy chủ (thường là cơ sở dữ liệu đầy: tăng maxsize)', en: 'other server error (often a full database: raise maxsize)' },
  81: { kind: 'connection', vi: 'mất kết nối tới máy chủ', en: 'server down' },
  85: { kind: 'timeout', vi: 'quá thời gian chờ', en: 'timeout' },
  91: { kind: 'connection', vi: 'không kết nối được', en: 'connect error' },
};

function fromMessage(e: unknown): CodeText {
  const m = String((e as Error)?.message ?? e);
  const errno = (e as NodeJS.ErrnoException)?.code;
  if (/Operation timed out|Connection timeout|ETIMEDOUT|timed out after/i.test(m)) return { kind: 'timeout', vi: 'máy chủ không trả lời trong thời gian cho phép (LDAP_TIMEOUT_SECONDS)', en: 'the server did not answer in time (LDAP_TIMEOUT_SECONDS)' };
  if (errno === 'ECONNREFUSED' || /ECONNREFUSED/.test(m)) return { kind: 'connection', vi: 'không kết nối được: không có máy chủ LDAP ở địa chỉ này (đã chạy npm run ldap:up?)', en: 'connection refused: no LDAP server at this address (npm run ldap:up?)' };
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(m)) return { kind: 'connection', vi: 'không tìm thấy tên máy chủ (DNS)', en: 'host name not found (DNS)' };
  if (/EHOSTUNREACH|ENETUNREACH/.test(m)) return { kind: 'connection', vi: 'không tới được máy chủ (mạng)', en: 'host unreachable' };
  if (/certificate|self[- ]signed|Hostname\/IP does not match|ERR_TLS|SSL|wrong version number|handshake|UNABLE_TO_VERIFY/i.test(m) || /^ERR_TLS|^CERT_|DEPTH_ZERO|UNABLE_TO/.test(errno ?? '')) {
    return { kind: 'tls', vi: `TLS thất bại: chứng chỉ máy chủ không tin được hoặc không đúng tên (LDAP_CA_FILE, LDAP_TLS_SERVERNAME): ${m}`, en: `TLS failed: the server certificate is not trusted or names another host (LDAP_CA_FILE, LDAP_TLS_SERVERNAME): ${m}` };
  }
  if (connectionLost(e)) return { kind: 'connection', vi: 'mất kết nối tới máy chủ', en: 'the connection to the server was lost' };
  return { kind: 'other', vi: m, en: m };
}

/** Explain any failure of an LDAP step; `where` is the server URL or the DN the step touched. */
export function explain(e: unknown, where?: string): LdapProblem {
  if (e instanceof LdapFailure) return e.problem;
  const code = resultCode(e);
  const known = code === undefined ? fromMessage(e) : CODES[code];
  const t: CodeText = known ?? { kind: 'other', vi: `mã lỗi LDAP ${code}`, en: `LDAP result code ${code}` };
  const suffix = code === undefined ? '' : ` [LDAP ${code}]`;
  const at = where ? ` (${where})` : '';
  return {
    kind: t.kind,
    ...(code === undefined ? {} : { code }),
    text: { vi: `LDAP: ${t.vi}${at}${suffix}`, en: `LDAP: ${t.en}${at}${suffix}` },
    environment: ENVIRONMENT.has(t.kind),
    transient: TRANSIENT.has(t.kind),
  };
}
