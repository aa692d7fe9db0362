#pragma once

// The errors every SQL backend's repositories answer with besides the driver's own (which each
// backend translates once: sqlite_error.h, pg_error.h).

#include <string_view>

#include "domain/model.h"
#include "domain/result.h"

namespace ptdv {

// "Không tìm thấy <what> (mã <id>)": the kNotFound of a lookup by id that found no row.
Error RowNotFound(std::string_view what, Id id);
Error RowNotFound(std::string_view what, std::string_view key);

// A stored value that the code cannot decode (an unknown enum code, a malformed date): the
// database was written by a newer version or edited by hand. kUnavailable.
Error CorruptValue(std::string_view table_column, std::string_view value);

}  // namespace ptdv
