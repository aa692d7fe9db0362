#include "storage/audit_hash.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

#include "storage/audit_key.h"

namespace ptdv {
namespace {

constexpr std::string_view kAuditFormatTag = "ptdv-audit-v1\n";
// Keyed entries carry another tag, so that no keyed entry ever shares its input with a legacy one.
constexpr std::string_view kKeyedAuditFormatTag = "ptdv-audit-v2-hmac-sha256\n";
constexpr std::string_view kKeyCheckTag = "ptdv-audit-key-check\n";

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

std::string Serialise(std::string_view tag, const AuditEntry& entry) {
  std::string out(tag);
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
  return Serialise(kAuditFormatTag, entry);
}

std::string AuditEntryHash(const AuditEntry& entry) {
  return Sha256Hex(CanonicalAuditSerialisation(entry));
}

std::string KeyedAuditSerialisation(const AuditEntry& entry) {
  return Serialise(kKeyedAuditFormatTag, entry);
}

std::string AuditEntryMac(const AuditKey& key, const AuditEntry& entry) {
  return key.MacHex(KeyedAuditSerialisation(entry));
}

std::string AuditKeyCheck(const AuditKey& key, Id keyed_from_id) {
  return key.MacHex(fmt::format("{}{}\n", kKeyCheckTag, keyed_from_id));
}

}  // namespace ptdv
