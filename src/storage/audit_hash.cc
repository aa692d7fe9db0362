#include "storage/audit_hash.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

namespace ptdv {
namespace {

constexpr std::string_view kAuditFormatTag = "ptdv-audit-v1\n";

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; a failure means no usable libsodium at all.
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) std::abort();
}

void AppendField(std::string& out, std::string_view value) {
  fmt::format_to(std::back_inserter(out), "{}:", value.size());
  out.append(value);
  out.push_back('\n');
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string CanonicalAuditSerialisation(const AuditEntry& entry) {
  std::string out(kAuditFormatTag);
  AppendField(out, entry.prev_hash);
  AppendField(out, std::to_string(entry.id));
  AppendField(out, entry.at);
  AppendField(out, entry.actor);
  AppendField(out, entry.role);
  AppendField(out, entry.address);
  AppendField(out, entry.action);
  AppendField(out, entry.entity);
  AppendField(out, std::to_string(entry.entity_id));
  AppendField(out, std::to_string(entry.org_id));
  AppendField(out, entry.before);
  AppendField(out, entry.after);
  return out;
}

std::string AuditEntryHash(const AuditEntry& entry) {
  return Sha256Hex(CanonicalAuditSerialisation(entry));
}

}  // namespace ptdv
