#include "storage/sql/sql_online_class_repository.h"

#include <map>

#include "storage/not_found.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ptdv {
namespace {

constexpr std::string_view kMaterialNoun = "tài liệu tự học";
constexpr std::string_view kQuestionNoun = "câu hỏi";
constexpr std::string_view kAttemptNoun = "bài làm";

constexpr std::string_view kGetRules =
    "SELECT class_id, self_study_percent, quiz_questions, quiz_pass_percent, quiz_max_attempts"
    " FROM class_online WHERE class_id = ?";

// Portable upsert: PostgreSQL accepts the same ON CONFLICT clause.
constexpr std::string_view kPutRules =
    "INSERT INTO class_online (class_id, self_study_percent, quiz_questions, quiz_pass_percent,"
    " quiz_max_attempts) VALUES (?, ?, ?, ?, ?) ON CONFLICT (class_id) DO UPDATE SET"
    " self_study_percent = excluded.self_study_percent, quiz_questions = excluded.quiz_questions,"
    " quiz_pass_percent = excluded.quiz_pass_percent,"
    " quiz_max_attempts = excluded.quiz_max_attempts";

constexpr std::string_view kClassExists = "SELECT count(*) FROM training_class WHERE id = ?";

constexpr std::string_view kInsertMaterial =
    "INSERT INTO class_material (class_id, position, title, file_name, media_type, size_bytes,"
    " sha256, uploaded_by, uploaded_at, active, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";

#define PTDV_MATERIAL_COLUMNS                                                       \
  "m.id, m.class_id, m.position, m.title, m.file_name, m.media_type, m.size_bytes," \
  " m.sha256, m.uploaded_by, m.uploaded_at, m.active"

constexpr std::string_view kListMaterials = "SELECT " PTDV_MATERIAL_COLUMNS
                                            " FROM class_material m WHERE m.class_id = ?"
                                            " ORDER BY m.position, m.id";

constexpr std::string_view kGetMaterial = "SELECT " PTDV_MATERIAL_COLUMNS
                                          ", m.content FROM class_material m"
                                          " WHERE m.class_id = ? AND m.id = ?";

#undef PTDV_MATERIAL_COLUMNS

constexpr std::string_view kUpdateMaterial =
    "UPDATE class_material SET position = ?, active = ? WHERE id = ?";

constexpr std::string_view kMarkDone =
    "INSERT INTO class_material_done (enrolment_id, material_id, done_at) VALUES (?, ?, ?)"
    " ON CONFLICT (enrolment_id, material_id) DO NOTHING";

constexpr std::string_view kListDone =
    "SELECT d.enrolment_id, d.material_id FROM class_material_done d"
    " JOIN class_enrolment e ON e.id = d.enrolment_id WHERE e.class_id = ?"
    " ORDER BY d.enrolment_id, d.material_id";

constexpr std::string_view kInsertQuestion =
    "INSERT INTO quiz_question (class_id, position, text, correct_option, active)"
    " VALUES (?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kInsertOption =
    "INSERT INTO quiz_option (question_id, position, text) VALUES (?, ?, ?)";

constexpr std::string_view kListQuestions =
    "SELECT id, class_id, position, text, correct_option, active FROM quiz_question"
    " WHERE class_id = ? ORDER BY position, id";

constexpr std::string_view kListOptions =
    "SELECT o.question_id, o.text FROM quiz_option o JOIN quiz_question q ON q.id = o.question_id"
    " WHERE q.class_id = ? ORDER BY o.question_id, o.position";

constexpr std::string_view kSetQuestionActive = "UPDATE quiz_question SET active = ? WHERE id = ?";

constexpr std::string_view kInsertAttempt =
    "INSERT INTO quiz_attempt (enrolment_id, attempt_no, started_at, total) VALUES (?, ?, ?, ?)"
    " RETURNING id";

constexpr std::string_view kInsertItem =
    "INSERT INTO quiz_attempt_item (attempt_id, position, question_id) VALUES (?, ?, ?)";

constexpr std::string_view kUpdateAttempt =
    "UPDATE quiz_attempt SET submitted_at = ?, correct = ?, total = ?, passed = ? WHERE id = ?";

constexpr std::string_view kUpdateItem =
    "UPDATE quiz_attempt_item SET chosen_option = ?, correct = ? WHERE attempt_id = ? AND"
    " position = ?";

#define PTDV_ATTEMPT_COLUMNS \
  "a.id, a.enrolment_id, a.attempt_no, a.started_at, a.submitted_at, a.correct, a.total, a.passed"

constexpr std::string_view kGetAttempt =
    "SELECT " PTDV_ATTEMPT_COLUMNS " FROM quiz_attempt a WHERE a.id = ?";

constexpr std::string_view kListAttempts = "SELECT " PTDV_ATTEMPT_COLUMNS
                                           " FROM quiz_attempt a JOIN class_enrolment e"
                                           " ON e.id = a.enrolment_id WHERE e.class_id = ?"
                                           " ORDER BY a.enrolment_id, a.attempt_no";

#undef PTDV_ATTEMPT_COLUMNS

constexpr std::string_view kItemsOfAttempt =
    "SELECT i.attempt_id, i.position, i.question_id, i.chosen_option, i.correct"
    " FROM quiz_attempt_item i WHERE i.attempt_id = ? ORDER BY i.attempt_id, i.position";

constexpr std::string_view kItemsOfClass =
    "SELECT i.attempt_id, i.position, i.question_id, i.chosen_option, i.correct"
    " FROM quiz_attempt_item i JOIN quiz_attempt a ON a.id = i.attempt_id"
    " JOIN class_enrolment e ON e.id = a.enrolment_id WHERE e.class_id = ?"
    " ORDER BY i.attempt_id, i.position";

constexpr auto ReadRules = [](auto& row) -> OnlineRules {
  OnlineRules r;
  row.Read(r.class_id, r.self_study_percent, r.quiz_questions, r.quiz_pass_percent,
           r.quiz_max_attempts);
  return r;
};

constexpr auto ReadMaterial = [](auto& row) -> ClassMaterial {
  ClassMaterial m;
  row.Read(m.id, m.class_id, m.position, m.title, m.file_name, m.type, m.size_bytes, m.sha256,
           m.uploaded_by, m.uploaded_at, m.active);
  return m;
};

constexpr auto ReadQuestion = [](auto& row) -> QuizQuestion {
  QuizQuestion q;
  row.Read(q.id, q.class_id, q.position, q.text, q.correct_option, q.active);
  return q;
};

constexpr auto ReadAttempt = [](auto& row) -> QuizAttempt {
  QuizAttempt a;
  row.Read(a.id, a.enrolment_id, a.attempt_no, a.started_at, a.submitted_at, a.correct, a.total,
           a.passed);
  return a;
};

constexpr auto ReadItem = [](auto& row) -> std::pair<Id, QuizItem> {
  Id attempt_id = 0;
  QuizItem item;
  row.Read(attempt_id, item.position, item.question_id, item.chosen, item.correct);
  return {attempt_id, item};
};

}  // namespace

template <typename Db>
Result<std::optional<OnlineRules>> SqlOnlineClassRepository<Db>::GetRules(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kGetRules, class_id));
  return ReadFirst(statement, ReadRules);
}

template <typename Db>
Status SqlOnlineClassRepository<Db>::PutRules(const OnlineRules& r) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement exists,
                        connection_.Prepare(kClassExists, r.class_id));
  PTDV_ASSIGN_OR_RETURN(std::int64_t classes, ReadInt(exists));
  if (classes == 0) return Error::Invalid("Không có lớp học này", "class_id");
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kPutRules));
  statement.Bind(r.class_id, r.self_study_percent, r.quiz_questions, r.quiz_pass_percent,
                 r.quiz_max_attempts);
  return statement.Run();
}

template <typename Db>
Result<Id> SqlOnlineClassRepository<Db>::InsertMaterial(const ClassMaterial& m,
                                                        std::string_view content) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertMaterial));
  statement.Bind(m.class_id, m.position, m.title, m.file_name, m.type, m.size_bytes, m.sha256,
                 m.uploaded_by, m.uploaded_at, m.active);
  statement.BindBlob(content);
  return InsertReturningId(statement);
}

template <typename Db>
Result<std::vector<ClassMaterial>> SqlOnlineClassRepository<Db>::ListMaterials(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListMaterials, class_id));
  return ReadAll(statement, ReadMaterial);
}

template <typename Db>
Result<std::pair<ClassMaterial, std::string>> SqlOnlineClassRepository<Db>::GetMaterialWithContent(
    Id class_id, Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kGetMaterial, class_id, id));
  return ReadOne(
      statement,
      [&statement](auto& row) {
        ClassMaterial m = ReadMaterial(row);
        return std::pair<ClassMaterial, std::string>(std::move(m), std::string(statement.Blob(11)));
      },
      kMaterialNoun, id);
}

template <typename Db>
Status SqlOnlineClassRepository<Db>::UpdateMaterial(const ClassMaterial& m) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdateMaterial));
  statement.Bind(m.position, m.active, m.id);
  return RunChangingRow(statement, kMaterialNoun, m.id);
}

template <typename Db>
Result<bool> SqlOnlineClassRepository<Db>::MarkMaterialDone(Id enrolment_id, Id material_id,
                                                            std::chrono::sys_seconds at) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kMarkDone));
  statement.Bind(enrolment_id, material_id, at);
  PTDV_ASSIGN_OR_RETURN(int changed, statement.RunCountingChanges());
  return changed == 1;
}

template <typename Db>
Result<std::vector<std::pair<Id, Id>>> SqlOnlineClassRepository<Db>::ListMaterialsDone(
    Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kListDone, class_id));
  return ReadAll(statement, [](auto& row) -> std::pair<Id, Id> {
    Id enrolment = row.Int64();
    return {enrolment, row.Int64()};
  });
}

template <typename Db>
Result<Id> SqlOnlineClassRepository<Db>::InsertQuestion(const QuizQuestion& q) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertQuestion));
  statement.Bind(q.class_id, q.position, q.text, q.correct_option, q.active);
  PTDV_ASSIGN_OR_RETURN(Id id, InsertReturningId(statement));
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement option, connection_.Prepare(kInsertOption));
    option.Bind(id, static_cast<int>(i + 1), q.options[i]);
    PTDV_RETURN_IF_ERROR(option.Run());
  }
  return id;
}

template <typename Db>
Result<std::vector<QuizQuestion>> SqlOnlineClassRepository<Db>::ListQuestions(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListQuestions, class_id));
  PTDV_ASSIGN_OR_RETURN(std::vector<QuizQuestion> questions, ReadAll(statement, ReadQuestion));
  std::map<Id, QuizQuestion*> by_id;
  for (QuizQuestion& q : questions) by_id[q.id] = &q;
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement options,
                        connection_.Prepare(kListOptions, class_id));
  PTDV_RETURN_IF_ERROR(ForEachRow(options, [&by_id](auto& row) {
    Id question = row.Int64();
    std::string text = row.Text();
    if (auto found = by_id.find(question); found != by_id.end()) {
      found->second->options.push_back(std::move(text));
    }
  }));
  return questions;
}

template <typename Db>
Status SqlOnlineClassRepository<Db>::SetQuestionActive(Id id, bool active) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kSetQuestionActive));
  statement.Bind(active, id);
  return RunChangingRow(statement, kQuestionNoun, id);
}

template <typename Db>
Result<Id> SqlOnlineClassRepository<Db>::InsertAttempt(const QuizAttempt& a) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kInsertAttempt));
  statement.Bind(a.enrolment_id, a.attempt_no, a.started_at, static_cast<int>(a.items.size()));
  PTDV_ASSIGN_OR_RETURN(Id id, InsertReturningId(statement));
  for (const QuizItem& item : a.items) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement insert, connection_.Prepare(kInsertItem));
    insert.Bind(id, item.position, item.question_id);
    PTDV_RETURN_IF_ERROR(insert.Run());
  }
  return id;
}

template <typename Db>
Status SqlOnlineClassRepository<Db>::UpdateAttempt(const QuizAttempt& a) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kUpdateAttempt));
  statement.Bind(a.submitted_at, a.correct, a.total, a.passed, a.id);
  PTDV_RETURN_IF_ERROR(RunChangingRow(statement, kAttemptNoun, a.id));
  for (const QuizItem& item : a.items) {
    PTDV_ASSIGN_OR_RETURN(typename Db::Statement update, connection_.Prepare(kUpdateItem));
    update.Bind(item.chosen, item.correct, a.id, item.position);
    PTDV_RETURN_IF_ERROR(RunChangingRow(update, kAttemptNoun, a.id));
  }
  return Ok();
}

template <typename Db>
Status SqlOnlineClassRepository<Db>::LoadItems(std::vector<QuizAttempt>& attempts,
                                               std::string_view sql, Id key) {
  std::map<Id, QuizAttempt*> by_id;
  for (QuizAttempt& a : attempts) by_id[a.id] = &a;
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(sql, key));
  return ForEachRow(statement, [&by_id](auto& row) {
    auto [attempt_id, item] = ReadItem(row);
    if (auto found = by_id.find(attempt_id); found != by_id.end()) {
      found->second->items.push_back(item);
    }
  });
}

template <typename Db>
Result<QuizAttempt> SqlOnlineClassRepository<Db>::GetAttempt(Id id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement, connection_.Prepare(kGetAttempt, id));
  PTDV_ASSIGN_OR_RETURN(QuizAttempt attempt, ReadOne(statement, ReadAttempt, kAttemptNoun, id));
  std::vector<QuizAttempt> one{std::move(attempt)};
  PTDV_RETURN_IF_ERROR(LoadItems(one, kItemsOfAttempt, id));
  return std::move(one.front());
}

template <typename Db>
Result<std::vector<QuizAttempt>> SqlOnlineClassRepository<Db>::ListAttempts(Id class_id) {
  PTDV_ASSIGN_OR_RETURN(typename Db::Statement statement,
                        connection_.Prepare(kListAttempts, class_id));
  PTDV_ASSIGN_OR_RETURN(std::vector<QuizAttempt> attempts, ReadAll(statement, ReadAttempt));
  PTDV_RETURN_IF_ERROR(LoadItems(attempts, kItemsOfClass, class_id));
  return attempts;
}

template class SqlOnlineClassRepository<SqliteConnection>;
template class SqlOnlineClassRepository<PgConnection>;

}  // namespace ptdv
