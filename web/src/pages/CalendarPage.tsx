import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import type { CalendarDay, CalendarYear } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { can, useAuth } from '../auth/AuthContext';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';

// How the year's calendar came to be (GET /calendar/{year} `base`).
const kBase: Record<string, string> = {
  computed: 'Lịch tính theo quy định về ngày lễ, Tết',
  shipped: 'Lịch nghỉ chính thức đã công bố',
  override: 'Lịch do quản trị viên nhập',
};

const kWeekdays = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const iso = (y: number, m: number, d: number) => `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function Month({ year, month, days, onPick }: { year: number; month: number; days: Map<string, CalendarDay>; onPick?: (date: string) => void }) {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array(offset).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
  return (
    <div className="month">
      <div className="month-title">Tháng {month + 1}</div>
      <div className="month-grid" role="grid" aria-label={`Tháng ${month + 1} năm ${year}`}>
        {kWeekdays.map((w) => <div key={w} className="month-weekday" role="columnheader">{w}</div>)}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const date = iso(year, month, d);
          const special = days.get(date);
          const weekend = (offset + d - 1) % 7 >= 5;
          const cls = special ? (special.kind === 'holiday' ? 'day-holiday' : 'day-workday') : weekend ? 'day-weekend' : 'day-normal';
          const title = special ? `${formatDate(date)}: ${special.kind === 'holiday' ? 'nghỉ' : 'làm bù'}${special.note ? ` — ${special.note}` : ''}` : formatDate(date);
          return onPick ? (
            <button key={date} type="button" className={`day ${cls}`} title={title} aria-label={title} onClick={() => onPick(date)}>{d}</button>
          ) : (
            <div key={date} className={`day ${cls}`} title={title}>{d}</div>
          );
        })}
      </div>
    </div>
  );
}

// The server's year first (a demo runs on a fixed date), learnt when the page is opened by URL.
export default function CalendarPage() {
  const today = useServerToday();
  if (!today) return <div className="page-loading" role="status">Đang tải…</div>;
  return <CalendarView initialYear={Number(today.slice(0, 4))} />;
}

function CalendarView({ initialYear }: { initialYear: number }) {
  const { user } = useAuth();
  const [year, setYear] = useState(initialYear);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [form] = Form.useForm<{ kind: 'holiday' | 'workday'; note: string }>();
  const calendar = useApi((signal) => api.get<CalendarYear>(`/calendar/${year}`, { signal }), [year]);
  const days = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.date, d])), [calendar.data]);
  const entries = useMemo(() => new Set((calendar.data?.entries ?? []).map((d) => d.date)), [calendar.data]);
  const admin = can(user, 'manage_calendar');
  const special = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <div className="page calendar-page">
      <Typography.Title level={1}>Lịch làm việc năm {year}</Typography.Title>
      <Card className="no-print">
        <Space wrap>
          <Button onClick={() => setYear(year - 1)} aria-label="Năm trước">← {year - 1}</Button>
          <InputNumber value={year} min={1990} max={2100} onChange={(v) => v && setYear(v)} aria-label="Năm" />
          <Button onClick={() => setYear(year + 1)} aria-label="Năm sau">{year + 1} →</Button>
          <span className="legend"><span className="day day-holiday">1</span> ngày nghỉ lễ, Tết <span className="day day-workday">2</span> ngày làm bù <span className="day day-weekend">3</span> thứ Bảy, Chủ nhật</span>
        </Space>
        {admin && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>Quản trị: bấm vào một ngày để đặt ngày nghỉ, ngày làm bù hoặc bỏ điều chỉnh.</Typography.Paragraph>}
      </Card>
      {calendar.error ? <ErrorNotice error={calendar.error} onRetry={calendar.reload} what="lịch làm việc" /> : (
        <>
          {calendar.data && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} className="calendar-summary"
              message={`Năm ${calendar.data.year} có ${calendar.data.working_days} ngày làm việc`}
              description={`${kBase[calendar.data.base] ?? calendar.data.base}${calendar.data.source ? ` — nguồn: ${calendar.data.source}` : ''}.`} />
          )}
          <div className="year-grid">
            {Array.from({ length: 12 }, (_, m) => (
              <Month key={m} year={year} month={m} days={days} onPick={admin ? (d) => {
                const cur = days.get(d);
                form.setFieldsValue({ kind: cur?.kind ?? 'holiday', note: cur?.note ?? '' });
                setError(null);
                setEditing(d);
              } : undefined} />
            ))}
          </div>
          <Card title="Các ngày nghỉ và ngày làm bù" style={{ marginTop: 16 }}>
            <ul className="special-days">
              {special.map((d) => (
                <li key={d.date} data-date={d.date} data-origin={d.origin}>
                  <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{d.kind === 'holiday' ? 'Nghỉ' : 'Làm bù'}</Tag>
                  <strong>{formatDate(d.date)}</strong> {d.note}
                  {d.origin === 'override' ? <Tag className="origin-tag">Điều chỉnh</Tag> : null}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
      <Modal
        open={editing !== null}
        title={`Điều chỉnh ngày ${formatDate(editing)}`}
        onCancel={() => setEditing(null)}
        footer={[
          editing && entries.has(editing) ? <Button key="del" danger onClick={async () => {
            try {
              await api.del(`/calendar/${year}/days/${editing}`);
              setEditing(null);
              message.success('Đã bỏ điều chỉnh');
              calendar.reload();
            } catch (e) { if (e instanceof ApiError) setError(e); }
          }}>Bỏ điều chỉnh ngày này</Button> : null,
          <Button key="cancel" onClick={() => setEditing(null)}>Hủy</Button>,
          <Button key="ok" type="primary" onClick={() => form.submit()}>Lưu</Button>,
        ]}
      >
        <Form form={form} layout="vertical" onFinish={async (v) => {
          try {
            await api.put(`/calendar/${year}/days/${editing}`, v);
            setEditing(null);
            message.success('Đã lưu điều chỉnh lịch');
            calendar.reload();
          } catch (e) { if (e instanceof ApiError) setError(e); }
        }}>
          <Form.Item name="kind" label="Loại ngày">
            <Radio.Group options={[{ value: 'holiday', label: 'Ngày nghỉ' }, { value: 'workday', label: 'Ngày làm việc (làm bù)' }]} />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú (căn cứ)"><Input placeholder="ví dụ: Thông báo số …/TB-BNV" /></Form.Item>
          {error && <Alert type="error" showIcon message={<ApiErrorText error={error} />} />}
        </Form>
      </Modal>
    </div>
  );
}
