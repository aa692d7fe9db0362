import { Link } from 'react-router';
import { Card, Typography } from 'antd';
import { useAuth } from '../auth/AuthContext';
import { kGlossary, kHelpRoles, type HelpRole } from '../lib/help';
import '../styles/pages.css';

// Which section of the help is the user's own (shown first, marked "của bạn").
const kSectionOfRole: Record<string, string> = {
  grassroots_staff: 'dang-uy-co-so',
  cell_secretary: 'bi-thu-chi-bo',
  organisation_board: 'ban-to-chuc',
  city_admin: 'ban-to-chuc',
  political_centre: 'trung-tam-chinh-tri',
  leader: 'lanh-dao',
  mass_organisation: 'to-chuc-chinh-tri-xa-hoi',
};

// "Hướng dẫn sử dụng": each role's daily work in this application, and the words it uses.
export default function HelpPage() {
  const { user } = useAuth();
  const mine = user ? kSectionOfRole[user.role] : undefined;
  const roles = [...kHelpRoles].sort((a, b) => Number(b.id === mine) - Number(a.id === mine));
  return (
    <div className="page help-page">
      <Typography.Title level={1}>Hướng dẫn sử dụng</Typography.Title>
      <p>Trang đầu sau khi đăng nhập là «{mine === 'to-chuc-chinh-tri-xa-hoi' ? 'Tổ chức của tôi' : 'Việc cần làm'}». Các trang khác ở thanh danh mục phía trên
        (trên điện thoại: bấm «☰ Danh mục»). Ngày tháng gõ theo dạng ngày/tháng/năm, ví dụ 15/11/2023;
        tìm tên người hay tên đơn vị gõ có dấu hoặc không dấu đều được.</p>
      <nav aria-label="Mục lục hướng dẫn">
        <ul className="help-toc">
          {roles.map((r) => <li key={r.id}><a href={`#${r.id}`}>{r.title}</a></li>)}
          <li><a href="#thuat-ngu">Thuật ngữ</a></li>
        </ul>
      </nav>
      {roles.map((r) => <RoleSection key={r.id} role={r} mine={r.id === mine} />)}
      <Card title={<h2 id="thuat-ngu">Thuật ngữ</h2>}>
        <dl className="help-glossary">
          {kGlossary.map((g) => (
            <div key={g.term}>
              <dt>{g.term}</dt>
              <dd>{g.meaning}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}

function RoleSection({ role, mine }: { role: HelpRole; mine: boolean }) {
  return (
    <section aria-labelledby={role.id}>
      <Card title={<h2 id={role.id}>{role.title}{mine ? ' (vai trò của bạn)' : ''}</h2>}>
        <p>{role.who}</p>
        <ul>
          {role.tasks.map((t) => <li key={t}>{t}</li>)}
        </ul>
        <p className="help-pages">Các trang: {role.pages.map((p, i) => (
          <span key={p.to}>{i > 0 ? ', ' : ''}<Link to={p.to}>{p.label}</Link></span>
        ))}.</p>
      </Card>
    </section>
  );
}
