#pragma once

// For tests: an intruder who holds the SQLite database file but not the audit key. Works with the
// sqlite3 C API alone (no Store, no key), drops the append-only triggers as anyone with the file
// can, and recomputes hashes with whatever algorithm the test hands it.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <string>
#include <vector>

#include "storage/store.h"

namespace ptdv {

class AuditIntruder {
 public:
  using Rehash = std::function<std::string(const AuditEntry&)>;

  explicit AuditIntruder(const std::string& db_path) {
    EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    Exec(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;"
        "DROP TRIGGER IF EXISTS audit_keying_no_update;"
        "DROP TRIGGER IF EXISTS audit_keying_no_delete;");
  }
  ~AuditIntruder() { sqlite3_close(db_); }
  AuditIntruder(const AuditIntruder&) = delete;
  AuditIntruder& operator=(const AuditIntruder&) = delete;

  void Exec(const std::string& sql) {
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << sql << ": " << (message ? message : "");
    sqlite3_free(message);
  }

  std::vector<AuditEntry> Rows() {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_,
                                 "SELECT id, logged_at, actor, role, address, action, entity, "
                                 "entity_id, org_id, before_json, after_json, prev_hash, hash "
                                 "FROM audit_log ORDER BY id",
                                 -1, &statement, nullptr),
              SQLITE_OK);
    auto text = [&](int column) {
      const unsigned char* value = sqlite3_column_text(statement, column);
      return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
    };
    std::vector<AuditEntry> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      rows.push_back({.id = sqlite3_column_int64(statement, 0),
                      .at = text(1),
                      .actor = text(2),
                      .role = text(3),
                      .address = text(4),
                      .action = text(5),
                      .entity = text(6),
                      .entity_id = sqlite3_column_int64(statement, 7),
                      .org_id = sqlite3_column_int64(statement, 8),
                      .before = text(9),
                      .after = text(10),
                      .prev_hash = text(11),
                      .hash = text(12)});
    }
    sqlite3_finalize(statement);
    return rows;
  }

  // Sets the after image of entry `id` to `after`, then recomputes the hash of that entry and of
  // every later one with `rehash`, relinking each prev_hash: a consistent-looking chain.
  void Rewrite(Id id, const std::string& after, const Rehash& rehash) {
    std::string prev;
    for (AuditEntry& row : Rows()) {
      if (row.id < id) {
        prev = row.hash;
        continue;
      }
      if (row.id == id) row.after = after;
      row.prev_hash = prev;
      row.hash = rehash(row);
      prev = row.hash;
      sqlite3_stmt* statement = nullptr;
      EXPECT_EQ(
          sqlite3_prepare_v2(
              db_, "UPDATE audit_log SET after_json = ?, prev_hash = ?, hash = ? WHERE id = ?", -1,
              &statement, nullptr),
          SQLITE_OK);
      sqlite3_bind_text(statement, 1, row.after.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(statement, 2, row.prev_hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(statement, 3, row.hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(statement, 4, row.id);
      EXPECT_EQ(sqlite3_step(statement), SQLITE_DONE);
      sqlite3_finalize(statement);
    }
  }

  // Deletes the entries from `id` on: the newest ones.
  void DeleteFrom(Id id) { Exec("DELETE FROM audit_log WHERE id >= " + std::to_string(id)); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace ptdv
