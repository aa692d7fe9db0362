#pragma once

// The secret that keys the audit chain (storage/audit_hash.h). It lives in a file outside the
// database, so that whoever holds only the database file cannot recompute a valid chain after
// editing or deleting entries. The key never reaches a log, an error message or the database.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace ptdv {

enum class KeyFile { kMustExist, kCreateIfMissing };

class AuditKey {
 public:
  static constexpr std::size_t kBytes = 32;

  // A fresh random key (libsodium randombytes_buf).
  static AuditKey Random();
  // Exactly kBytes raw bytes, or 2 * kBytes hex digits (an optional trailing newline allowed).
  // kInvalid otherwise; the message never quotes the bytes.
  static Result<AuditKey> FromFileContents(std::string_view contents);
  // Reads the key file at `path`. When it is missing and `create` is kCreateIfMissing, writes
  // kBytes random bytes to a new file of mode 0600 (O_EXCL: a concurrent creator wins and its key
  // is read back). Sets `*created` when it wrote the file. kNotFound when missing and kMustExist;
  // kInvalid for a file of another size or form; kUnavailable on an I/O error.
  static Result<AuditKey> Load(const std::string& path, KeyFile create, bool* created = nullptr);

  AuditKey(const AuditKey&) = delete;
  AuditKey& operator=(const AuditKey&) = delete;
  AuditKey(AuditKey&& other) noexcept;
  AuditKey& operator=(AuditKey&& other) noexcept;
  ~AuditKey();  // wipes the bytes

  // Lowercase hex HMAC-SHA-256 of `data` under this key. Thread-safe.
  std::string MacHex(std::string_view data) const;

 private:
  AuditKey() = default;
  std::array<unsigned char, kBytes> bytes_{};
};

// The default key file of a database given as a store URL: "<path>.audit-key" for SQLite
// ("sqlite:PATH", "sqlite://PATH" or a bare path). kInvalid for another kind of URL (such a
// store needs an explicit key file).
Result<std::string> DefaultAuditKeyPath(std::string_view store_url);

}  // namespace ptdv
