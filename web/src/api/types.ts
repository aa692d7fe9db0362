// JSON shapes of /api/v1 (src/service/json_codec.cc, src/http/*_api.cc). Dates are ISO
// YYYY-MM-DD strings; the UI shows them as dd/mm/yyyy (lib/format.ts).

export type IsoDate = string;

// The logged-in user (POST /auth/login, GET /auth/me: service/auth_service.cc UserObject).
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
}

// An account as GET/POST /users and PATCH /users/{login} return it (http/user_api.cc).
export interface Account {
  id: number;
  login: string;
  full_name: string;
  role: string;
  role_label: string;
  org_id: number;
  organisation: string; // the unit's code
  state: 'active' | 'disabled';
  created_at: string;
  password_changed_at: string;
  last_login_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
}

// POST /users.
export interface NewAccount {
  login: string;
  full_name: string;
  role: string;
  organisation: string;
  password: string;
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

// A row of GET /organisations?on= (http/org_api.cc): the unit and its members on `on`, summed
// over its subtree.
export interface OrgTreeRow extends Organisation {
  kind_label: string;
  official_members: number;
  probationary_members: number;
}

export interface OrgTree {
  on: IsoDate;
  items: OrgTreeRow[];
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
  version: number;
  // R15; null when never a member, and for roles without read_personal.
  previous_membership?: PreviousMembership | null;
}

// R15: PUT /people/{id}/previous-membership and Person.previous_membership.
export interface PreviousMembership {
  left_on: IsoDate;
  ended_by: string;
  criminal_record: string;
  record_cleared_on: IsoDate | null;
  caused_serious_disunity: boolean;
  readmitted_before: boolean;
  consent_number: string;
  consent_date: IsoDate | null;
}

// The fields of POST /people and PATCH /people/{id} (http/people_api.cc kPersonKeys); `org` is
// the code of the keeping unit. Any other key is refused with 400.
export const kPersonKeys = [
  'full_name', 'birth_date', 'sex', 'ethnicity', 'religion', 'general_education',
  'professional_education', 'occupation', 'workplace_type', 'youth_union_member',
  'trade_union_member', 'id_number', 'phone', 'address', 'org',
] as const;

export type PersonBody = Partial<Pick<Person, Exclude<(typeof kPersonKeys)[number], 'org'>>> & { org?: string };

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
  blocking?: boolean; // in a case's evaluation only
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
  // The case's nearest running deadline on `on`, or null.
  deadline: Deadline | null;
  // Why the case cannot move on (filled when ?due=blocked).
  unmet: Unmet[];
  version: number;
}

// GET /cases (http/case_api.cc RowObject); the server refuses any other query parameter.
export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  page_size: number;
  counts_by_stage: Record<string, number>;
  on: IsoDate;
}

export interface CaseQuery {
  org?: string;
  stage?: string;
  category?: string;
  due?: 'overdue' | 'due_soon' | 'blocked';
  q?: string;
  open?: boolean;
  sort?: 'id' | 'next_deadline' | 'opened_on' | 'person_name' | 'stage';
  order?: 'asc' | 'desc';
  page?: number;
  page_size?: number;
  on?: IsoDate;
}

export interface ReferenceAction {
  code: string;
  label: string;
  fields: string[];
  form: string;
}

export interface Labelled {
  code: string;
  label: string;
}

// GET /reference: the codes of the domain with their Vietnamese labels; each action with the
// event fields it accepts and the form it expects. `relations` carry their codes as labels.
// A rule code of docs/rules.md ("S9") with its Vietnamese label and legal basis.
export interface ReferenceRule {
  code: string;
  label: string;
  legal_basis: string;
}

export interface Reference {
  stages: Labelled[];
  actions: ReferenceAction[];
  categories: Labelled[];
  relations: Labelled[];
  roles: Labelled[];
  rules: ReferenceRule[];
}

export type CalendarOrigin = 'computed' | 'shipped' | 'override';

export interface CalendarDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  note: string;
  origin: CalendarOrigin;
}

// GET /calendar/{year}, and the answer of PUT/DELETE /calendar/{year}/days/{date}: `days` are
// the non-working weekdays and working weekend days in force; `entries` the stored ones.
export interface CalendarYear {
  year: number;
  base: CalendarOrigin;
  replaces_default: boolean;
  source: string;
  working_days: number;
  days: CalendarDay[];
  entries: CalendarDay[];
}

// One entry of GET /audit (http/audit_api.cc). `before`/`after` are JSON images (sensitive
// fields blanked for roles without read_personal), null when empty.
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  address: string;
  action: string; // "case.cell_vote", "person.update", "user.create", "calendar.day_put", …
  entity: string; // "case", "person", "user", "calendar_year", …
  entity_id: number;
  org_id: number;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before: number | null;
  case?: number;
  org?: string;
}

export interface ApiErrorBody {
  code: string;
  rule?: string;
  field?: string;
  message: string;
}

// ---- Classes, targets, dashboard, sources, reports -------------------------------------------

export interface OrgRef {
  id?: number;
  code: string;
  name: string;
  kind?: string;
}

export type ClassKind = 'awareness' | 'new_member';
export type ClassFormat = 'standard' | 'shortened';

// A class of the Political Centre (http/class_api.cc ClassObject).
export interface TrainingClass {
  id: number;
  kind: ClassKind;
  kind_label?: string;
  code: string;
  name: string;
  organiser: string;
  organiser_name?: string;
  format: ClassFormat;
  place: string;
  capacity: number;
  enrolled: number;
  starts_on: IsoDate;
  ends_on: IsoDate;
  sessions: number;
  min_attendance_percent: number;
  version?: number;
}

// POST /classes.
export interface ClassInput {
  kind: ClassKind;
  code: string;
  name: string;
  organiser: string;
  format: ClassFormat;
  place?: string;
  capacity: number;
  starts_on: IsoDate;
  ends_on: IsoDate;
  sessions: number;
  min_attendance_percent?: number;
}

export type EnrolmentState = 'nominated' | 'enrolled' | 'refused' | 'withdrawn';
export type AssessmentResult = 'pending' | 'passed' | 'failed';

export interface Enrolment {
  id: number;
  class_id: number;
  case_id: number;
  person_id: number;
  person_name?: string;
  nominated_by?: string;
  state: EnrolmentState;
  state_label?: string;
  assessment: AssessmentResult;
  certificate_number?: string | null;
  certificate_date?: IsoDate | null;
  verification_code?: string;
  attendance?: { session: number; present: boolean }[];
  attended?: number;
  certificate_expires?: IsoDate | null;
}

// GET /classes/{id}: a ward sees only its own learners (all_enrolments false).
export interface ClassView {
  class: TrainingClass;
  enrolments: Enrolment[];
  all_enrolments: boolean;
}

// GET /certificates/{code} (public): only these fields.
export interface CertificateCheck {
  valid: boolean;
  number?: string;
  name?: string;
  date?: IsoDate;
  kind?: ClassKind;
  kind_label?: string;
  expires_on?: IsoDate | null;
}

// A yearly admission target (http/target_api.cc TargetObject); `parent_id` when it is a split.
export interface Target {
  id: number;
  org: string;
  org_name?: string;
  year: number;
  category: string | null;
  count: number;
  legal_basis: string;
  parent_id: number | null;
  split_final: boolean;
  version: number;
  split_sum?: number;
  split_count?: number;
}

export interface TargetList {
  org: string;
  year: number;
  items: Target[];
}

export interface TargetInput {
  org: string;
  year: number;
  category?: string | null;
  count: number;
  legal_basis?: string;
  parent_id?: number | null;
  split_final?: boolean;
}

export interface ProgressLine {
  category: string | null;
  category_label?: string;
  target: number | null;
  admitted: number;
  forecast: number;
  expected_total: number;
}

// GET /targets/progress.
export interface TargetProgress extends ProgressLine {
  org: string;
  year: number;
  on: IsoDate;
  legal_basis?: string;
  open_cases?: number;
  categories: ProgressLine[];
  step_days?: Record<string, { days: number; source: 'org' | 'city' | 'default' }>;
}

// GET /dashboard (contracts.md, helper "dash").
export interface DashboardUnit {
  org: OrgRef;
  target: number | null;
  admitted: number;
  forecast: number;
  open: number;
  overdue: number;
  due_soon: number;
  blocked: number;
  sources: number;
}

export interface StepDuration {
  stage: string;
  label: string;
  median_days: number | null;
  p90_days: number | null;
  samples: number;
  units: { code: string; median_days: number | null; p90_days: number | null; samples: number }[];
}

export interface Dashboard {
  org: OrgRef;
  year: number;
  on: IsoDate;
  funnel: { stage: string; label: string; count: number }[];
  totals: {
    open: number; admitted: number; target: number | null; forecast: number;
    overdue: number; due_soon: number; blocked: number;
  };
  units: DashboardUnit[];
  admissions_by_month: { month: number; count: number }[];
  admissions_by_category: { category: string; label: string; count: number; target: number | null }[];
  step_durations: StepDuration[];
}

// GET /sources (contracts.md, helper "rep").
export interface SourceItem {
  case_id: number;
  person: { id: number; full_name: string; birth_date: IsoDate };
  cell: { code: string; name: string };
  category: string;
  category_label: string;
  stage: 'source' | 'sympathiser' | string;
  sympathiser_resolution_on: IsoDate | null;
  helper: { id: number; full_name: string } | null;
  last_review_on: IsoDate | null;
  review_due_on: IsoDate | null;
  review_overdue: boolean;
}

export interface SourceCategoryCount {
  category: string;
  label: string;
  sources: number;
  sympathisers: number;
  target: number | null;
  admitted: number;
  forecast?: number;
  needed: number | null;
}

export interface SourceList {
  org: OrgRef;
  items: SourceItem[];
  by_category: SourceCategoryCount[];
  review_interval_months: number;
}

export interface SourceReview {
  id: number;
  org: string;
  reviewed_on: IsoDate;
  note: string;
  by: string;
}

// GET /reports/admissions (DOMAIN §7).
export interface ReportRow {
  org: { code: string; name: string };
  [key: string]: unknown;
}

export interface AdmissionsReport {
  org: OrgRef;
  from: IsoDate;
  to: IsoDate;
  as_of: IsoDate;
  rows: ReportRow[];
  // `group`: the header above several columns ("Trong đó", "Trình độ học vấn, chuyên môn" …).
  columns: { key: string; label: string; group?: string }[];
}
