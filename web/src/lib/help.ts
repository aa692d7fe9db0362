// The words of the help page "Hướng dẫn sử dụng" (/huong-dan): the daily work of each role in
// this application, and the glossary. Kept apart from the page so that a test checks the glossary
// against the labels of the domain reference (DOMAIN.md §9 "Words for the UI") and the pages
// named here against the menu.
//
// When a menu label or a page address changes (components/AppLayout.tsx, App.tsx), change it
// here too: help.test.ts fails otherwise.

// A page of the application a help item points to.
export interface HelpLink { to: string; label: string }

export interface HelpRole {
  // The anchor of the section (#…).
  id: string;
  title: string;
  // Who this is, in one sentence.
  who: string;
  tasks: string[];
  // The pages the tasks use, as in the menu.
  pages: HelpLink[];
}

export interface GlossaryEntry {
  term: string;
  meaning: string;
}

const kPageLabels: Record<string, string> = {
  '/': 'Việc cần làm',
  '/ho-so': 'Hồ sơ kết nạp',
  '/nguoi': 'Quần chúng',
  '/nguon': 'Nguồn phát triển đảng viên',
  '/lop-boi-duong': 'Lớp bồi dưỡng',
  '/to-chuc': 'Tổ chức đảng',
  '/tai-khoan': 'Tài khoản',
  '/doi-mat-khau': 'Đổi mật khẩu',
  '/chi-tieu': 'Chỉ tiêu',
  '/tong-quan': 'Tổng quan',
  '/bao-cao': 'Báo cáo',
  '/nhap-excel': 'Nhập từ Excel',
  '/doan-the-gioi-thieu': 'Đoàn thể giới thiệu',
  '/to-chuc-doan-the': 'Tổ chức của tôi',
  '/cho-y-kien': 'Cho ý kiến',
};

// The pages a role's tasks use, with their menu labels.
function links(...paths: string[]): HelpLink[] {
  return paths.map((to) => ({ to, label: kPageLabels[to] }));
}

export const kHelpRoles: HelpRole[] = [
  {
    id: 'dang-uy-co-so',
    title: 'Chuyên viên Ban Tổ chức Đảng ủy phường, xã',
    who: 'Theo dõi toàn bộ hồ sơ của các chi bộ trong đảng bộ, ghi nhận các bước do Đảng ủy cơ sở thực hiện.',
    tasks: [
      'Mỗi sáng mở «Việc cần làm»: xem trước các hồ sơ «Quá hạn», rồi «Sắp đến hạn» và «Hồ sơ đang vướng». Bấm vào tên người để mở hồ sơ.',
      'Trong hồ sơ, bấm «Ghi nhận bước tiếp theo» để ghi việc đã làm (đóng dấu lý lịch, kết luận thẩm tra lý lịch, Đảng ủy cơ sở xét, đề nghị…). Mục «Điều kiện chưa đạt» cho biết vì sao chưa thể làm bước sau.',
      'Thêm quần chúng mới ở trang «Quần chúng» (nút «+ Thêm người»), rồi bấm «Mở hồ sơ» để đưa người đó vào nguồn phát triển đảng viên.',
      'Trang «Hồ sơ kết nạp» lọc theo chi bộ, bước, thời hạn; nút «Xuất Excel» lấy danh sách để báo cáo.',
      'Trang «Nguồn phát triển đảng viên»: xem danh sách nguồn của từng chi bộ và «Ghi nhận rà soát» sau mỗi lần rà soát định kỳ.',
      'Trang «Đoàn thể giới thiệu»: những người Mặt trận, Đoàn Thanh niên, Hội Phụ nữ, Công đoàn… giới thiệu. Với người đang chờ, bấm «Tiếp nhận vào nguồn» và chọn chi bộ (người đó được đưa vào danh sách nguồn của chi bộ), hoặc «Không tiếp nhận» và ghi lý do để tổ chức biết. Bảng cuối trang cho biết mỗi tổ chức đã giới thiệu bao nhiêu người, bao nhiêu người đã được kết nạp, đã cho bao nhiêu ý kiến. Tài khoản cho các tổ chức này tạo ở trang «Tài khoản», vai trò «Tổ chức chính trị - xã hội».',
      'Trang «Lớp bồi dưỡng»: mở lớp, bấm «Cử quần chúng đi học» để cử người vào lớp bồi dưỡng nhận thức về Đảng.',
      'Trang «Tổ chức đảng»: xem các chi bộ và số đảng viên; bấm vào tên một đơn vị để mở trang của đơn vị đó. Trang «Tài khoản» cấp tài khoản cho bí thư chi bộ.',
      'Trang «Nhập từ Excel»: nạp một lần danh sách quần chúng ưu tú (nguồn) hoặc đảng viên của các chi bộ đang giữ trong Excel, khỏi gõ lại từng người. Chọn loại danh sách (chưa có tệp thì bấm «Tải tệp mẫu»), chọn tệp .xlsx hoặc .csv; hệ thống kiểm tra mọi dòng và chỉ rõ dòng, cột bị lỗi. Sửa trong Excel, chọn lại tệp rồi bấm «Nhập … dòng»: còn một dòng lỗi thì chưa dòng nào được nhập; người đã có thì giữ nguyên.',
    ],
    pages: links('/', '/ho-so', '/nguoi', '/nguon', '/doan-the-gioi-thieu', '/lop-boi-duong', '/to-chuc', '/tai-khoan', '/nhap-excel'),
  },
  {
    id: 'bi-thu-chi-bo',
    title: 'Bí thư chi bộ',
    who: 'Ghi nhận các việc của chi bộ mình; chỉ thấy hồ sơ của chi bộ mình.',
    tasks: [
      'Mở «Việc cần làm» để biết hồ sơ nào của chi bộ sắp đến hạn hoặc đã quá hạn; trang «Hồ sơ kết nạp» có đủ các hồ sơ của chi bộ.',
      'Khi chi bộ ra nghị quyết đưa quần chúng vào danh sách cảm tình Đảng: mở hồ sơ, bấm «Ghi nhận bước tiếp theo», ghi số nghị quyết và đảng viên được phân công giúp đỡ.',
      'Khi chi bộ họp xét kết nạp: ghi số đảng viên có mặt, tán thành, không tán thành. Hệ thống tự kiểm tra có đủ hai phần ba tổng số đảng viên chính thức của chi bộ.',
      'Ghi người giới thiệu, ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú, ngày lễ kết nạp; mục «Mẫu văn bản để in» trên trang hồ sơ in các mẫu (6-KNĐ, 9-KNĐ …) đã điền sẵn họ tên, ngày tháng, số biểu quyết để ký.',
      'Thêm quần chúng ưu tú của chi bộ ở trang «Quần chúng» và cử đi học ở trang «Lớp bồi dưỡng». Chi bộ đã có danh sách đảng viên hay quần chúng ưu tú trong Excel thì nạp một lần ở trang «Nhập từ Excel».',
      'Muốn chữ to hơn thì bật «Chữ to» ở góc trên; muốn đổi mật khẩu thì bấm «Đổi mật khẩu».',
    ],
    pages: links('/', '/ho-so', '/nguoi', '/lop-boi-duong', '/nhap-excel', '/doi-mat-khau'),
  },
  {
    id: 'ban-to-chuc',
    title: 'Ban Tổ chức Thành ủy',
    who: 'Tiếp nhận, kiểm tra hồ sơ các đảng bộ cơ sở gửi lên, trình Ban Thường vụ và ghi quyết định.',
    tasks: [
      'Mở «Việc cần làm», hoặc trang «Hồ sơ kết nạp» chọn bước «Đảng ủy cơ sở đã xét, đề nghị» (hay «Đảng ủy cơ sở đã đề nghị công nhận chính thức»), để biết hồ sơ nào đang chờ cấp trên.',
      'Trong hồ sơ, bấm «Ghi nhận bước tiếp theo» để ghi quyết định kết nạp, quyết định công nhận đảng viên chính thức hoặc xóa tên trong danh sách đảng viên dự bị, kèm số và ngày văn bản.',
      'Trang «Chỉ tiêu»: «Giao chỉ tiêu» kết nạp của năm và «Phân bổ» cho từng đảng bộ cơ sở; theo dõi tiến độ và dự báo.',
      'Trang «Tổng quan» và «Báo cáo»: xem hồ sơ đang mở theo bước, thời gian từng bước, «Xuất Excel» hoặc «In (khổ A4)» báo cáo kết quả kết nạp.',
      'Trang «Tổ chức đảng»: xem cây tổ chức tại một ngày bất kỳ (các đơn vị được sáp nhập vẫn xem được theo ngày cũ).',
      'Bấm tên một đơn vị, ở mục «Quản lý đơn vị»: «Thêm đơn vị trực thuộc», «Sửa thông tin» từ một ngày, hoặc «Giải thể / sáp nhập» (bấm «Xem trước» để biết những gì được chuyển sang đơn vị tiếp nhận, rồi mới xác nhận).',
    ],
    pages: links('/', '/ho-so', '/chi-tieu', '/tong-quan', '/bao-cao', '/to-chuc'),
  },
  {
    id: 'trung-tam-chinh-tri',
    title: 'Trung tâm Chính trị',
    who: 'Mở các lớp bồi dưỡng, điểm danh, đánh giá kết quả và cấp giấy chứng nhận.',
    tasks: [
      'Trang «Lớp bồi dưỡng»: bấm «Mở lớp mới», chọn loại lớp (Lớp bồi dưỡng nhận thức về Đảng hoặc Lớp bồi dưỡng lý luận chính trị cho đảng viên mới), ngày khai giảng, bế giảng, số buổi.',
      'Mở một lớp: «Ghi danh» những người các đảng ủy đã cử, đánh dấu có mặt từng buổi, chọn kết quả học tập.',
      'Người đạt yêu cầu: bấm «Cấp giấy chứng nhận», ghi số và ngày cấp; hồ sơ của người đó tự cập nhật, không phải gửi giấy tờ để nhập lại.',
      'Nút «In danh sách ký tên (PDF)» in danh sách học viên có cột ký tên; ở cột «Giấy chứng nhận», «In giấy chứng nhận» in giấy có mã QR để kiểm tra.',
      'Trang «Hồ sơ kết nạp»: tìm một người theo họ tên để xem người đó đã học lớp nào, hồ sơ đang ở bước nào.',
    ],
    pages: links('/lop-boi-duong', '/ho-so'),
  },
  {
    id: 'to-chuc-chinh-tri-xa-hoi',
    title: 'Tổ chức chính trị - xã hội của phường, xã',
    who: 'Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Công đoàn, Hội Cựu chiến binh, Hội Nông dân, Ban Chỉ huy quân sự: giới thiệu người ưu tú với đảng ủy và cho ý kiến về người xin vào Đảng; không xem hồ sơ kết nạp.',
    tasks: [
      'Trang «Tổ chức của tôi» là trang đầu sau khi đăng nhập: số người tổ chức đã giới thiệu, đã được tiếp nhận, đã được kết nạp và số ý kiến đã cho.',
      'Muốn giới thiệu một đoàn viên, hội viên ưu tú: điền mục «Giới thiệu nguồn» (họ tên, ngày sinh, giới tính, đối tượng, lý do, minh chứng, ngày giới thiệu) rồi bấm «Gửi giới thiệu». Danh sách bên dưới cho biết đảng ủy đã tiếp nhận vào chi bộ nào, hay không tiếp nhận và vì sao.',
      'Trang «Cho ý kiến»: những người đang làm hồ sơ vào Đảng mà chi bộ cần ý kiến của tổ chức. Ghi ngày và nội dung nhận xét rồi bấm «Gửi ý kiến». Đoàn Thanh niên, Công đoàn ghi thêm nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (mẫu 4-KNĐ).',
      'Muốn đổi mật khẩu thì bấm «Đổi mật khẩu» ở góc trên.',
    ],
    pages: links('/to-chuc-doan-the', '/cho-y-kien', '/doi-mat-khau'),
  },
  {
    id: 'lanh-dao',
    title: 'Lãnh đạo',
    who: 'Xem tình hình chung, không sửa dữ liệu.',
    tasks: [
      'Trang «Tổng quan»: số hồ sơ đang mở, quá hạn, sắp đến hạn, đang vướng điều kiện; bấm tên một đơn vị để xem sâu hơn.',
      'Trang «Chỉ tiêu»: số đã kết nạp so với chỉ tiêu của từng đơn vị và dự báo đến cuối năm.',
      'Trang «Báo cáo»: báo cáo kết quả kết nạp theo khoảng thời gian, in hoặc xuất Excel.',
      'Trang «Hồ sơ kết nạp» và «Tổ chức đảng» để xem chi tiết một hồ sơ hay một đơn vị.',
    ],
    pages: links('/tong-quan', '/chi-tieu', '/bao-cao', '/ho-so', '/to-chuc'),
  },
];

// One entry per label of DOMAIN.md §9, explained in plain words.
export const kGlossary: GlossaryEntry[] = [
  { term: 'Nguồn phát triển đảng viên',
    meaning: 'Những người ngoài Đảng được chi bộ chọn để bồi dưỡng, giúp đỡ, chuẩn bị cho việc kết nạp.' },
  { term: 'Quần chúng ưu tú',
    meaning: 'Người ngoài Đảng (hoặc đoàn viên) có phẩm chất, năng lực nổi bật, được đưa vào nguồn phát triển đảng viên.' },
  { term: 'Danh sách cảm tình Đảng',
    meaning: 'Danh sách những quần chúng ưu tú được chi bộ ra nghị quyết công nhận là cảm tình Đảng và phân công đảng viên giúp đỡ.' },
  { term: 'Đảng viên được phân công giúp đỡ',
    meaning: 'Đảng viên chính thức được chi bộ giao nhiệm vụ theo dõi, giúp đỡ một quần chúng phấn đấu vào Đảng.' },
  { term: 'Lớp bồi dưỡng nhận thức về Đảng',
    meaning: 'Lớp học do Trung tâm Chính trị mở cho quần chúng ưu tú; học xong đạt yêu cầu thì được cấp giấy chứng nhận, có giá trị 5 năm.' },
  { term: 'Lớp bồi dưỡng lý luận chính trị cho đảng viên mới',
    meaning: 'Lớp học bắt buộc của đảng viên dự bị trong thời gian dự bị.' },
  { term: 'Hồ sơ đề nghị kết nạp',
    meaning: 'Toàn bộ giấy tờ của một người xin vào Đảng: đơn, lý lịch, giấy giới thiệu, nhận xét, nghị quyết, từ khi mở đến khi có quyết định.' },
  { term: 'Thẩm tra lý lịch',
    meaning: 'Việc xác minh lý lịch của người xin vào Đảng và của người thân trong gia đình trước khi chi bộ xét.' },
  { term: 'Người giới thiệu',
    meaning: 'Đảng viên chính thức đã cùng công tác với người xin vào Đảng ít nhất 12 tháng, đứng ra giới thiệu người đó.' },
  { term: 'Chi bộ xét, đề nghị kết nạp',
    meaning: 'Cuộc họp chi bộ biểu quyết đề nghị kết nạp; phải được ít nhất hai phần ba tổng số đảng viên chính thức của chi bộ tán thành.' },
  { term: 'Đảng ủy cơ sở xét, đề nghị',
    meaning: 'Đảng ủy phường, xã (đảng ủy cơ sở) họp xét hồ sơ chi bộ gửi lên và đề nghị cấp trên quyết định.' },
  { term: 'Quyết định kết nạp',
    meaning: 'Văn bản của cấp ủy có thẩm quyền (Ban Thường vụ Thành ủy, hoặc đảng ủy cơ sở được ủy quyền) cho phép kết nạp một người vào Đảng.' },
  { term: 'Lễ kết nạp',
    meaning: 'Buổi lễ chi bộ tổ chức để kết nạp đảng viên mới; ngày lễ là ngày bắt đầu thời gian dự bị.' },
  { term: 'Đảng viên dự bị',
    meaning: 'Người vừa được kết nạp, đang trong 12 tháng dự bị để rèn luyện trước khi được công nhận chính thức.' },
  { term: 'Đảng viên chính thức',
    meaning: 'Đảng viên đã hết thời gian dự bị và được công nhận chính thức.' },
  { term: 'Công nhận đảng viên chính thức',
    meaning: 'Quyết định của cấp ủy có thẩm quyền công nhận một đảng viên dự bị là đảng viên chính thức khi hết 12 tháng dự bị.' },
  { term: 'Xóa tên trong danh sách đảng viên dự bị',
    meaning: 'Quyết định đưa một đảng viên dự bị ra khỏi Đảng khi người đó không đủ tư cách để được công nhận chính thức.' },
  { term: 'Chỉ tiêu',
    meaning: 'Số đảng viên mỗi đơn vị phải kết nạp trong năm, do cấp trên giao theo nghị quyết.' },
  { term: 'Việc cần làm',
    meaning: 'Trang đầu tiên sau khi đăng nhập: các hồ sơ đến hạn phải làm bước tiếp theo, xếp theo mức khẩn.' },
  { term: 'Quá hạn',
    meaning: 'Đã qua hạn quy định mà bước tiếp theo chưa được làm; cần xử lý ngay.' },
  { term: 'Sắp đến hạn',
    meaning: 'Còn ít ngày làm việc nữa là đến hạn; nên chuẩn bị từ bây giờ.' },
  { term: 'Trong hạn',
    meaning: 'Còn đủ thời gian theo quy định.' },
  { term: 'Ngày làm việc',
    meaning: 'Ngày không phải thứ Bảy, Chủ nhật, ngày lễ, Tết; các thời hạn tính theo ngày làm việc, theo «Lịch làm việc» của năm.' },
  { term: 'Chưa đủ điều kiện: …',
    meaning: 'Lý do hồ sơ chưa thể sang bước sau, ví dụ thiếu giấy chứng nhận lớp bồi dưỡng hoặc chưa đủ người giới thiệu; sau dấu hai chấm là điều kiện còn thiếu.' },
];
