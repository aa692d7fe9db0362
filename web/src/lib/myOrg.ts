import { api } from '../api/client';
import type { Organisation } from '../api/types';

let cache: Promise<Organisation[]> | null = null;

// The organisation tree today (GET /api/v1/organisations), fetched once per page load.
export function organisations(): Promise<Organisation[]> {
  if (!cache) {
    cache = api.get<{ items: Organisation[] }>('/organisations').then((r) => r.items ?? []);
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

// The units under `rootId` (itself included), in tree order, for the organisation filters.
export function subtree(all: Organisation[], rootId: number | undefined): (Organisation & { depth: number })[] {
  const children = new Map<number | null, Organisation[]>();
  for (const o of all) {
    const list = children.get(o.parent_id) ?? [];
    list.push(o);
    children.set(o.parent_id, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const out: (Organisation & { depth: number })[] = [];
  const walk = (o: Organisation, depth: number) => {
    out.push({ ...o, depth });
    for (const c of children.get(o.id) ?? []) walk(c, depth + 1);
  };
  const root = all.find((o) => o.id === rootId);
  if (root) walk(root, 0);
  else for (const r of all.filter((o) => !o.parent_id || !all.some((p) => p.id === o.parent_id))) walk(r, 0);
  return out;
}
