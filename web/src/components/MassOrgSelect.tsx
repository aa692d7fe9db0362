import { Select } from 'antd';
import { api } from '../api/client';
import type { MassOrganisationList } from '../api/types';
import { useApi } from '../lib/useApi';

// The mass organisations of the unit `org` (GET /mass-organisations?org=), for the account of a
// «Tổ chức chính trị - xã hội»: the organisation it speaks for. Asks nothing until a unit is chosen.
export function MassOrgSelect({ org, value, onChange, id }: {
  org: string | undefined; value?: number; onChange?: (id: number | undefined) => void; id?: string;
}) {
  const list = useApi(
    (signal) => (org ? api.get<MassOrganisationList>('/mass-organisations', { signal, query: { org } }) : Promise.resolve(undefined)),
    [org],
  );
  const items = list.data?.items ?? [];
  const placeholder = !org ? 'Chọn đơn vị trước'
    : list.error ? 'Chưa tải được danh sách tổ chức'
      : list.data && items.length === 0 ? 'Đơn vị này chưa có tổ chức chính trị - xã hội nào' : 'Chọn tổ chức';
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={list.loading && !!org}
      disabled={!org}
      placeholder={placeholder}
      options={items.map((o) => ({ value: o.id, label: `${o.name} (${o.kind_label})` }))}
    />
  );
}
