// JSON shapes of /api/v1 (src/service/json_codec.cc, src/http/*_api.cc). Dates are ISO
// YYYY-MM-DD strings; the UI shows them as dd/mm/yyyy (lib/format.ts).

export type IsoDate = string;

export interface User {
  id: number;
  login: string;
  full_name: string;
  role: string;
  org_id: number;
  disabled: boolean;
  created_at?: string;
  password_changed_at?: string;
  failed_attempts?: number;
  locked_until?: string | null;
  org_code?: string;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface Organisation {
  id: number;
  parent_id: number | null;
  kind: string;
  code: string;
  name: string;
  authorised_to_admit?: boolean;
  committee_member_count?: number;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  successor_id?: number | null;
}

export interface Person {
  id: number;
  full_name: string;
  sex: string;
  birth_date: IsoDate;
  ethnicity: string;
  religion: string;
  general_education: string;
  professional_education: string;
  occupation: string;
  workplace_type: string;
  youth_union_member: boolean;
  trade_union_member: boolean;
  id_number: string;
  phone: string;
  address: string;
  org_id: number;
  org_code?: string;
}

export interface CaseHeader {
  id: number;
  person_id: number;
  cell_id: number;
  category: string;
  stage: string;
  opened_on: IsoDate;
  version: number;
  certificate_date: IsoDate | null;
  dossier_date: IsoDate | null;
  cell_vote_date: IsoDate | null;
  decision_date: IsoDate | null;
  ceremony_date: IsoDate | null;
  official_date: IsoDate | null;
  closed_on: IsoDate | null;
  next_deadline: IsoDate | null;
  next_deadline_rule: string;
}

export type DeadlineStatus = 'on_time' | 'due_soon' | 'overdue';

export interface Deadline {
  rule: string;
  label: string;
  due: IsoDate;
  status: DeadlineStatus;
  days: number;
  working_days: boolean;
  text: string;
}

export interface Unmet {
  rule: string;
  message: string;
}

export interface Evaluation {
  stage: string;
  stage_label: string;
  rule_set?: string;
  allowed_actions: string[];
  unmet: Unmet[];
  deadlines: Deadline[];
  failed_recognition_votes?: number;
  escalated?: boolean;
}

export interface DocumentRef {
  form_code: string;
  number: string;
  date: IsoDate | null;
  issuer: string;
}

export interface Vote {
  eligible: number;
  present: number;
  in_favour: number;
  against: number;
}

export interface CaseEvent {
  id?: number;
  case_id?: number;
  seq?: number;
  action: string;
  date: IsoDate;
  actor?: string;
  recorded_at?: string;
  documents: DocumentRef[];
  vote?: Vote;
  member_person_id?: number;
  together_since?: IsoDate;
  replacement?: boolean;
  relative_name?: string;
  relation?: string;
  relative_is_member?: boolean;
  finding?: string;
  consent?: string;
  received_on?: IsoDate;
  extension_working_days?: number;
  note?: string;
}

export interface CaseView {
  case: CaseHeader;
  person: Person;
  cell: Organisation;
  evaluation: Evaluation;
  events: CaseEvent[];
}

export interface DeadlineRow {
  case_id: number;
  person_name: string;
  stage: string;
  rule: string;
  label: string;
  due: IsoDate;
  status: DeadlineStatus;
  days: number;
  text: string;
}

export interface DeadlineList {
  on: IsoDate;
  items: DeadlineRow[];
}

export interface CaseListItem {
  id: number;
  person_id: number;
  person_name: string;
  birth_date: IsoDate;
  cell_id: number;
  cell_code: string;
  cell_name: string;
  category: string;
  category_label: string;
  stage: string;
  stage_label: string;
  opened_on: IsoDate;
  next_deadline: IsoDate | null;
  next_deadline_rule: string;
  version: number;
  blocked_reason?: string;
}

export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  page_size: number;
  counts_by_stage: Record<string, number>;
}

export interface ReferenceAction {
  code: string;
  label: string;
  fields: string[];
  form: string;
}

export interface Reference {
  stages: { code: string; label: string }[];
  actions: ReferenceAction[];
  categories: { code: string; label: string }[];
  roles: { code: string; label: string }[];
}

export interface CalendarDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  note: string;
}

export interface CalendarYear {
  year: number;
  replaces_default?: boolean;
  source?: string;
  days: CalendarDay[];
}

export interface AuditEntry {
  id?: number;
  at?: string;
  time?: string;
  actor?: string;
  role?: string;
  entity?: string;
  entity_id?: number | string;
  action?: string;
  summary?: string;
  case_id?: number;
}

export interface ApiErrorBody {
  code: string;
  rule?: string;
  field?: string;
  message: string;
}
