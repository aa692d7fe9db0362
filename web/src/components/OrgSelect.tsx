import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import type { OrgTreeRow as Organisation } from '../api/types';
import { organisations } from '../lib/myOrg';

interface Node { value: string; title: string; children: Node[] }

function toTree(all: Organisation[]): Node[] {
  const byParent = new Map<number | null, Organisation[]>();
  for (const o of all) byParent.set(o.parent_id, [...(byParent.get(o.parent_id) ?? []), o]);
  const ids = new Set(all.map((o) => o.id));
  const build = (o: Organisation): Node => ({
    value: o.code,
    title: o.name,
    children: (byParent.get(o.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(build),
  });
  return all.filter((o) => o.parent_id === null || !ids.has(o.parent_id)).map(build);
}

// Picks an organisation (its subtree) by name, from the tree the user may see.
export function OrgSelect({ value, onChange, placeholder = 'Tất cả đơn vị thuộc phạm vi của bạn', id }: {
  value?: string; onChange?: (code: string | undefined) => void; placeholder?: string; id?: string;
}) {
  const [tree, setTree] = useState<Node[]>([]);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    organisations().then((all) => setTree(toTree(all)), () => setMissing(true));
  }, []);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      treeData={tree}
      showSearch
      treeNodeFilterProp="title"
      allowClear
      placeholder={missing ? 'Chưa tải được cây tổ chức' : placeholder}
      style={{ width: '100%' }}
      treeDefaultExpandAll={false}
      aria-label="Đơn vị"
    />
  );
}
