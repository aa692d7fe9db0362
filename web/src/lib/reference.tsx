import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Labelled, Reference, ReferenceAction } from '../api/types';
import { kStages } from './labels';

interface ReferenceState extends Reference {
  // False until GET /reference has answered: the actions (and their fields) come only from it.
  loaded: boolean;
  error: unknown;
}

// Until GET /reference answers only the stage labels are known (Việc cần làm shows them on its
// first paint); every other list starts empty.
function initialReference(): ReferenceState {
  return {
    stages: kStages.map(([code, label]) => ({ code, label })),
    actions: [],
    categories: [],
    relations: [],
    roles: [],
    rules: [],
    loaded: false,
    error: undefined,
  };
}

const ReferenceContext = createContext<ReferenceState>(initialReference());

// GET /api/v1/reference once per session: the source of the stage, action, category, role and
// rule labels and of the fields each action accepts.
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [reference, setReference] = useState<ReferenceState>(initialReference);
  useEffect(() => {
    api.get<Reference>('/reference').then(
      (r) => setReference({ ...r, loaded: true, error: undefined }),
      (error) => setReference((prev) => ({ ...prev, error })),
    );
  }, []);
  return <ReferenceContext.Provider value={reference}>{children}</ReferenceContext.Provider>;
}

export interface ReferenceView extends ReferenceState {
  action: (code: string | undefined) => ReferenceAction | undefined;
  stageLabel: (code: string) => string;
  actionLabel: (code: string) => string;
  categoryLabel: (code: string) => string;
  roleLabel: (code: string) => string;
  // "Chi bộ xét, đề nghị kết nạp (6-KNĐ)" for "S9"; undefined for a code the server does not
  // list (or before /reference answers), so that nothing is shown rather than the code twice.
  ruleLabel: (code: string | undefined) => string | undefined;
}

export function useReference(): ReferenceView {
  const r = useContext(ReferenceContext);
  const find = (list: Labelled[], code: string) => list.find((x) => x.code === code)?.label ?? code;
  return {
    ...r,
    action: (code) => r.actions.find((a) => a.code === code),
    stageLabel: (code) => find(r.stages, code),
    actionLabel: (code) => find(r.actions, code),
    categoryLabel: (code) => find(r.categories, code),
    roleLabel: (code) => find(r.roles, code),
    ruleLabel: (code) => (code ? r.rules.find((x) => x.code === code)?.label : undefined),
  };
}
