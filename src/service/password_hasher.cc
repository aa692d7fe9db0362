#include "service/password_hasher.h"

#include <sodium.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <cassert>

namespace ptdv {
namespace {

constexpr std::size_t kMinimumCharacters = 10;
constexpr std::size_t kMaximumBytes = 1024;
// The niceness of the hashing threads (0 normal, 19 lowest). 10 gives the network threads about
// ten times the hashing threads' share of a busy core, so a login flood cannot starve the other
// routes; 19 would give hashing almost nothing, and any other busy process on the machine (a
// backup, a report export) would then stall every login for minutes.
constexpr int kHashingNiceness = 10;

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; a failure means no usable libsodium at all.
  static const bool initialised = sodium_init() >= 0;
  assert(initialised);
  (void)initialised;
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a continuation byte
  }
  return count;
}

}  // namespace

PasswordHashParameters PasswordHashParameters::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashParameters PasswordHashParameters::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Status CheckPasswordPolicy(std::string_view password) {
  if (CodePoints(password) < kMinimumCharacters) {
    return Error::Invalid("Mật khẩu phải có ít nhất 10 ký tự", "password");
  }
  if (password.size() > kMaximumBytes) {
    return Error::Invalid("Mật khẩu quá dài (tối đa 1024 byte)", "password");
  }
  return Ok();
}

class PasswordHasher::HashingScope {
 public:
  explicit HashingScope(const PasswordHasher& hasher) : hasher_(hasher) {
    int now = hasher_.hashing_.fetch_add(1) + 1;
    int peak = hasher_.peak_hashing_.load();
    while (now > peak && !hasher_.peak_hashing_.compare_exchange_weak(peak, now)) {
    }
  }
  ~HashingScope() { hasher_.hashing_.fetch_sub(1); }
  HashingScope(const HashingScope&) = delete;
  HashingScope& operator=(const HashingScope&) = delete;

 private:
  const PasswordHasher& hasher_;
};

PasswordHasher::PasswordHasher(PasswordHashParameters parameters, int threads,
                               std::size_t max_queued)
    : max_queued_(max_queued), parameters_(parameters) {
  EnsureSodium();
  assert(threads >= 1);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

void PasswordHasher::WarmUp() {
  Post([this] { (void)DummyHash(); });
}

PasswordHasher::~PasswordHasher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void PasswordHasher::Work() {
  // Hashing yields the CPU to everything else: under a flood of logins the other routes keep
  // their share of the cores, and the logins wait (or find the queue full) instead. Linux
  // takes a thread id here; elsewhere this lowers the whole process, so it is Linux only.
#if defined(__linux__)
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kHashingNiceness);
#endif
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void PasswordHasher::Post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    assert(!stopping_);
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
}

bool PasswordHasher::TryPost(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    assert(!stopping_);
    if (queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  HashingScope scope(*this);
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), parameters_.opslimit,
                        parameters_.memlimit) != 0) {
    return Error::Unavailable("Máy chủ không đủ bộ nhớ để mã hóa mật khẩu, vui lòng thử lại sau");
  }
  return std::string(out.data());
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) const {
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  HashingScope scope(*this);
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view hash) const {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), parameters_.opslimit,
                                        parameters_.memlimit) != 0;
}

const std::string& PasswordHasher::DummyHash() const {
  std::call_once(dummy_once_, [this] {
    std::array<unsigned char, 32> random{};
    randombytes_buf(random.data(), random.size());
    std::array<char, 2 * 32 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    Result<std::string> hash = Hash(std::string_view(hex.data(), 2 * 32));
    // Without memory for one hash, the empty string makes Verify() fail fast; the next real
    // hash will fail the same way, so the timing hides nothing it could reveal.
    dummy_hash_ = hash.ok() ? *hash : std::string();
  });
  return dummy_hash_;
}

void PasswordHasher::VerifyDummy(std::string_view password) const {
  (void)Verify(DummyHash(), password);
}

std::future<Result<std::string>> PasswordHasher::HashAsync(std::string password) {
  return Offload([this, password = std::move(password)]() mutable {
    Result<std::string> hash = Hash(password);
    sodium_memzero(password.data(), password.size());
    return hash;
  });
}

std::future<bool> PasswordHasher::VerifyAsync(std::string hash, std::string password) {
  return Offload([this, hash = std::move(hash), password = std::move(password)]() mutable {
    bool ok = Verify(hash, password);
    sodium_memzero(password.data(), password.size());
    return ok;
  });
}

}  // namespace ptdv
