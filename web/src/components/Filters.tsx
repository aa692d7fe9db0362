import { useState, type ReactNode } from 'react';
import { Card, Col, Form, Input, InputNumber, Row } from 'antd';
import type { ColProps } from 'antd';
import { OrgSelect } from './OrgSelect';

// The filter bar above a list or a report: one row of labelled fields, hidden when printing.
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Card className="filters no-print">
      <Form layout="vertical">
        <Row gutter={16}>{children}</Row>
      </Form>
    </Card>
  );
}

type Span = Pick<ColProps, 'xs' | 'md' | 'xl'>;

// One labelled field of a FilterBar; `htmlFor` names the input the label belongs to.
export function FilterField({ label, htmlFor, span, children }: { label: string; htmlFor?: string; span: Span; children: ReactNode }) {
  return (
    <Col {...span}>
      <Form.Item label={label} htmlFor={htmlFor}>{children}</Form.Item>
    </Col>
  );
}

// The organisation of a filter (its subtree included); empty means the user's own.
export function OrgFilter({ value, onChange, span, label = 'Đơn vị (gồm các đơn vị trực thuộc)', placeholder = 'Đơn vị của bạn' }: {
  value: string | undefined; onChange: (org: string | undefined) => void; span: Span; label?: string; placeholder?: string;
}) {
  return (
    <FilterField label={label} span={span}>
      <OrgSelect value={value} onChange={onChange} placeholder={placeholder} />
    </FilterField>
  );
}

// The year of a filter (2000-2100).
export function YearFilter({ id, value, onChange, span }: {
  id: string; value: number | undefined; onChange: (year: number | undefined) => void; span: Span;
}) {
  return (
    <FilterField label="Năm" htmlFor={id} span={span}>
      <InputNumber id={id} min={2000} max={2100} value={value} onChange={(v) => onChange(v ?? undefined)} style={{ width: '100%' }} />
    </FilterField>
  );
}

// Search by a person's name; `onSearch` gets the trimmed text when the user presses «Tìm».
export function NameSearchFilter({ id, initial, onSearch, span }: {
  id: string; initial: string | undefined; onSearch: (text: string) => void; span: Span;
}) {
  const [text, setText] = useState(initial ?? '');
  return (
    <FilterField label="Tìm theo họ tên (gõ có dấu hoặc không dấu)" htmlFor={id} span={span}>
      <Input.Search id={id} value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => onSearch(v.trim())}
        enterButton="Tìm" allowClear placeholder="ví dụ: nguyen van duc" />
    </FilterField>
  );
}
