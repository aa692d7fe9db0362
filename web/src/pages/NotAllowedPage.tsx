import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { homePath } from '../lib/massOrgPaths';
import '../styles/pages.css';

// A page the user's role does not open (a mass organisation's account reads no case file nor
// statistics): says so plainly, asks the server nothing, and leads back to the user's first page.
export default function NotAllowedPage() {
  const { user } = useAuth();
  return (
    <section className="page notice-page" role="alert" data-testid="not-allowed">
      <div className="notice-code" aria-hidden="true">403</div>
      <h1>Không có quyền truy cập</h1>
      <p>Tài khoản của bạn không dùng trang này.</p>
      <p><Link to={homePath(user)} className="not-found-home">Về trang đầu</Link></p>
    </section>
  );
}
