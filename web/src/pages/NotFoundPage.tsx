import { Link, useLocation } from 'react-router';
import '../styles/pages.css';

// An address the application does not have: says so, shows what was asked, and leads back to the
// day's work instead of silently jumping there.
export default function NotFoundPage() {
  const location = useLocation();
  const asked = decodeURIComponentSafe(location.pathname) + location.search;
  return (
    <section className="page notice-page" data-testid="page-not-found">
      <div className="notice-code" aria-hidden="true">404</div>
      <h1>Không tìm thấy trang</h1>
      <p>Không có trang nào ở địa chỉ <code className="not-found-address">{asked}</code>.</p>
      <p>Có thể đường dẫn bị gõ sai hoặc trang đã được chuyển đi. Hãy chọn trang trong danh mục phía trên, hoặc:</p>
      <p><Link to="/" className="not-found-home">Về trang Việc cần làm</Link></p>
      <p><Link to="/huong-dan">Xem Hướng dẫn sử dụng</Link></p>
    </section>
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
