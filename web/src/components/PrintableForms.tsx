import { Card, List, Skeleton, Typography } from 'antd';
import { api } from '../api/client';
import type { PrintableFormList } from '../api/types';
import { useApi } from '../lib/useApi';
import { formUrl } from '../lib/printForm';
import { ErrorNotice } from './ErrorNotice';

// The forms of the dossier that print filled from the case (PDF, A4), for those who may read
// personal data: each opens in a new tab, where the browser prints it. A form whose step is not
// recorded yet prints with dotted lines to fill by hand.
export function PrintableForms({ caseId, version }: { caseId: number; version: number }) {
  const forms = useApi(
    (signal) => api.get<PrintableFormList>(`/cases/${caseId}/documents`, { signal }),
    [caseId, version],
  );
  return (
    <Card title="Mẫu văn bản để in" className="forms-card no-print">
      <Typography.Paragraph type="secondary" className="forms-hint">
        Văn bản được điền sẵn từ hồ sơ theo thể thức văn bản của Đảng; chỗ chưa có thông tin để dòng chấm để viết tay.
      </Typography.Paragraph>
      {forms.error ? <ErrorNotice error={forms.error} onRetry={forms.reload} what="mẫu văn bản" /> : null}
      {!forms.data && !forms.error ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
      {forms.data && (
        <List
          size="small"
          dataSource={forms.data.items}
          renderItem={(f) => (
            <List.Item
              actions={[
                <a key="print" href={formUrl(caseId, f)} target="_blank" rel="noopener"
                   aria-label={`In mẫu ${f.form_code}${f.detail ? `, ${f.detail}` : ''}`}>In</a>,
              ]}
            >
              <List.Item.Meta
                title={<span><strong className="form-code">{f.form_code}</strong> {f.title}</span>}
                description={[f.detail, f.event_id ? null : 'chưa ghi nhận: in mẫu trống'].filter(Boolean).join(' · ') || undefined}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
