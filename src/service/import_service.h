#pragma once

// Loading the lists an office keeps in Excel (domain/import_sheet.h): check every row against
// what is recorded, then load all of them in one transaction or none. A row whose person (by
// ID number, the natural key) is already recorded with the same name and birth date, and already
// holds what the row says (a case; a membership of that cell; an open case at that step), is left
// unchanged, so loading the same file twice changes nothing.

#include <map>
#include <string>
#include <vector>

#include "domain/import_sheet.h"
#include "domain/rule_set.h"
#include "service/actor.h"
#include "service/calendar_provider.h"
#include "service/clock.h"
#include "storage/store.h"

namespace ptdv {

struct ImportReport {
  ImportKind kind = ImportKind::kSources;
  int rows = 0;       // data rows read
  int fresh = 0;      // rows that load something new
  int unchanged = 0;  // rows already recorded
  int created = 0;    // rows loaded by this call
  bool committed = false;
  std::vector<ImportRowError> errors;  // by row
  std::vector<ImportColumn> columns;
  std::vector<std::string> ignored_headers;
  std::map<Stage, int> stages;  // cases: the new rows by the step they are at
};

// Thread-safe if the Store is.
class ImportService {
 public:
  // `store`, `calendars` and `clock` must outlive the service.
  ImportService(Store& store, std::vector<RuleSet> rule_sets, const CalendarProvider& calendars,
                const Clock& clock);

  // The report of loading `sheet` (nothing written). Beyond the row checks of ReadImportSheet:
  // the cell (by code or name) must be a cell of the actor's subtree; an ID number recorded for
  // someone else (another name or birth date, or outside the actor's subtree) is refused without
  // saying whom; a member already in another cell is refused; a case in progress must fit its
  // cell's levels (S10 only under an intermediate committee, S11 unless the cell is grassroots)
  // and its person must not hold an open case at another step, nor be a member already.
  // kForbidden without write_people.
  Result<ImportReport> Check(const Actor& actor, const ImportSheet& sheet);

  // Check, then, when no row has an error, loads every new row in one transaction: the person
  // (audited "person.create"), and the case at the sources step ("case.open", S0), or the
  // memberships ("membership.create": probationary from the admission, official from the
  // official date), or the case in progress with an event per step done, its stage and
  // deadlines projected from them as when each step is recorded ("case.import"; from a ceremony
  // the probationary membership, S13), and one "import.load" entry naming the file and the
  // counts. With errors, nothing is written and the report says committed = false.
  Result<ImportReport> Load(const Actor& actor, const ImportSheet& sheet);

 private:
  Result<ImportReport> Run(const Actor& actor, const ImportSheet& sheet, bool load);

  Store& store_;
  std::vector<RuleSet> rule_sets_;
  const CalendarProvider& calendars_;
  const Clock& clock_;
};

}  // namespace ptdv
