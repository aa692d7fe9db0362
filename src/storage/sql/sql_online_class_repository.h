#pragma once

#include "storage/store.h"

namespace ptdv {

// OnlineClassRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h).
template <typename Db>
class SqlOnlineClassRepository final : public OnlineClassRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlOnlineClassRepository(Db& connection) : connection_(connection) {}

  Result<std::optional<OnlineRules>> GetRules(Id class_id) override;
  Status PutRules(const OnlineRules& rules) override;
  Result<Id> InsertMaterial(const ClassMaterial& material, std::string_view content) override;
  Result<std::vector<ClassMaterial>> ListMaterials(Id class_id) override;
  Result<std::pair<ClassMaterial, std::string>> GetMaterialWithContent(Id class_id, Id id) override;
  Status UpdateMaterial(const ClassMaterial& material) override;
  Result<bool> MarkMaterialDone(Id enrolment_id, Id material_id,
                                std::chrono::sys_seconds at) override;
  Result<std::vector<std::pair<Id, Id>>> ListMaterialsDone(Id class_id) override;
  Result<Id> InsertQuestion(const QuizQuestion& question) override;
  Result<std::vector<QuizQuestion>> ListQuestions(Id class_id) override;
  Status SetQuestionActive(Id id, bool active) override;
  Result<Id> InsertAttempt(const QuizAttempt& attempt) override;
  Status UpdateAttempt(const QuizAttempt& attempt) override;
  Result<QuizAttempt> GetAttempt(Id id) override;
  Result<std::vector<QuizAttempt>> ListAttempts(Id class_id) override;

 private:
  // Fills the items of `attempts` (ids set) in one query per call.
  Status LoadItems(std::vector<QuizAttempt>& attempts, std::string_view sql, Id key);

  Db& connection_;
};

}  // namespace ptdv
