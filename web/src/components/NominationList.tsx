import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Table } from 'antd';
import type { Nomination } from '../api/types';
import { formatDate } from '../lib/format';
import { kSexes, labelOf } from '../lib/labels';
import { decisionText, NominationStatusTag } from '../lib/massOrg';
import { useNarrow } from '../lib/useNarrow';

// The people mass organisations nominated as sources (S0), newest first: a table, or cards on a
// phone. `byOrganisation` adds who nominated each (the ward's list); `linkCases` links an
// accepted one to its case (only for the roles that read cases); `actions` adds the buttons of
// a row (accept, decline).
export function NominationList({ items, byOrganisation = false, linkCases = false, actions, empty }: {
  items: Nomination[]; byOrganisation?: boolean; linkCases?: boolean; actions?: (n: Nomination) => ReactNode; empty: string;
}) {
  const narrow = useNarrow();
  const outcome = (n: Nomination) => {
    const text = decisionText(n, formatDate);
    if (!text) return <span className="muted">Đang chờ đảng ủy xem xét</span>;
    return linkCases && n.case_id !== null ? <Link to={`/ho-so/${n.case_id}`}>{text}</Link> : <span>{text}</span>;
  };
  if (narrow) {
    if (items.length === 0) return <p className="empty">{empty}</p>;
    return (
      <ul className="card-list nomination-cards">
        {items.map((n) => (
          <li key={n.id} data-nomination={n.id}>
            <strong>{n.full_name}</strong> <NominationStatusTag nomination={n} />
            <div className="muted">Sinh {formatDate(n.birth_date)} · {labelOf(kSexes, n.sex)} · {n.category_label}</div>
            {byOrganisation && <div>{n.mass_organisation.name}</div>}
            <div>Giới thiệu ngày {formatDate(n.nominated_on)}: {n.reason}</div>
            <div>{outcome(n)}</div>
            {actions?.(n)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<Nomination>
      className="nominations-table"
      rowKey="id"
      dataSource={items}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `${n} người` }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: empty }}
      columns={[
        { title: 'Họ và tên', dataIndex: 'full_name', width: 190 },
        { title: 'Ngày sinh', dataIndex: 'birth_date', width: 115, render: formatDate },
        { title: 'Giới tính', dataIndex: 'sex', width: 90, render: (s) => labelOf(kSexes, s) },
        { title: 'Đối tượng', dataIndex: 'category_label', width: 150 },
        ...(byOrganisation ? [{ title: 'Tổ chức giới thiệu', key: 'org', width: 200, render: (_: unknown, n: Nomination) => n.mass_organisation.name }] : []),
        { title: 'Ngày giới thiệu', dataIndex: 'nominated_on', width: 120, render: formatDate },
        { title: 'Lý do, minh chứng', key: 'reason', render: (_, n) => <>{n.reason}{n.evidence ? <div className="muted">Minh chứng: {n.evidence}</div> : null}</> },
        { title: 'Trạng thái', key: 'status', width: 170, render: (_, n) => <NominationStatusTag nomination={n} /> },
        { title: 'Kết quả', key: 'outcome', width: 240, render: (_, n) => <>{outcome(n)}{actions?.(n)}</> },
      ]}
    />
  );
}
