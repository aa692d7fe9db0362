#pragma once

#include "storage/store.h"

namespace ptdv {

class SqliteConnection;

// CalendarRepository on an open SQLite transaction. Day kinds are stored as "holiday" /
// "workday" (the CHECK in migrations/sqlite/0001_init.sql lists the same codes).
class SqliteCalendarRepository final : public CalendarRepository {
 public:
  explicit SqliteCalendarRepository(SqliteConnection& connection) : connection_(connection) {}

  // kConflict when `year.days` lists a date twice.
  Status PutYear(const CalendarYear& year) override;
  // Ordered by year, days by date. Two queries in all.
  Result<std::vector<CalendarYear>> ListYears() override;

 private:
  SqliteConnection& connection_;
};

}  // namespace ptdv
