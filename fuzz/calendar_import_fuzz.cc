// The calendar import (service/reference_data.h ImportCalendar, `ptdv calendar import`) on any
// file, into one SQLite database kept across inputs: a refused file changes nothing; an accepted
// one stores every year exactly as read.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_file.h"
#include "fuzz/fuzz_check.h"
#include "service/clock.h"
#include "service/reference_data.h"
#include "storage/store.h"

namespace ptdv::fuzz {
namespace {

class ImportWorld {
 public:
  ImportWorld() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ptdv-fuzz-calendar-XXXXXX").string();
    Check(mkdtemp(pattern.data()) != nullptr, "temporary directory");
    dir_ = pattern;
    auto store = OpenStore((dir_ / "calendar.db").string());
    Check(store.ok(), "the database opens");
    store_ = std::move(store).value();
    Check(store_->Migrate().ok(), "the database migrates");
  }
  ~ImportWorld() { std::filesystem::remove_all(dir_); }

  std::vector<CalendarYear> StoredYears() {
    auto tx = store_->Begin(Access::kReadOnly);
    Check(tx.ok(), "a read transaction");
    auto years = (*tx)->Calendar().ListYears();
    Check(years.ok(), "the stored years load");
    return std::move(years).value();
  }

  void Import(std::string_view text) {
    std::vector<CalendarYear> before = StoredYears();
    Result<int> imported = ImportCalendar(*store_, clock_, "fuzz", text);
    std::vector<CalendarYear> after = StoredYears();
    if (!imported.ok()) {
      Check(imported.error().code == ErrorCode::kInvalid, "a bad file is kInvalid");
      Check(after == before, "a refused file changes nothing");
      return;
    }
    Result<std::vector<CalendarYear>> parsed = ParseCalendarFile(text);
    Check(parsed.ok() && *imported == static_cast<int>(parsed->size()), "every year is imported");
    // A year's days are a set: the store gives them in date order, the file in its own.
    for (CalendarYear year : *parsed) {
      std::sort(year.days.begin(), year.days.end(),
                [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
      bool stored = false;
      for (const CalendarYear& s : after) stored = stored || s == year;
      Check(stored, "an imported year is stored as read");
    }
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
};

}  // namespace
}  // namespace ptdv::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ptdv::fuzz::ImportWorld world;  // one database for the run, removed at exit
  world.Import(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
