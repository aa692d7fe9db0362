#pragma once

#include "storage/store.h"

namespace ptdv {

// CalendarRepository on an open transaction of a `Db` connection (storage/sql/sql_query.h). Day
// kinds are stored as "holiday" / "workday" (the CHECK in migrations/sqlite/0001_init.sql lists the
// same codes).
template <typename Db>
class SqlCalendarRepository final : public CalendarRepository {
 public:
  // `connection` must outlive the repository.
  explicit SqlCalendarRepository(Db& connection) : connection_(connection) {}

  // kConflict when `year.days` lists a date twice.
  Status PutYear(const CalendarYear& year) override;
  // Ordered by year, days by date. Two queries in all.
  Result<std::vector<CalendarYear>> ListYears() override;

 private:
  Db& connection_;
};

}  // namespace ptdv
