import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Organisation, OrgTree, OrgTreeRow } from '../api/types';
import { knowsServerToday, serverToday, setServerToday } from './serverToday';

let cache: Promise<OrgTreeRow[]> | null = null;

// The caller's organisation tree today (GET /api/v1/organisations), fetched once per page load.
export function organisations(): Promise<OrgTreeRow[]> {
  if (!cache) {
    cache = api.get<OrgTree>('/organisations').then((r) => {
      setServerToday(r.on);
      return r.items ?? [];
    });
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

// After a unit is added, changed or dissolved: the next organisations() asks the server again.
export function forgetOrganisations(): void {
  cache = null;
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

// id → code and id → name of the units the caller sees (empty until the tree has loaded).
export function useOrganisations(): OrgTreeRow[] {
  const [all, setAll] = useState<OrgTreeRow[]>([]);
  useEffect(() => {
    let live = true;
    organisations().then((rows) => { if (live) setAll(rows); }, () => undefined);
    return () => { live = false; };
  }, []);
  return all;
}

export function useOrgNames(): Map<number, string> {
  const all = useOrganisations();
  return new Map(all.map((o) => [o.id, o.name]));
}

// The server's today (a demo runs on a fixed date), or null until it is known: a page opened by
// URL learns it from the organisation tree it needs anyway.
export function useServerToday(): string | null {
  const [today, setToday] = useState<string | null>(knowsServerToday() ? serverToday() : null);
  useEffect(() => {
    if (today) return;
    let live = true;
    organisations().then(
      () => { if (live) setToday(serverToday()); },
      () => { if (live) setToday(serverToday()); },
    );
    return () => { live = false; };
  }, [today]);
  return today;
}

// The code of the caller's own unit (the default `org` of the aggregate APIs), or undefined until
// the tree has loaded.
export function useMyOrgCode(orgId: number | undefined): string | undefined {
  const all = useOrganisations();
  return all.find((o) => o.id === orgId)?.code;
}
