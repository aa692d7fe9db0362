#pragma once

// Hashing of the audit chain (AuditLog in storage/store.h). Backend-neutral: every backend
// computes and verifies hashes with these functions so a chain written by one verifies in another.
//
// Two schemes, chosen by position (the audit_keying table, migrations/sqlite/0010_audit_key.sql):
// entries written before the key was introduced keep their plain SHA-256 (AuditEntryHash), every
// later entry is an HMAC-SHA-256 under the audit key (AuditEntryMac). HMAC-SHA-256
// (crypto_auth_hmacsha256) rather than keyed BLAKE2b: it is the standard construction (RFC 2104),
// uses the SHA-256 the legacy rows already use, and an auditor can recompute it with common tools
// (openssl dgst -sha256 -mac HMAC) without this program.

#include <string>
#include <string_view>

#include "storage/store.h"

namespace ptdv {

class AuditKey;

// Lowercase hex SHA-256 of `data` (libsodium crypto_hash_sha256). Thread-safe.
std::string Sha256Hex(std::string_view data);

// The canonical byte serialisation of `entry` that AuditEntryHash() hashes: a version tag, then
// prev_hash, id, at, actor, role, address, action, entity, entity_id, org_id, before, after, each
// written as "<decimal byte length>:<bytes>\n" so that no choice of field contents can shift a
// boundary between fields. `entry.hash` itself is not part of it.
// Changing this format invalidates every stored chain: bump the version tag and keep the old
// format verifiable.
std::string CanonicalAuditSerialisation(const AuditEntry& entry);

// Hex SHA-256 of CanonicalAuditSerialisation(entry): the value stored in AuditEntry::hash of a
// legacy (unkeyed) entry.
std::string AuditEntryHash(const AuditEntry& entry);

// The serialisation of a keyed entry: the same fields and framing under the tag
// "ptdv-audit-v2-hmac-sha256". Same stability rule as above.
std::string KeyedAuditSerialisation(const AuditEntry& entry);

// Hex HMAC-SHA-256 of KeyedAuditSerialisation(entry) under `key`: the value stored in
// AuditEntry::hash of a keyed entry.
std::string AuditEntryMac(const AuditKey& key, const AuditEntry& entry);

// The value stored in audit_keying.key_check: an HMAC of the first keyed id, so that a wrong key
// is recognised as such (before any entry is blamed) and the cut-over id cannot be moved without
// the key.
std::string AuditKeyCheck(const AuditKey& key, Id keyed_from_id);

}  // namespace ptdv
