#pragma once

// Hashing of the audit chain (AuditLog in storage/store.h). Backend-neutral: every backend
// computes and verifies hashes with these functions so a chain written by one verifies in another.

#include <string>
#include <string_view>

#include "storage/store.h"

namespace ptdv {

// Lowercase hex SHA-256 of `data` (libsodium crypto_hash_sha256). Thread-safe.
std::string Sha256Hex(std::string_view data);

// The canonical byte serialisation of `entry` that AuditEntryHash() hashes: a version tag, then
// prev_hash, id, at, actor, role, address, action, entity, entity_id, org_id, before, after, each
// written as "<decimal byte length>:<bytes>\n" so that no choice of field contents can shift a
// boundary between fields. `entry.hash` itself is not part of it.
// Changing this format invalidates every stored chain: bump the version tag and keep the old
// format verifiable.
std::string CanonicalAuditSerialisation(const AuditEntry& entry);

// Hex SHA-256 of CanonicalAuditSerialisation(entry): the value stored in AuditEntry::hash.
std::string AuditEntryHash(const AuditEntry& entry);

}  // namespace ptdv
