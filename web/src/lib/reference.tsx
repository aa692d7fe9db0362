import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Reference } from '../api/types';
import { fallbackReference } from './labels';

const ReferenceContext = createContext<Reference>(fallbackReference());

// GET /api/v1/reference once per session; the built-in tables (lib/labels.ts) until it answers,
// and for any code it does not list.
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [reference, setReference] = useState<Reference>(fallbackReference);
  useEffect(() => {
    api.get<Reference>('/reference').then(
      (r) => {
        const base = fallbackReference();
        setReference({
          stages: r.stages?.length ? r.stages : base.stages,
          actions: r.actions?.length
            ? r.actions.map((a) => ({ ...(base.actions.find((b) => b.code === a.code) ?? {}), ...a }))
            : base.actions,
          categories: r.categories?.length ? r.categories : base.categories,
          roles: r.roles?.length ? r.roles : base.roles,
        });
      },
      () => undefined,
    );
  }, []);
  return <ReferenceContext.Provider value={reference}>{children}</ReferenceContext.Provider>;
}

export function useReference(): Reference & {
  stageLabel: (code: string) => string;
  actionLabel: (code: string) => string;
  categoryLabel: (code: string) => string;
  roleLabel: (code: string) => string;
} {
  const r = useContext(ReferenceContext);
  const find = (list: { code: string; label: string }[], code: string) =>
    list.find((x) => x.code === code)?.label ?? code;
  return {
    ...r,
    stageLabel: (code) => find(r.stages, code),
    actionLabel: (code) => find(r.actions, code),
    categoryLabel: (code) => find(r.categories, code),
    roleLabel: (code) => find(r.roles, code),
  };
}
