import { Tooltip } from 'antd';
import { useReference } from '../lib/reference';
import '../styles/plain-words.css';

// What a rule code stands for while GET /reference has not answered (or names a code it does
// not list): titles of ../shared/DOMAIN.md, the same as the server's (src/domain/rule_code.cc).
// Keep in step with that table.
const kRuleTitles: Record<string, string> = {
  R1: 'Tuổi đời từ đủ 18 đến 60 tuổi (tính theo tháng)',
  R1a: 'Trên 60 tuổi cần Ban Thường vụ Tỉnh ủy đồng ý',
  R2: 'Trình độ học vấn',
  R3: 'Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn giá trị',
  R4: 'Người giới thiệu',
  R5: 'Điều kiện của người giới thiệu',
  R6: 'Hồ sơ quá 12 tháng phải làm lại',
  R7: 'Thẩm tra lý lịch',
  R15: 'Kết nạp lại',
  S0: 'Nguồn phát triển đảng viên, danh sách cảm tình Đảng',
  S1: 'Lớp bồi dưỡng nhận thức về Đảng',
  S2: 'Đơn xin vào Đảng (1-KNĐ)',
  S3: 'Lý lịch người xin vào Đảng (2-KNĐ)',
  S4: 'Đóng dấu giáp lai lý lịch',
  S5: 'Thẩm tra lý lịch (20-KNĐ)',
  S6: 'Giới thiệu người vào Đảng (3-KNĐ, 4-KNĐ)',
  S7: 'Tổng hợp ý kiến nhận xét (5-KNĐ)',
  S8: 'Chi ủy kiểm tra lại các điều kiện',
  S9: 'Chi bộ xét, đề nghị kết nạp (6-KNĐ)',
  S10: 'Đảng ủy bộ phận thẩm định (7-KNĐ)',
  S11: 'Đảng ủy cơ sở xét, đề nghị (8-KNĐ)',
  S12: 'Quyết định kết nạp (9-KNĐ)',
  S13: 'Lễ kết nạp',
  S14: 'Lập hồ sơ đảng viên (1-HSĐV, 2-HSĐV)',
  P1: 'Thời gian dự bị 12 tháng',
  P2: 'Lớp bồi dưỡng lý luận chính trị cho đảng viên mới',
  P3: 'Hồ sơ công nhận đảng viên chính thức',
  P4: 'Chi bộ xét công nhận đảng viên chính thức',
  P5: 'Quyết định công nhận đảng viên chính thức',
  P6: 'Ngày công nhận đảng viên chính thức',
  P7: 'Ba lần biểu quyết không đạt: cấp ủy cấp trên quyết định',
  P8: 'Kỷ luật, xóa tên trong thời gian dự bị',
  '§7': 'Chỉ tiêu kết nạp đảng viên',
};

export function ruleTitle(code: string): string | undefined {
  return kRuleTitles[code];
}

// A rule code only as a small muted citation beside plain Vietnamese ("… chưa đủ 2/3 ˢ⁹"):
// hovering or focusing it quotes the rule and its legal basis. The code itself is never the
// message; e2e/21-plain-words.spec.ts skips [data-citation] when it looks for raw codes.
export function RuleCitation({ code }: { code: string | null | undefined }) {
  const { rules } = useReference();
  if (!code) return null;
  const rule = rules.find((r) => r.code === code);
  const label = rule?.label ?? kRuleTitles[code] ?? 'Quy định về công tác phát triển đảng viên';
  const title = (
    <span className="rule-citation-tip">
      {label}
      {rule?.legal_basis ? <span className="rule-citation-basis">Căn cứ: {rule.legal_basis}</span> : null}
    </span>
  );
  return (
    <Tooltip title={title}>
      <sup className="rule-citation" data-citation={code} tabIndex={0} aria-label={`Căn cứ: ${label}`}>{code}</sup>
    </Tooltip>
  );
}
