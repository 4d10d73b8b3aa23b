// Every word of the interface, in Vietnamese (the site) and English (/en/). Names of agencies,
// units, people and titles are data and stay Vietnamese in both.
import type { AgencyKind } from '../../model/types.js';

export type Lang = 'vi' | 'en';

export interface Strings {
  lang: Lang;
  siteTitle: (province: string) => string;
  skip: string;
  breadcrumbs: string;
  kind: Record<AgencyKind, string>;
  mailboxes: (n: string) => string;
  agenciesAndMailboxes: (agencies: string, mailboxes: string) => string;
  updated: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  parentOf: string;
  communes: string;
  units: string;
  unit: string;
  leaders: string;
  staff: string;
  noUnit: string;
  noStaff: string;
  name: string;
  title: string;
  contents: string;
  forwarded: (to: string) => string;
  report: string;
  reportHidden: (what: string) => string;
  reportLong: string;
  permalink: (name: string) => string;
  downloadAgency: string;
  sendCorrections: (to: string) => string;
  searchLabel: string;
  searchButton: string;
  searchHint: string;
  noscript: string;
  results: string;
  provincial: string;
  local: (districts: string, communes: string) => string;
  localHeading: string;
  otherCommunes: string;
  communesOf: (district: string) => string;
  openData: string;
  openDataText: (province: string) => string;
  footerUpdated: string;
  footerSource: (province: string, decision: string) => string;
  footerPublished: (citation: string) => string;
  footerWrong: string;
  footerReport: string;
  footerSentTo: (to: string) => string;
  footerOpenData: string;
  footerLicence: string;
  privacyHeading: string;
  privacy: (citation: string | undefined) => string;
  privacyCorrections: string;
  otherLanguage: string;
  otherLanguageName: string;
  notFound: string;
  notFoundText: string;
  notFoundHome: string;
  agencyDescription: (name: string, count: string, province: string) => string;
  homeDescription: (province: string, count: string) => string;
  provincesTitle: string;
}

export const VI: Strings = {
  lang: 'vi',
  siteTitle: (p) => `Danh bạ thư điện tử công vụ ${p}`,
  skip: 'Bỏ qua, đến nội dung chính',
  breadcrumbs: 'Đường dẫn',
  kind: { provincial: 'Cơ quan cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' },
  mailboxes: (n) => `${n} hộp thư`,
  agenciesAndMailboxes: (a, m) => `${a} cơ quan, đơn vị · ${m} hộp thư công khai`,
  updated: 'cập nhật ngày',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
  address: 'Địa chỉ',
  website: 'Trang thông tin',
  parentOf: 'Trực thuộc',
  communes: 'Cấp xã trực thuộc',
  units: 'Đơn vị trực thuộc',
  unit: 'Đơn vị',
  leaders: 'Lãnh đạo',
  staff: 'Cán bộ, công chức',
  noUnit: 'Không thuộc đơn vị nào',
  noStaff: 'Chưa có cán bộ nào được công khai.',
  name: 'Họ tên',
  title: 'Chức vụ',
  contents: 'Mục lục',
  forwarded: (to) => `Thư được chuyển tiếp đến ${to}`,
  report: 'Báo sai',
  reportHidden: (what) => ` thông tin của ${what}`,
  reportLong: 'Báo sai thông tin',
  permalink: (name) => `Liên kết đến ${name}`,
  downloadAgency: 'Tải danh bạ của cơ quan',
  sendCorrections: (to) => `gửi đề nghị sửa tới ${to}.`,
  searchLabel: 'Tìm cơ quan, cán bộ, chức vụ, số điện thoại hoặc địa chỉ thư điện tử',
  searchButton: 'Tìm',
  searchHint: 'Gõ không dấu cũng được, ví dụ: nguyen van minh, pho giam doc so tai chinh, ubnd phu loc, 0234 3822 001, nvminh.stttt.',
  noscript: 'Trình duyệt đang tắt JavaScript nên chưa tìm được. Bạn vẫn duyệt được danh sách cơ quan bên dưới, hoặc tải dữ liệu mở (CSV) để tra cứu.',
  results: 'Kết quả tìm kiếm',
  provincial: 'Cơ quan cấp tỉnh',
  local: (d, c) => `${d} cấp huyện, ${c} cấp xã`,
  localHeading: 'Cấp huyện và cấp xã',
  otherCommunes: 'Cấp xã khác',
  communesOf: (d) => `Cấp xã thuộc ${d}`,
  openData: 'Dữ liệu mở',
  openDataText: (p) => `Toàn bộ danh bạ công khai của ${p}: tên, chức vụ, đơn vị, điện thoại, thư điện tử và địa chỉ cơ quan. CSV mở được bằng Excel (UTF-8); JSON có mô tả trường và lược đồ JSON Schema; vCard nhập được vào danh bạ điện thoại. Giấy phép CC BY 4.0.`,
  footerUpdated: 'Cập nhật ngày',
  footerSource: (p, d) => `Nguồn: danh bạ thư điện tử công vụ ${p}, quản lý theo ${d}`,
  footerPublished: (c) => `; công khai theo ${c}`,
  footerWrong: 'Thấy thông tin sai?',
  footerReport: 'Báo sai thông tin',
  footerSentTo: (to) => `(gửi tới ${to}).`,
  footerOpenData: 'Dữ liệu mở',
  footerLicence: '(CSV, JSON, vCard) — giấy phép CC BY 4.0.',
  privacyHeading: 'Dữ liệu cá nhân được công khai',
  privacy: (c) => `Trang này chỉ công khai họ tên, chức vụ, đơn vị, số điện thoại công vụ và địa chỉ thư điện tử công vụ của cán bộ, công chức có hộp thư đang hoạt động${c ? `, theo ${c}` : ''}; không công khai số định danh, hạn mức, tình trạng công tác hay thông tin nào khác. Cán bộ đã yêu cầu không công khai thì không có tên ở đây.`,
  privacyCorrections: 'Đề nghị sửa hoặc không công khai thông tin của mình, gửi tới',
  otherLanguage: 'English',
  otherLanguageName: 'en',
  notFound: 'Không tìm thấy trang',
  notFoundText: 'Trang bạn mở không có hoặc đã được đổi địa chỉ. Hãy tìm lại từ trang chủ danh bạ.',
  notFoundHome: 'Về trang chủ danh bạ',
  agencyDescription: (n, c, p) => `${n}: ${c} hộp thư công khai, điện thoại, địa chỉ và cán bộ — danh bạ thư điện tử công vụ ${p}.`,
  homeDescription: (p, c) => `Tra cứu ${c} hộp thư điện tử công vụ của cơ quan, đơn vị và cán bộ ${p}: tìm theo tên, chức vụ, số điện thoại, tên cơ quan.`,
  provincesTitle: 'Danh bạ thư điện tử công vụ',
};

export const EN: Strings = {
  lang: 'en',
  siteTitle: (p) => `${p} official e-mail directory`,
  skip: 'Skip to main content',
  breadcrumbs: 'Breadcrumbs',
  kind: { provincial: 'Provincial agency', district: 'District level', commune: 'Commune level' },
  mailboxes: (n) => `${n} mailboxes`,
  agenciesAndMailboxes: (a, m) => `${a} agencies and units · ${m} published mailboxes`,
  updated: 'updated',
  email: 'E-mail',
  phone: 'Phone',
  address: 'Address',
  website: 'Website',
  parentOf: 'Part of',
  communes: 'Communes',
  units: 'Units',
  unit: 'Unit',
  leaders: 'Leadership',
  staff: 'Staff',
  noUnit: 'Not in a unit',
  noStaff: 'No staff published yet.',
  name: 'Name',
  title: 'Title',
  contents: 'Contents',
  forwarded: (to) => `Mail is forwarded to ${to}`,
  report: 'Report an error',
  reportHidden: (what) => ` about ${what}`,
  reportLong: 'Report an error',
  permalink: (name) => `Link to ${name}`,
  downloadAgency: "Download this agency's directory",
  sendCorrections: (to) => `corrections go to ${to}.`,
  searchLabel: 'Search agencies, staff, titles, phone numbers or e-mail addresses',
  searchButton: 'Search',
  searchHint: 'Vietnamese without diacritics works, e.g. nguyen van minh, pho giam doc so tai chinh, ubnd phu loc, 0234 3822 001, nvminh.stttt.',
  noscript: 'JavaScript is off, so search cannot run. You can still browse the agencies below or download the open data (CSV).',
  results: 'Search results',
  provincial: 'Provincial agencies',
  local: (d, c) => `${d} districts, ${c} communes`,
  localHeading: 'Districts and communes',
  otherCommunes: 'Other communes',
  communesOf: (d) => `Communes of ${d}`,
  openData: 'Open data',
  openDataText: (p) => `The whole published directory of ${p}: names, titles, units, phones, e-mail and agency addresses. CSV opens in Excel (UTF-8); JSON describes its fields and has a JSON Schema; vCard imports into phone contacts. Licence CC BY 4.0.`,
  footerUpdated: 'Updated',
  footerSource: (p, d) => `Source: the official e-mail directory of ${p}, kept under ${d}`,
  footerPublished: (c) => `; published under ${c}`,
  footerWrong: 'Something wrong?',
  footerReport: 'Report an error',
  footerSentTo: (to) => `(sent to ${to}).`,
  footerOpenData: 'Open data',
  footerLicence: '(CSV, JSON, vCard) — licence CC BY 4.0.',
  privacyHeading: 'Personal data published',
  privacy: (c) => `This site publishes only the name, title, unit, work phone and work e-mail address of staff whose mailbox is active${c ? `, under ${c}` : ''}; no ids, quotas, employment status or anything else. Staff who asked not to be listed are not shown.`,
  privacyCorrections: 'To correct your data or ask not to be listed, write to',
  otherLanguage: 'Tiếng Việt',
  otherLanguageName: 'vi',
  notFound: 'Page not found',
  notFoundText: 'The page you opened does not exist or has moved. Start again from the directory home page.',
  notFoundHome: 'Directory home page',
  agencyDescription: (n, c, p) => `${n}: ${c} published mailboxes, phone, address and staff — ${p} official e-mail directory.`,
  homeDescription: (p, c) => `Find ${c} official e-mail addresses of the agencies, units and staff of ${p} by name, title, phone or agency.`,
  provincesTitle: 'Official e-mail directories',
};

export const STRINGS: Record<Lang, Strings> = { vi: VI, en: EN };
