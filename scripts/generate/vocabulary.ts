// Vietnamese names and place syllables for synthetic directories. Family-name weights follow
// the commonly cited national shares (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % …), so
// collisions happen as often as in real data.
export const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38.4], ['Trần', 11.0], ['Lê', 9.5], ['Phạm', 7.0], ['Hoàng', 4.1], ['Huỳnh', 1.0],
  ['Phan', 4.5], ['Vũ', 2.4], ['Võ', 1.5], ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.4], ['Hồ', 1.3],
  ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5], ['Đào', 0.5], ['Đoàn', 0.5], ['Trịnh', 0.4],
  ['Trương', 0.4], ['Lâm', 0.3], ['Mai', 0.3], ['Tô', 0.2], ['Hà', 0.3], ['Tạ', 0.2], ['Cao', 0.3],
  ['Lưu', 0.2], ['Phùng', 0.2], ['Vương', 0.1], ['Châu', 0.1], ['Thái', 0.1], ['Tôn', 0.05],
];

export const MIDDLE_MALE: readonly (readonly [string, number])[] = [
  ['Văn', 30], ['Hữu', 6], ['Đức', 8], ['Minh', 8], ['Quang', 6], ['Công', 5], ['Thanh', 5],
  ['Xuân', 4], ['Ngọc', 4], ['Hoàng', 3], ['Anh', 3], ['Trọng', 3], ['Văn Minh', 1], ['Đình', 4], ['Tiến', 3],
];
export const MIDDLE_FEMALE: readonly (readonly [string, number])[] = [
  ['Thị', 35], ['Thị Thu', 5], ['Thị Thanh', 4], ['Ngọc', 6], ['Thu', 5], ['Thanh', 4], ['Thùy', 3],
  ['Kim', 3], ['Bích', 2], ['Phương', 2], ['Mỹ', 2], ['Hồng', 3], ['Thị Mỹ', 1], ['Minh', 2],
];
export const GIVEN_MALE = ['Minh', 'Hùng', 'Dũng', 'Nam', 'Tuấn', 'Hải', 'Long', 'Sơn', 'Thắng', 'Phúc', 'Đạt', 'Huy', 'Khánh', 'Quân', 'Trung', 'Hiếu', 'Bình', 'Cường', 'Tài', 'Lâm', 'Phong', 'Vinh', 'Thành', 'Hoà', 'Tâm', 'An', 'Đức', 'Việt', 'Toàn', 'Nghĩa', 'Quốc', 'Khoa', 'Thịnh', 'Hưng', 'Lộc'];
export const GIVEN_FEMALE = ['Hà', 'Lan', 'Hương', 'Mai', 'Linh', 'Trang', 'Hoa', 'Thảo', 'Ngọc', 'Anh', 'Huyền', 'Nhung', 'Phương', 'Yến', 'Thủy', 'Hằng', 'Dung', 'Vân', 'Hạnh', 'Loan', 'Oanh', 'Giang', 'Nga', 'Châu', 'Diệu', 'Hoài', 'Quỳnh', 'Trinh', 'Uyên', 'Xuân'];

export const TITLES: readonly (readonly [string, number])[] = [
  ['Chuyên viên', 50], ['Chuyên viên chính', 12], ['Cán sự', 8], ['Phó Trưởng phòng', 8], ['Trưởng phòng', 5],
  ['Kế toán', 4], ['Văn thư', 4], ['Thanh tra viên', 3], ['Giáo viên', 10], ['Bác sĩ', 4], ['Phó Giám đốc', 1],
];

// Syllables that make plausible commune and district names ("Phú Hoà", "An Thạnh").
export const PLACE_FIRST = ['Phú', 'An', 'Tân', 'Hoà', 'Bình', 'Vĩnh', 'Long', 'Thạnh', 'Hương', 'Quảng', 'Phong', 'Lộc', 'Hải', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thuận', 'Xuân', 'Hưng', 'Mỹ', 'Cẩm', 'Đức', 'Thanh'];
export const PLACE_SECOND = ['Hoà', 'Lợi', 'Thạnh', 'An', 'Mỹ', 'Lộc', 'Điền', 'Xuân', 'Sơn', 'Hải', 'Phước', 'Thủy', 'Vinh', 'Hưng', 'Thọ', 'Bình', 'Trạch', 'Long', 'Tiến', 'Thịnh', 'Đông', 'Quang', 'Hiệp', 'Khê', 'Yên'];

export const PROVINCIAL_AGENCIES = [
  'Sở Tài chính', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Y tế', 'Sở Công Thương', 'Sở Du lịch',
  'Sở Giáo dục và Đào tạo', 'Sở Kế hoạch và Đầu tư', 'Sở Giao thông Vận tải', 'Sở Khoa học và Công nghệ',
  'Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Lao động Thương binh và Xã hội',
  'Sở Văn hóa và Thể thao', 'Sở Ngoại vụ', 'Thanh tra tỉnh', 'Ban Dân tộc', 'Văn phòng UBND tỉnh',
  'Ban Quản lý Khu kinh tế', 'Đài Phát thanh và Truyền hình', 'Trung tâm Xúc tiến Đầu tư',
];
export const AGENCY_UNITS = ['Văn phòng', 'Thanh tra', 'Phòng Kế hoạch Tài chính', 'Phòng Tổ chức Cán bộ', 'Phòng Quản lý chuyên ngành'];
export const DISTRICT_UNITS = ['Văn phòng HĐND và UBND', 'Phòng Nội vụ', 'Phòng Tài chính Kế hoạch', 'Phòng Giáo dục và Đào tạo', 'Phòng Y tế', 'Phòng Tư pháp', 'Phòng Kinh tế'];
