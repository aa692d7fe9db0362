import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Form, Input, Typography } from 'antd';
import { api } from '../api/client';
import type { CertificateCheck } from '../api/types';
import { formatDate } from '../lib/format';
import { useApi } from '../lib/useApi';
import { ErrorNotice } from '../components/ErrorNotice';

// The public check of a certificate's verification code (R3, P2): no login; the server answers
// only valid/invalid, the number, the holder's name and the date (GET /certificates/{code}).
export default function CertificateCheckPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code ?? '');
  const check = useApi(
    (signal) => (code ? api.get<CertificateCheck>(`/certificates/${encodeURIComponent(code)}`, { signal, quietUnauthorised: true }) : Promise.resolve(undefined)),
    [code],
  );
  return (
    <div className="public-page">
      <main id="noi-dung" className="public-main">
        <Typography.Title level={1}>Kiểm tra giấy chứng nhận</Typography.Title>
        <p>Nhập mã kiểm tra in trên giấy chứng nhận học lớp bồi dưỡng (10 ký tự; không phân biệt chữ hoa, chữ thường, dấu gạch).</p>
        <Form layout="vertical" onFinish={() => typed.trim() && navigate(`/kiem-tra-chung-nhan/${encodeURIComponent(typed.trim())}`)}>
          <Form.Item label="Mã kiểm tra" htmlFor="certificate-code">
            <Input id="certificate-code" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large">Kiểm tra</Button>
        </Form>
        {code && (check.error ? <ErrorNotice error={check.error} onRetry={check.reload} what="kết quả kiểm tra" /> :
          check.loading || !check.data ? <p className="loading" role="status">Đang kiểm tra…</p> : <CheckResult check={check.data} />)}
      </main>
    </div>
  );
}

function CheckResult({ check }: { check: CertificateCheck }) {
  if (!check.valid) {
    return (
      <Card className="certificate-result certificate-invalid" role="status">
        <p className="certificate-verdict">✗ Không hợp lệ</p>
        {check.number ? (<>
          <dl className="certificate-fields">
            <dt>Số giấy chứng nhận</dt><dd>{check.number}</dd>
            <dt>Họ và tên</dt><dd>{check.name}</dd>
            <dt>Ngày cấp</dt><dd>{formatDate(check.date)}</dd>
          </dl>
          <p>Giấy chứng nhận này đã hết thời hạn giá trị.</p>
        </>) : <p>Mã này không có trong hệ thống. Vui lòng kiểm tra lại từng ký tự.</p>}
      </Card>
    );
  }
  return (
    <Card className="certificate-result certificate-valid" role="status">
      <p className="certificate-verdict">✓ Hợp lệ</p>
      <dl className="certificate-fields">
        <dt>Số giấy chứng nhận</dt><dd>{check.number}</dd>
        <dt>Họ và tên</dt><dd>{check.name}</dd>
        <dt>Ngày cấp</dt><dd>{formatDate(check.date)}</dd>
      </dl>
    </Card>
  );
}
