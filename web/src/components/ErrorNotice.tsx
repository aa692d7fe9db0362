import { Button } from 'antd';
import { Link } from 'react-router';
import { ApiError, isMissingRoute } from '../api/client';
import { RuleCitation } from './RuleCitation';

// One way to show a failed load: forbidden and not-found are pages of their own, a route the
// server does not have yet says so plainly, anything else offers "Thử lại". Plain markup: it is
// part of the first page.
export function ErrorNotice({ error, onRetry, what = 'dữ liệu' }: { error: unknown; onRetry?: () => void; what?: string }) {
  if (isMissingRoute(error)) {
    return <div className="notice notice-info" role="status">Máy chủ chưa cung cấp {what}.</div>;
  }
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    const forbidden = error.status === 403;
    return (
      <section className="notice-page" role="alert" data-testid={forbidden ? 'forbidden' : 'not-found'}>
        <div className="notice-code" aria-hidden="true">{error.status}</div>
        <h1>{forbidden ? 'Không có quyền truy cập' : 'Không tìm thấy'}</h1>
        <p>{error.message}.{' '}
          {forbidden ? 'Nội dung này không thuộc đơn vị bạn phụ trách.' : 'Có thể đường dẫn sai hoặc nội dung không thuộc đơn vị bạn phụ trách.'}</p>
        <Link to="/"><Button type="primary" size="large">Về trang Việc cần làm</Button></Link>
      </section>
    );
  }
  if (error instanceof ApiError && error.status === 401) return null;
  const message = error instanceof ApiError ? error.display : 'Đã có lỗi xảy ra';
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}{error instanceof ApiError ? <RuleCitation code={error.rule} /> : null}</span>
      {onRetry && <Button onClick={onRetry}>Thử lại</Button>}
    </div>
  );
}

// A refusal's words with the rule it cites, if any, as a citation after them.
export function ApiErrorText({ error }: { error: ApiError }) {
  return <>{error.message}<RuleCitation code={error.rule} /></>;
}
