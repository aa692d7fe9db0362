import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api/client';
import type { Person } from '../api/types';
import { formatDate } from '../lib/format';

// Picks a person (a party member: helper, introducer) by name, searched without diacritics on
// the server; a number typed alone is taken as the person's code.
export function PersonPicker({ value, onChange, id }: { value?: number; onChange?: (id: number | undefined) => void; id?: string }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const search = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const typed = /^\d+$/.test(text.trim()) ? [{ value: Number(text.trim()), label: `Mã số ${text.trim()}` }] : [];
    setOptions(typed);
    if (text.trim().length < 2 || typed.length) return;
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const r = await api.get<{ items: Person[] }>('/people', { query: { q: text, limit: 20 } });
        setOptions(r.items.map((p) => ({ value: p.id, label: `${p.full_name} (sinh ${formatDate(p.birth_date)})` })));
      } catch {
        setOptions([]);
      } finally {
        setSearching(false);
      }
    }, 250);
  };
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      filterOption={false}
      onSearch={search}
      loading={searching}
      options={options.length || value === undefined ? options : [{ value, label: `Mã số ${value}` }]}
      placeholder="Gõ họ tên (không cần dấu) hoặc mã số"
      notFoundContent={searching ? 'Đang tìm…' : 'Gõ ít nhất 2 chữ cái của họ tên'}
    />
  );
}
