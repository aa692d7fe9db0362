#pragma once

// A CSV file as a list to import (domain/import_sheet.h): UTF-8 with or without a byte-order
// mark, fields separated by commas or semicolons (the one the header line holds more of: Excel
// writes semicolons where the comma is the decimal mark), quoted fields with "" escapes. Parsed
// by libcsv; only the app includes this.

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace ptdv {

struct CsvSheet {
  std::vector<std::string> headers;            // the first line
  std::vector<std::vector<std::string>> rows;  // the others
};

// kInvalid for text that is not UTF-8 or a malformed quote.
Result<CsvSheet> ReadCsvSheet(std::string_view text);

}  // namespace ptdv
