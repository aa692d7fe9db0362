#pragma once

// Reading the lists an office keeps in Excel (DOMAIN §2, §8): a header row and rows of text.
// The headers are matched to fields by the words offices use (synonyms, without case or
// diacritics); each row is read into a person (and what the kind of list adds) or into errors
// naming the row, the column as written in the file, the problem in Vietnamese and the rule that
// refuses it. Nothing here reads storage: units, people already recorded and the writing are the
// service's (service/import_service.h).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/rule_code.h"
#include "domain/rule_set.h"

namespace ptdv {

enum class ImportKind {
  kSources,  // S0: people and their cases at the sources step
  kMembers,  // official and probationary members of the cells (S9 / P4 denominators)
  kCases,    // cases in progress: the dates of the steps done (S0-S13, P2)
};
std::string_view ImportKindCode(ImportKind kind);  // "sources", "members", "cases"
std::optional<ImportKind> ImportKindFromCode(std::string_view code);

// A field of a list: its key, its Vietnamese label and the other headers offices write for it.
struct ImportField {
  std::string_view key;
  std::string_view label;
  bool required = false;
  std::span<const std::string_view> synonyms;  // diacritic-free, lower case
};
std::span<const ImportField> ImportFields(ImportKind kind);

// A list as it arrives: the header row and the data rows, every cell as text.
struct ImportSheet {
  ImportKind kind = ImportKind::kSources;
  std::string file_name;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// Which header of the file a field was read from (header empty, index -1: missing).
struct ImportColumn {
  std::string header;
  std::string_view key;
  std::string_view label;
  bool required = false;
  int index = -1;
};

struct ImportRowError {
  int row = 0;         // of the sheet, the header being row 1
  std::string column;  // the header as written, or the label of a missing column
  std::string message;
  std::optional<RuleCode> rule;
};

// A step of a case in progress, done before the list was loaded.
struct ImportedStep {
  Action action = Action::kMarkSympathiser;
  Date date{};
  std::string number;               // the certificate's or the admission decision's number
  std::optional<Date> received_on;  // kAdmissionDecision: the day the cell received it (S13)
};

// One data row as read.
struct ImportedRow {
  int row = 0;       // of the sheet
  Person person;     // full name, birth date, sex, ID number and the optional particulars
  std::string cell;  // the cell's code or name as written
  SourceCategory category = SourceCategory::kOther;  // sources, cases
  std::optional<Date> listed_on;                     // sources, cases: put on the list of sources
  std::optional<Date> joined_on;                     // members: admission (ceremony) date
  std::optional<Date> official_on;                   // members: official since
  std::vector<ImportedStep> steps;                   // cases: in the order of the procedure
  Stage stage = Stage::kSource;                      // cases: the step the case is at
};

struct ReadSheet {
  std::vector<ImportColumn> columns;         // one per field of the kind, in its order
  std::vector<std::string> ignored_headers;  // headers matching no field
  std::vector<ImportedRow> rows;             // the rows without errors
  std::vector<ImportRowError> errors;        // by row
  int row_count = 0;                         // data rows read (blank rows left out)
};

// Reads `sheet` on `today`. A missing required column is an error of row 1 and no row is read;
// otherwise every row is read, a row with any error left out of `rows`. Row checks: required
// values, dates (dd/mm/yyyy or yyyy-mm-dd; not in the future), sex (Nam/Nữ), the ID number
// (9 or 12 digits) and its repetition within the file, the source category by its label; for
// members R1 (at least `min_age_months` old when admitted, by the rule set in force then) and
// an official date after admission; for cases, that each step dated has the step it needs
// before it (a dossier its certificate, R3; a vote its dossier, S2; a decision the cell's vote,
// S9; a ceremony its decision, S12 …), that the steps follow one another in time, R1 at the
// cell's vote and R3 (the certificate still valid on the day of the cell's vote). Whether the
// cell has an intermediate or grassroots level (S10, S11) is the service's to check.

ReadSheet ReadImportSheet(const ImportSheet& sheet, const std::vector<RuleSet>& rule_sets,
                          Date today);

// The words of a header or a label as compared: diacritic-free, lower case, punctuation and
// repeated spaces removed ("Số CCCD (*)" → "so cccd").
std::string HeaderKey(std::string_view header);

}  // namespace ptdv
