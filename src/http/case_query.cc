#include "http/case_query.h"

#include <algorithm>

#include "http/api_params.h"

namespace ptdv::http {

Result<CaseQuery> ParseCaseQuery(const Request& request, const Clock& clock) {
  PTDV_RETURN_IF_ERROR(CheckQueryKeys(request, {"org", "stage", "category", "due", "q", "open",
                                                "sort", "order", "page", "page_size", "on"}));
  CaseQuery q;
  PTDV_ASSIGN_OR_RETURN(q.on, QueryDate(request, "on", clock.Today()));
  PTDV_ASSIGN_OR_RETURN(q.stage, QueryCode(request, "stage", StageFromCode));
  PTDV_ASSIGN_OR_RETURN(q.category, QueryCode(request, "category", SourceCategoryFromCode));
  if (auto due = request.Query("due"); due && !due->empty()) {
    if (*due == "overdue") {
      q.due = CaseDue::kOverdue;
    } else if (*due == "due_soon") {
      q.due = CaseDue::kDueSoon;
    } else if (*due == "blocked") {
      q.due = CaseDue::kBlocked;
    } else {
      return Error::Invalid("«due» phải là overdue, due_soon hoặc blocked", "due");
    }
  }
  if (auto open = request.Query("open")) {
    if (*open != "true" && *open != "false") {
      return Error::Invalid("«open» phải là true hoặc false", "open");
    }
    q.open_only = *open == "true";
  }
  if (auto text = request.Query("q")) q.text = std::string(*text);
  if (auto sort = request.Query("sort"); sort && !sort->empty()) {
    static constexpr std::pair<std::string_view, CaseSort> kSorts[] = {
        {"id", CaseSort::kId},
        {"next_deadline", CaseSort::kNextDeadline},
        {"opened_on", CaseSort::kOpenedOn},
        {"person_name", CaseSort::kPersonName},
        {"stage", CaseSort::kStage}};
    auto it = std::find_if(std::begin(kSorts), std::end(kSorts),
                           [&](const auto& s) { return s.first == *sort; });
    if (it == std::end(kSorts)) {
      return Error::Invalid("«sort» phải là id, next_deadline, opened_on, person_name hoặc stage",
                            "sort");
    }
    q.sort = it->second;
  }
  if (auto order = request.Query("order"); order && !order->empty()) {
    if (*order != "asc" && *order != "desc") {
      return Error::Invalid("«order» phải là asc hoặc desc", "order");
    }
    q.descending = *order == "desc";
  }
  PTDV_ASSIGN_OR_RETURN(q.page, QueryInt(request, "page", 1, 1, 1 << 30));
  PTDV_ASSIGN_OR_RETURN(q.page_size,
                        QueryInt(request, "page_size", 50, 1, CaseQuery::kMaxPageSize));
  return q;
}

}  // namespace ptdv::http
