#pragma once

#include "storage/sqlite/sqlite_repository.h"

namespace ptdv {

// CalendarRepository on an open SQLite transaction. Day kinds are stored as "holiday" /
// "workday" (the CHECK in migrations/sqlite/0001_init.sql lists the same codes).
class SqliteCalendarRepository final : public SqliteRepository<CalendarRepository> {
 public:
  using SqliteRepository::SqliteRepository;

  // kConflict when `year.days` lists a date twice.
  Status PutYear(const CalendarYear& year) override;
  // Ordered by year, days by date. Two queries in all.
  Result<std::vector<CalendarYear>> ListYears() override;
};

}  // namespace ptdv
