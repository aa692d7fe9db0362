#include "storage/audit_key.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>

#include "storage/database_url.h"

namespace ptdv {
namespace {

void EnsureSodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) std::abort();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable(fmt::format("Không đọc được tệp khóa kiểm toán {}", path));
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    return Error::Unavailable(fmt::format("Không đọc được tệp khóa kiểm toán {}", path));
  return contents;
}

// Creates `path` with mode 0600 holding fresh random bytes. false when it already exists.
Result<bool> CreateKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    return Error::Unavailable(
        fmt::format("Không tạo được tệp khóa kiểm toán {}: {}", path, std::strerror(errno)));
  }
  std::array<unsigned char, AuditKey::kBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::size_t written = 0;
  bool failed = false;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed = true;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  sodium_memzero(bytes.data(), bytes.size());
  if (!failed && ::fsync(fd) != 0) failed = true;
  ::close(fd);
  if (failed) {
    ::unlink(path.c_str());
    return Error::Unavailable(fmt::format("Không ghi được tệp khóa kiểm toán {}", path));
  }
  return true;
}

}  // namespace

AuditKey AuditKey::Random() {
  EnsureSodium();
  AuditKey key;
  randombytes_buf(key.bytes_.data(), key.bytes_.size());
  return key;
}

Result<AuditKey> AuditKey::FromFileContents(std::string_view contents) {
  EnsureSodium();
  AuditKey key;
  if (contents.size() == kBytes) {
    std::memcpy(key.bytes_.data(), contents.data(), kBytes);
    return key;
  }
  std::string_view hex = contents;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.remove_suffix(1);
  std::size_t decoded = 0;
  if (hex.size() == 2 * kBytes &&
      sodium_hex2bin(key.bytes_.data(), key.bytes_.size(), hex.data(), hex.size(), nullptr,
                     &decoded, nullptr) == 0 &&
      decoded == kBytes) {
    return key;
  }
  return Error::Invalid(
      fmt::format("Tệp khóa kiểm toán phải chứa đúng {} byte (hoặc {} chữ số hex)", kBytes,
                  2 * kBytes),
      "audit-key");
}

Result<AuditKey> AuditKey::Load(const std::string& path, KeyFile create, bool* created) {
  EnsureSodium();
  if (created != nullptr) *created = false;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return Error::Unavailable(
          fmt::format("Không đọc được tệp khóa kiểm toán {}: {}", path, std::strerror(errno)));
    }
    if (create == KeyFile::kMustExist) {
      return Error::NotFound(fmt::format("Không tìm thấy tệp khóa kiểm toán {}", path));
    }
    PTDV_ASSIGN_OR_RETURN(bool made, CreateKeyFile(path));
    if (created != nullptr) *created = made;
  }
  PTDV_ASSIGN_OR_RETURN(std::string contents, ReadWholeFile(path));
  Result<AuditKey> key = FromFileContents(contents);
  sodium_memzero(contents.data(), contents.size());
  if (!key.ok()) {
    return Error::Invalid(
        fmt::format("Tệp khóa kiểm toán {} không hợp lệ: {}", path, key.error().message),
        "audit-key");
  }
  return key;
}

AuditKey::AuditKey(AuditKey&& other) noexcept : bytes_(other.bytes_) {
  sodium_memzero(other.bytes_.data(), other.bytes_.size());
}

AuditKey& AuditKey::operator=(AuditKey&& other) noexcept {
  if (this != &other) {
    bytes_ = other.bytes_;
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
  }
  return *this;
}

AuditKey::~AuditKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

std::string AuditKey::MacHex(std::string_view data) const {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_.data(), bytes_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string(hex.data(), crypto_auth_hmacsha256_BYTES * 2);
}

Result<std::string> DefaultAuditKeyPath(std::string_view store_url) {
  if (!store_url.starts_with("sqlite:") && store_url.find("://") != std::string_view::npos) {
    return Error::Invalid(
        "Cơ sở dữ liệu này cần chỉ định tệp khóa kiểm toán (--audit-key hoặc PTDV_AUDIT_KEY_FILE)",
        "audit-key");
  }
  PTDV_ASSIGN_OR_RETURN(std::string path, SqlitePathOf(store_url));
  return path + ".audit-key";
}

}  // namespace ptdv
