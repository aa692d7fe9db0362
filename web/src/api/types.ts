// Names the UI uses for the JSON shapes of /api/v1. Every shape comes from the OpenAPI document
// (src/http/openapi/*.json, generated into schema.d.ts by `npm run gen:api`); nothing here is
// written by hand, so the UI compiles only against what the server documents (and the API tests
// check the server against the same document). Dates are ISO YYYY-MM-DD strings; the UI shows
// them as dd/mm/yyyy (lib/format.ts).

import type { components, paths } from './schema';

type Schemas = components['schemas'];

// The JSON body of `method` `path` answered with `status`.
export type ResponseOf<
  P extends keyof paths,
  M extends keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer T } }
      ? T
      : never
    : never
  : never;

// The JSON request body of `method` `path`.
export type RequestOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

// The query parameters of `method` `path`.
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

type ArrayItem<T> = T extends readonly (infer I)[] ? I : never;

export type IsoDate = string;

// Accounts.
export type Session = ResponseOf<'/api/v1/auth/me', 'get'>;
export type User = Session['user'];
export type Account = Schemas['UserAccount'];
export type NewAccount = Schemas['UserInput'];

// Organisations.
export type Organisation = Schemas['Organisation'];
export type OrgTree = ResponseOf<'/api/v1/organisations', 'get'>;
export type OrgTreeRow = Schemas['OrgTreeItem'];
export type OrgKind = OrgTreeRow['kind'];
// Adding a unit (POST /organisations), changing one from a date (PATCH /organisations/{code}),
// dissolving or merging one (POST /organisations/{code}/dissolve?commit=): the preview and the
// result are the same plan.
export type OrgNew = Schemas['OrgNew'];
export type OrgChange = Schemas['OrgChange'];
export type OrgDissolve = Schemas['OrgDissolve'];
export type OrgDissolvePlan = Schemas['OrgDissolvePlan'];
export type OrgMoves = Schemas['OrgMoves'];
export type OrgSaved = Schemas['OrgSaved'];
// Merging several units into one, existing or founded that day (POST /organisations/merge?commit=):
// the plan tells what each merged unit hands over, and the sum.
export type OrgMerge = Schemas['OrgMerge'];
export type OrgMergePlan = Schemas['OrgMergePlan'];
export type OrgMergedUnit = Schemas['OrgMergedUnit'];

// People.
export type Person = Schemas['PersonOutput'];
export type PreviousMembership = Schemas['PreviousMembership'];
export type PersonBody = Schemas['PersonPatch'];

// Cases.
export type CaseHeader = Schemas['CaseHeader'];
export type Deadline = Schemas['CaseDeadline'];
export type DeadlineStatus = Deadline['status'];
export type Unmet = Schemas['CaseCondition'];
export type Evaluation = Schemas['CaseEvaluation'];
export type DocumentRef = Schemas['CaseDocument'];
export type Vote = Schemas['CaseVote'];
export type CaseEvent = Schemas['CaseEvent'];
export type Attachment = Schemas['Attachment'];
export type AttachmentList = Schemas['AttachmentList'];
export type PrintableForm = Schemas['PrintableForm'];
export type PrintableFormList = Schemas['PrintableFormList'];
export type CaseEventInput = Schemas['CaseEventInput'];
export type CaseView = Schemas['CaseDetail'];
export type DeadlineList = ResponseOf<'/api/v1/deadlines', 'get'>;
export type DeadlineRow = Schemas['CaseDeadlineRow'];
export type CaseList = ResponseOf<'/api/v1/cases', 'get'>;
export type CaseListItem = Schemas['CaseRow'];
export type CaseQuery = QueryOf<'/api/v1/cases', 'get'>;
export type Reference = Schemas['CaseReference'];
export type ReferenceAction = ArrayItem<Reference['actions']>;
export type ReferenceRule = ArrayItem<Reference['rules']>;
export type Labelled = Schemas['CaseLabelled'];
// Moving an open case to another cell of the caller's scope (POST /cases/{id}/transfer): the
// receiving cell's code and the first day there; the answer is the moved case's header.
export type CaseTransfer = Schemas['CaseTransfer'];
export type CaseTransferred = ResponseOf<'/api/v1/cases/{id}/transfer', 'post'>;

// Calendar.
export type CalendarDay = Schemas['CalendarDay'];
export type CalendarYear = Schemas['CalendarYear'];
export type CalendarOrigin = CalendarYear['base'];

// Audit trail.
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = ResponseOf<'/api/v1/audit', 'get'>;

// The `error` member of every error answer (http/error_mapping.cc), and the client's own
// `network` when no answer came.
type ServerError = Schemas['AuditError']['error'];
export type ApiErrorBody = Omit<ServerError, 'code'> & {
  code: ServerError['code'] | 'too_many_requests' | 'network';
};

// Classes.
export type TrainingClass = Schemas['Class'];
export type ClassKind = TrainingClass['kind'];
export type ClassFormat = Schemas['ClassInput']['format'];
export type ClassInput = Schemas['ClassInput'];
export type Enrolment = Schemas['ClassEnrolment'];
export type EnrolmentState = Enrolment['state'];
export type AssessmentResult = Enrolment['assessment'];
export type ClassView = ResponseOf<'/api/v1/classes/{id}', 'get'>;
export type CertificateCheck = Schemas['CertificateCheck'];

// Classes partly online (lớp kết hợp trực tuyến): the Political Centre sets a class's rules,
// self-study documents and question bank (GET/PUT /classes/{id}/online and the routes under it)
// and reads the results; the learner studies and takes the final quiz through their personal
// link (GET /candidate-view/{token}/learning). `rules` and `quiz` are null when the class has
// none.
export type OnlineRules = Schemas['OnlineRules'];
export type ClassMaterial = Schemas['ClassMaterial'];
export type QuizQuestion = Schemas['QuizQuestion'];
export type QuizQuestionInput = Schemas['QuizQuestionInput'];
export type OnlineSetup = Schemas['OnlineSetup'];
export type OnlineResults = Schemas['OnlineResults'];
export type LearnerResult = Schemas['LearnerResult'];
export type QuestionResult = Schemas['QuestionResult'];
export type LearningMaterial = Schemas['LearningMaterial'];
export type LearningQuiz = Schemas['LearningQuiz'];
export type LearningClass = Schemas['LearningClass'];
export type Learning = Schemas['Learning'];
export type QuizPaper = Schemas['QuizPaper'];
export type QuizAnswers = Schemas['QuizAnswers'];
export type QuizResult = Schemas['QuizResult'];

// Targets.
export type Target = Schemas['Target'];
export type TargetList = ResponseOf<'/api/v1/targets', 'get'>;
export type TargetInput = Schemas['TargetInput'];
export type ProgressLine = Schemas['TargetProgressLine'];
export type TargetProgress = ResponseOf<'/api/v1/targets/progress', 'get'>;

// Dashboard.
export type OrgRef = Schemas['DashboardOrg'];
export type DashboardUnit = Schemas['DashboardUnit'];
export type Dashboard = Schemas['Dashboard'];
export type StepDuration = ArrayItem<Dashboard['step_durations']>;

// Sources.
export type SourceItem = Schemas['SourceItem'];
export type SourceCategoryCount = Schemas['SourceCategoryLine'];
export type SourceList = Schemas['SourcePool'];
export type SourceReview = Schemas['SourceReview'];

// Mass organisations of a ward (tổ chức chính trị - xã hội): the people they nominate as
// sources (S0) and the opinions they give on a case (S6 union resolution 4-KNĐ, S7).
export type MassOrganisation = Schemas['MassOrganisation'];
export type MassOrganisationStats = Schemas['MassOrganisationStats'];
export type MassOrganisationList = ResponseOf<'/api/v1/mass-organisations', 'get'>;
export type Nomination = Schemas['Nomination'];
export type NominationStatus = Nomination['status'];
export type NominationInput = Schemas['NominationInput'];
export type NominationAccept = Schemas['NominationAccept'];
export type NominationDecline = Schemas['NominationDecline'];
export type Opinion = Schemas['Opinion'];
export type OpinionInput = Schemas['OpinionInput'];
export type CaseOpinionLine = Schemas['CaseOpinionLine'];
export type CaseOpinions = Schemas['CaseOpinions'];
export type OpinionRequest = Schemas['OpinionRequest'];
export type OpinionRequests = ResponseOf<'/api/v1/my-organisation/opinion-requests', 'get'>;
export type MyOrganisation = ResponseOf<'/api/v1/my-organisation', 'get'>;

// The morning digest (tóm tắt buổi sáng, GET /digest): the to-do list's overdue and due-soon
// duties, the opinions received since the previous working day, the nominations waiting.
export type Digest = ResponseOf<'/api/v1/digest', 'get'>;
export type DigestOpinion = Schemas['DigestOpinion'];
// The caller's own subscription to the digest by e-mail (GET/PUT /digest/subscription): the
// operator's server mails it each working morning to `email` while `enabled`.
export type DigestSubscriptionAnswer = ResponseOf<'/api/v1/digest/subscription', 'get'>;
export type DigestSubscription = Schemas['DigestSubscription'];
export type DigestSubscriptionInput = RequestOf<'/api/v1/digest/subscription', 'put'>;

// Personal links (đường dẫn theo dõi): issued for a case by the ward, they let the person
// being developed follow their own path without an account (GET /candidate-view/{token}).
export type CandidateLink = Schemas['CandidateLink'];
export type CandidateLinkState = CandidateLink['state'];
export type CandidateLinkList = ResponseOf<'/api/v1/cases/{id}/candidate-links', 'get'>;
export type CandidateLinkInput = Schemas['CandidateLinkInput'];
export type IssuedCandidateLink = Schemas['IssuedCandidateLink'];
export type CandidateView = Schemas['CandidateView'];
export type CandidateClass = Schemas['CandidateClass'];

// Reports.
export type ReportRow = Schemas['ReportRow'];
export type AdmissionsReport = Schemas['AdmissionReport'];

// Lists loaded from Excel (POST /imports): the sheet as text, the check of every row.
export type ImportSheet = Schemas['ImportSheet'];
export type ImportKind = ImportSheet['kind'];
export type ImportReport = Schemas['ImportReport'];
export type ImportRowError = Schemas['ImportRowError'];
export type ImportColumn = Schemas['ImportColumn'];

// The fields of POST /people and PATCH /people/{id} (http/people_api.cc kPersonKeys); `org` is
// the code of the keeping unit. Any other key is refused with 400.
export const kPersonKeys = [
  'full_name', 'birth_date', 'sex', 'ethnicity', 'religion', 'general_education',
  'professional_education', 'occupation', 'workplace_type', 'youth_union_member',
  'trade_union_member', 'id_number', 'phone', 'address', 'org',
] as const satisfies readonly (keyof PersonBody)[];
