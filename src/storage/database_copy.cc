#include "storage/database_copy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/database_url.h"
#include "storage/migrator.h"
#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_query.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/store.h"

namespace ptdv {
namespace {

// Every table of the schema in an order that satisfies the foreign keys (a unit's parent and
// successor are its own table's: checked when the table is whole). `bytes`: the column holding
// bytes (BLOB, bytea) rather than text. SQLite's person_name is not here: an index of person,
// rebuilt on the target. `seeded`: the schema's migrations put a row of their own in it
// (audit_keying's cut-over), which the target's copy replaces.
struct TableSpec {
  std::string_view name;
  std::string_view bytes = {};
  bool seeded = false;
};
constexpr std::array<TableSpec, 35> kTables = {{
    {"organisation"},
    {"organisation_version"},
    {"mass_organisation"},
    {"person"},
    {"previous_membership"},
    {"membership"},
    {"admission_case"},
    {"case_event"},
    {"case_document"},
    {"case_attachment", "content"},
    {"nomination"},
    {"case_opinion"},
    {"candidate_link"},
    {"calendar_year"},
    {"calendar_day"},
    {"rule_set"},
    {"rule_parameter"},
    {"user_account"},
    {"digest_subscription"},
    {"user_session"},
    {"training_class"},
    {"class_enrolment"},
    {"class_attendance"},
    {"class_online"},
    {"class_material", "content"},
    {"class_material_done"},
    {"quiz_question"},
    {"quiz_option"},
    {"quiz_attempt"},
    {"quiz_attempt_item"},
    {"admission_target"},
    {"source_review"},
    {"audit_log"},
    {"audit_keying", {}, true},
    {"unit_change"},
}};

using Value = std::optional<std::string>;  // nullopt: NULL
using Row = std::vector<Value>;
using Columns = std::vector<std::string>;

// The position of `table`'s bytes column among `columns`; -1 when it has none.
int BytesColumn(const TableSpec& table, const Columns& columns) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == table.bytes) return static_cast<int>(c);
  }
  return -1;
}

std::string CountSql(const TableSpec& table) {
  return fmt::format("SELECT COUNT(*) FROM {}", table.name);
}

// Removes the rows the schema seeded (TableSpec::seeded), with the triggers off.
template <typename Db>
Status ClearSeeded(Db& connection) {
  for (const TableSpec& table : kTables) {
    if (!table.seeded) continue;
    PTDV_RETURN_IF_ERROR(connection.Execute(fmt::format("DELETE FROM {}", table.name)));
  }
  return Ok();
}

// One side's rows, read in one snapshot.
class Source {
 public:
  virtual ~Source() = default;
  virtual Result<long> Count(const TableSpec& table) = 0;
  // `columns` once, then `each` for every row.
  virtual Status Read(const TableSpec& table, const std::function<Status(const Columns&)>& columns,
                      const std::function<Status(const Row&)>& each) = 0;
};

// The other side, written in one transaction.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Begin() = 0;
  virtual Status StartTable(const TableSpec& table, const Columns& columns) = 0;
  virtual Status Put(const Row& row) = 0;
  virtual Status EndTable() = 0;
  virtual Status Commit() = 0;
  // After Commit().
  virtual Result<long> Count(const TableSpec& table) = 0;
};

// ---------------------------------------------------------------------------------------------
// SQLite

class SqliteSource final : public Source {
 public:
  explicit SqliteSource(std::unique_ptr<SqliteConnection> connection)
      : connection_(std::move(connection)) {}

  static Result<std::unique_ptr<Source>> Open(const std::string& path) {
    if (!std::filesystem::exists(path)) {
      return Error::NotFound(fmt::format("Không có tệp cơ sở dữ liệu {}", path));
    }
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> connection,
                          SqliteConnection::Open(path, SqliteOptions{}));
    PTDV_RETURN_IF_ERROR(connection->Run("BEGIN"));
    return std::unique_ptr<Source>(new SqliteSource(std::move(connection)));
  }

  Result<long> Count(const TableSpec& table) override {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_->Prepare(CountSql(table)));
    return ReadInt(statement);
  }

  Status Read(const TableSpec& table, const std::function<Status(const Columns&)>& columns,
              const std::function<Status(const Row&)>& each) override {
    PTDV_ASSIGN_OR_RETURN(SqliteStatement statement,
                          connection_->Prepare(fmt::format("SELECT * FROM {}", table.name)));
    Columns names;
    for (int c = 0; c < statement.ColumnCount(); ++c) {
      names.emplace_back(statement.ColumnName(c));
    }
    PTDV_RETURN_IF_ERROR(columns(names));
    const int bytes_column = BytesColumn(table, names);
    Row row(names.size());
    while (true) {
      PTDV_ASSIGN_OR_RETURN(bool has_row, statement.Step());
      if (!has_row) return Ok();
      for (std::size_t c = 0; c < names.size(); ++c) {
        const int column = static_cast<int>(c);
        if (statement.IsNull(column)) {
          row[c].reset();
        } else {
          row[c] =
              std::string(column == bytes_column ? statement.Blob(column) : statement.Text(column));
        }
      }
      PTDV_RETURN_IF_ERROR(each(row));
    }
  }

 private:
  std::unique_ptr<SqliteConnection> connection_;
};

// Rows go in through plain INSERTs with the foreign keys checked once at the end and the
// triggers dropped meanwhile (SQLite cannot disable them; dropping is transactional) and made
// again before COMMIT.
class SqliteSink final : public Sink {
 public:
  explicit SqliteSink(std::unique_ptr<SqliteConnection> connection)
      : connection_(std::move(connection)) {}

  static Result<std::unique_ptr<Sink>> Open(const std::string& path) {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> connection,
                          SqliteConnection::Open(path, SqliteOptions{}));
    return std::unique_ptr<Sink>(new SqliteSink(std::move(connection)));
  }

  Status Begin() override {
    // Outside a transaction, where SQLite takes it into account.
    PTDV_RETURN_IF_ERROR(connection_->Execute("PRAGMA foreign_keys = OFF"));
    PTDV_RETURN_IF_ERROR(connection_->Run("BEGIN IMMEDIATE"));
    {
      PTDV_ASSIGN_OR_RETURN(SqliteStatement statement,
                            connection_->Prepare("SELECT name, sql FROM sqlite_master "
                                                 "WHERE type = 'trigger' ORDER BY name"));
      PTDV_ASSIGN_OR_RETURN(triggers_, ReadAll(statement, [](auto& row) {
                              std::string name = row.Text();
                              return std::pair{std::move(name), row.Text()};
                            }));
    }
    for (const auto& [name, sql] : triggers_) {
      PTDV_RETURN_IF_ERROR(connection_->Execute(fmt::format("DROP TRIGGER {}", name)));
    }
    return ClearSeeded(*connection_);
  }

  Status StartTable(const TableSpec& table, const Columns& columns) override {
    bytes_column_ = BytesColumn(table, columns);
    std::string placeholders;
    for (std::size_t c = 0; c < columns.size(); ++c) placeholders += c == 0 ? "?" : ", ?";
    PTDV_ASSIGN_OR_RETURN(
        SqliteStatement statement,
        connection_->Prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", table.name,
                                         fmt::join(columns, ", "), placeholders)));
    insert_.emplace(std::move(statement));
    return Ok();
  }

  Status Put(const Row& row) override {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!row[c]) {
        insert_->BindNull();
      } else if (static_cast<int>(c) == bytes_column_) {
        insert_->BindBlob(*row[c]);
      } else {
        insert_->BindText(*row[c]);  // INTEGER columns take numeric text as integers
      }
    }
    Status inserted = insert_->Run();
    insert_->Reset();
    return inserted;
  }

  Status EndTable() override {
    insert_.reset();
    return Ok();
  }

  Status Commit() override {
    PTDV_RETURN_IF_ERROR(
        connection_->Execute("INSERT INTO person_name (person_name) VALUES ('rebuild')"));
    for (const auto& [name, sql] : triggers_) PTDV_RETURN_IF_ERROR(connection_->Execute(sql));
    {
      PTDV_ASSIGN_OR_RETURN(SqliteStatement check,
                            connection_->Prepare("PRAGMA foreign_key_check"));
      PTDV_ASSIGN_OR_RETURN(bool broken, check.Step());
      if (broken) {
        return Error::Unavailable(
            fmt::format("Dữ liệu nguồn có tham chiếu hỏng (bảng {}): không chép", check.Text(0)));
      }
    }
    PTDV_RETURN_IF_ERROR(connection_->Run("COMMIT"));
    return connection_->Execute("PRAGMA foreign_keys = ON");
  }

  Result<long> Count(const TableSpec& table) override {
    PTDV_RETURN_IF_ERROR(connection_->Run("BEGIN"));
    Result<std::int64_t> count = [&]() -> Result<std::int64_t> {
      PTDV_ASSIGN_OR_RETURN(SqliteStatement statement, connection_->Prepare(CountSql(table)));
      return ReadInt(statement);
    }();
    PTDV_RETURN_IF_ERROR(connection_->Run("COMMIT"));
    return count;
  }

 private:
  std::unique_ptr<SqliteConnection> connection_;
  std::vector<std::pair<std::string, std::string>> triggers_;  // (name, CREATE TRIGGER …)
  std::optional<SqliteStatement> insert_;
  int bytes_column_ = -1;
};

// ---------------------------------------------------------------------------------------------
// PostgreSQL

// bytea's text form, \x and two hex digits a byte.
std::string HexBytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

Result<std::string> BytesOfHex(std::string_view text) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (!text.starts_with("\\x") || text.size() % 2 != 0) {
    return Error::Unavailable("Giá trị bytea không đọc được");
  }
  std::string out;
  out.reserve(text.size() / 2 - 1);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int high = nibble(text[i]), low = nibble(text[i + 1]);
    if (high < 0 || low < 0) return Error::Unavailable("Giá trị bytea không đọc được");
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

// A field of COPY's text format.
void AppendCopyField(std::string& line, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        line += "\\\\";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      case '\t':
        line += "\\t";
        break;
      default:
        line += c;
    }
  }
}

class PgSource final : public Source {
 public:
  explicit PgSource(std::unique_ptr<PgConnection> connection)
      : connection_(std::move(connection)) {}

  static Result<std::unique_ptr<Source>> Open(const std::string& url) {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, PgConnection::Open(url));
    PTDV_RETURN_IF_ERROR(connection->Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    return std::unique_ptr<Source>(new PgSource(std::move(connection)));
  }

  Result<long> Count(const TableSpec& table) override {
    PTDV_ASSIGN_OR_RETURN(PgResult result, connection_->Query(CountSql(table)));
    return result.Int(0, 0);
  }

  // Through a cursor, a few thousand rows at a time: a table of millions never sits in memory.
  Status Read(const TableSpec& table, const std::function<Status(const Columns&)>& columns,
              const std::function<Status(const Row&)>& each) override {
    PTDV_RETURN_IF_ERROR(connection_->Execute(
        fmt::format("DECLARE ptdv_copy NO SCROLL CURSOR FOR SELECT * FROM {}", table.name)));
    bool first = true;
    int bytes_column = -1;
    Row row;
    while (true) {
      PTDV_ASSIGN_OR_RETURN(PgResult batch, connection_->Query("FETCH 5000 FROM ptdv_copy"));
      if (first) {
        Columns names;
        for (int c = 0; c < batch.columns(); ++c) names.emplace_back(batch.ColumnName(c));
        bytes_column = BytesColumn(table, names);
        PTDV_RETURN_IF_ERROR(columns(names));
        row.resize(names.size());
        first = false;
      }
      if (batch.rows() == 0) break;
      for (int r = 0; r < batch.rows(); ++r) {
        for (int c = 0; c < batch.columns(); ++c) {
          if (batch.IsNull(r, c)) {
            row[c].reset();
          } else if (c == bytes_column) {
            PTDV_ASSIGN_OR_RETURN(row[c], BytesOfHex(batch.Text(r, c)));
          } else {
            row[c] = std::string(batch.Text(r, c));
          }
        }
        PTDV_RETURN_IF_ERROR(each(row));
      }
    }
    return connection_->Execute("CLOSE ptdv_copy");
  }

 private:
  std::unique_ptr<PgConnection> connection_;
};

// COPY … FROM STDIN per table, the user triggers disabled meanwhile (the owner of the tables
// may; the foreign keys' own triggers stay on and check each table when its COPY ends).
class PgSink final : public Sink {
 public:
  explicit PgSink(std::unique_ptr<PgConnection> connection) : connection_(std::move(connection)) {}

  static Result<std::unique_ptr<Sink>> Open(const std::string& url) {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection, PgConnection::Open(url));
    return std::unique_ptr<Sink>(new PgSink(std::move(connection)));
  }

  Status Begin() override {
    PTDV_RETURN_IF_ERROR(connection_->Run("BEGIN"));
    for (const TableSpec& table : kTables) {
      PTDV_RETURN_IF_ERROR(
          connection_->Execute(fmt::format("ALTER TABLE {} DISABLE TRIGGER USER", table.name)));
    }
    return ClearSeeded(*connection_);
  }

  Status StartTable(const TableSpec& table, const Columns& columns) override {
    bytes_column_ = BytesColumn(table, columns);
    buffer_.clear();
    return connection_->BeginCopy(
        fmt::format("COPY {} ({}) FROM STDIN", table.name, fmt::join(columns, ", ")));
  }

  Status Put(const Row& row) override {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) buffer_ += '\t';
      if (!row[c]) {
        buffer_ += "\\N";
      } else if (static_cast<int>(c) == bytes_column_) {
        AppendCopyField(buffer_, HexBytes(*row[c]));
      } else {
        AppendCopyField(buffer_, *row[c]);
      }
    }
    buffer_ += '\n';
    if (buffer_.size() < kFlushBytes) return Ok();
    Status sent = connection_->CopyData(buffer_);
    buffer_.clear();
    return sent;
  }

  Status EndTable() override {
    if (!buffer_.empty()) PTDV_RETURN_IF_ERROR(connection_->CopyData(buffer_));
    buffer_.clear();
    return connection_->EndCopy();
  }

  Status Commit() override {
    for (const TableSpec& table : kTables) {
      PTDV_RETURN_IF_ERROR(
          connection_->Execute(fmt::format("ALTER TABLE {} ENABLE TRIGGER USER", table.name)));
    }
    // New ids and change numbers continue after the copied ones.
    PTDV_RETURN_IF_ERROR(connection_->Execute(R"(DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
  LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),
                                  COALESCE((SELECT MAX(id) FROM %I), 0) + 1, false)',
                   t.table_name, t.table_name);
  END LOOP;
  PERFORM setval('unit_change_seq', COALESCE((SELECT MAX(seq) FROM unit_change), 0) + 1, false);
END
$$)"));
    return connection_->Run("COMMIT");
  }

  Result<long> Count(const TableSpec& table) override {
    PTDV_ASSIGN_OR_RETURN(PgResult result, connection_->Query(CountSql(table)));
    return result.Int(0, 0);
  }

 private:
  static constexpr std::size_t kFlushBytes = 1 << 20;
  std::unique_ptr<PgConnection> connection_;
  std::string buffer_;
  int bytes_column_ = -1;
};

// ---------------------------------------------------------------------------------------------

// The schema version every database of `url`'s backend has once migrated.
Result<int> LatestVersion(std::string_view url) {
  PTDV_ASSIGN_OR_RETURN(std::vector<Migration> migrations,
                        MigrationsFor(IsPostgresUrl(url) ? "postgresql" : "sqlite"));
  return migrations.empty() ? 0 : migrations.back().version;
}

// `to` migrated to the current version, refused when it holds any row (before anything is
// written to it when it was migrated before).
Status PrepareTarget(const std::string& to) {
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(to));
  PTDV_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
  if (version > 0) {
    PTDV_ASSIGN_OR_RETURN(int latest, LatestVersion(to));
    if (version != latest) {
      return Error::Conflict(
          "Cơ sở dữ liệu đích đã có lược đồ của phiên bản khác: chỉ chép vào một cơ sở dữ liệu "
          "trống");
    }
  }
  PTDV_RETURN_IF_ERROR(store->Migrate());
  return Ok();
}

Result<std::unique_ptr<Source>> OpenSource(const std::string& from) {
  if (IsPostgresUrl(from)) return PgSource::Open(from);
  PTDV_ASSIGN_OR_RETURN(std::string path, SqlitePathOf(from));
  return SqliteSource::Open(path);
}

Result<std::unique_ptr<Sink>> OpenSink(const std::string& to) {
  if (IsPostgresUrl(to)) return PgSink::Open(to);
  PTDV_ASSIGN_OR_RETURN(std::string path, SqlitePathOf(to));
  return SqliteSink::Open(path);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<DatabaseCopy> CopyDatabase(const std::string& from, const std::string& to,
                                  const std::function<void(const CopiedTable&)>& table_done) {
  const auto started = std::chrono::steady_clock::now();
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Source> source, OpenSource(from));
  {
    PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Store> source_store, OpenStore(from));
    PTDV_ASSIGN_OR_RETURN(int version, source_store->SchemaVersion());
    PTDV_ASSIGN_OR_RETURN(int latest, LatestVersion(from));
    if (version != latest) {
      return Error::Invalid(fmt::format(
          "Cơ sở dữ liệu nguồn ở phiên bản lược đồ {}, cần {}: chạy «ptdv migrate» trên nó trước",
          version, latest));
    }
  }
  PTDV_RETURN_IF_ERROR(PrepareTarget(to));
  PTDV_ASSIGN_OR_RETURN(std::unique_ptr<Sink> sink, OpenSink(to));
  for (const TableSpec& table : kTables) {
    if (table.seeded) continue;
    PTDV_ASSIGN_OR_RETURN(long rows, sink->Count(table));
    if (rows > 0) {
      return Error::Conflict(fmt::format(
          "Cơ sở dữ liệu đích đã có dữ liệu (bảng {}: {} dòng): chỉ chép vào một cơ sở dữ liệu "
          "trống",
          table.name, rows));
    }
  }

  DatabaseCopy copy;
  PTDV_RETURN_IF_ERROR(sink->Begin());
  for (const TableSpec& table : kTables) {
    const auto table_started = std::chrono::steady_clock::now();
    CopiedTable copied{.name = std::string(table.name)};
    PTDV_RETURN_IF_ERROR(source->Read(
        table, [&](const Columns& columns) { return sink->StartTable(table, columns); },
        [&](const Row& row) {
          ++copied.rows;
          return sink->Put(row);
        }));
    PTDV_RETURN_IF_ERROR(sink->EndTable());
    copied.seconds = SecondsSince(table_started);
    copy.rows += copied.rows;
    if (table_done) table_done(copied);
    copy.tables.push_back(std::move(copied));
  }
  PTDV_RETURN_IF_ERROR(sink->Commit());
  copy.seconds = SecondsSince(started);

  for (const CopiedTable& copied : copy.tables) {
    const TableSpec& table = *std::find_if(
        kTables.begin(), kTables.end(), [&](const TableSpec& t) { return t.name == copied.name; });
    PTDV_ASSIGN_OR_RETURN(long in_source, source->Count(table));
    PTDV_ASSIGN_OR_RETURN(long in_target, sink->Count(table));
    if (in_source != copied.rows || in_target != copied.rows) {
      return Error::Unavailable(
          fmt::format("Số dòng của bảng {} không khớp sau khi chép: nguồn {}, đã chép {}, đích {}",
                      copied.name, in_source, copied.rows, in_target));
    }
  }
  return copy;
}

}  // namespace ptdv
