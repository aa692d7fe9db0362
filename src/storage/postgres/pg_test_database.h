#pragma once

// Test-only: a fresh database on the throwaway cluster that ctest starts for the PostgreSQL tests
// (the fixture `postgres` in CMakeLists.txt runs scripts/pg-cluster.sh and writes its URL into
// the file named by PTDV_PG_URL_FILE). Each test gets a database of its own, dropped afterwards,
// so that tests run in parallel on one cluster.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

#include "storage/postgres/pg_connection.h"

namespace ptdv::test {

class PgTestDatabase {
 public:
  PgTestDatabase() {
    const char* file = std::getenv("PTDV_PG_URL_FILE");
    if (file == nullptr) {
      ADD_FAILURE() << "PTDV_PG_URL_FILE is not set: run the PostgreSQL tests through ctest";
      return;
    }
    std::ifstream in(file);
    std::getline(in, admin_url_);
    static std::atomic<int> counter{0};
    name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto admin = PgConnection::Open(admin_url_);
    if (!admin.ok()) {
      ADD_FAILURE() << admin.error().message;
      return;
    }
    auto created = (*admin)->Execute("CREATE DATABASE " + name_ +
                                     " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    if (!created.ok()) ADD_FAILURE() << created.error().message;
    const auto at = admin_url_.find("/ptdv?");
    url_ = admin_url_.substr(0, at) + "/" + name_ + admin_url_.substr(at + 5);
  }
  ~PgTestDatabase() {
    if (name_.empty() || admin_url_.empty()) return;
    if (auto admin = PgConnection::Open(admin_url_); admin.ok()) {
      (void)(*admin)->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace ptdv::test
