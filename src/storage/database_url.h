#pragma once

// The database URLs that OpenStore() (storage/store.h) takes, read in one place.

#include <string>
#include <string_view>

#include "domain/result.h"

namespace ptdv {

// Whether `url` names a PostgreSQL database ("postgresql://…" or "postgres://…").
bool IsPostgresUrl(std::string_view url);

// The connections a PostgreSQL store keeps open at most (PgOptions::max_connections); `serve`
// runs as many request handlers by default, since each waits on the network for its queries.
inline constexpr int kPostgresConnections = 8;

// The file of a SQLite database URL: "sqlite:PATH", "sqlite://PATH" or a bare PATH. kInvalid for
// an empty path or another kind of URL (one with "://", PostgreSQL's included).
Result<std::string> SqlitePathOf(std::string_view url);

}  // namespace ptdv
