#pragma once

// The repositories' SQL is written once, in SQLite's spelling (storage/sql/); PostgresSqlOf
// rewrites the little that PostgreSQL spells differently. Only storage/postgres/ includes this
// header.

#include <string>
#include <string_view>

namespace ptdv {

// `sql`, written for SQLite, as PostgreSQL spells it:
//   ?NNN        -> $NNN
//   ?           -> $k, k one more than the largest parameter number before it (SQLite's rule,
//                  so `?1 … ? …` numbers the second one 2)
//   temp.ptdv_  -> pg_temp.ptdv_ (the IdSet tables, storage/sql/sql_row.h), after a character
//                  that cannot end a name
// Text inside '…' literals, "…" identifiers, -- and /* */ comments is copied as it is; so is
// everything else: the rest of the SQL must mean the same in both dialects.
std::string PostgresSqlOf(std::string_view sql);

}  // namespace ptdv
