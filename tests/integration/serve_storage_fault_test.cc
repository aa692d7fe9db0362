// Drives the real `ptdv serve` on a database it cannot write: on a small filesystem that fills
// up, and on a read-only file. Writes must answer 503 with a message telling the user that
// nothing was written and to call the operator, reads must keep being served, nothing may be
// written half (the case's version, events and audit trail stay as they were, the audit chain
// verifies), and writes must succeed again once space is freed.
//
// The filesystem is a tmpfs mounted in a mount namespace of the test's own (as root, as in CI;
// otherwise in an unprivileged user namespace), so it vanishes with the test process.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "http/error_mapping.h"
#include "http/test_http_client.h"
#include "http/test_openapi_validator.h"  // every answer is checked against the API document
#include "serve_process.h"

namespace ptdv::integration {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using http::test::ClientResponse;
using http::test::TestHttpClient;

constexpr const char* kWard = "HUE-TAYLOC";
constexpr const char* kLogin = "taylocdu";

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out.flush());
}

// Moves this process (its calling thread, and what it starts from there) into a mount
// namespace of its own whose mounts do not propagate back; "" on success, else why not. As
// root a mount namespace is enough; otherwise an unprivileged user namespace maps the user onto
// root inside it (REQUIRES: the process is single-threaded then).
std::string EnterPrivateMounts() {
  static const std::string result = []() -> std::string {
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWNS) != 0) {
      const int as_root = errno;
      if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        return std::string("no mount namespace: ") + std::strerror(as_root) +
               "; no user namespace either: " + std::strerror(errno);
      }
      if (!WriteFile("/proc/self/setgroups", "deny") ||
          !WriteFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
          !WriteFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        return "cannot map the user into the user namespace";
      }
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      return std::string("cannot make the mounts private: ") + std::strerror(errno);
    }
    return "";
  }();
  return result;
}

struct Answer {
  int status = 0;
  std::string code;
  std::string message;
  int version = 0;  // the ETag's
};

Answer Send(int port, const std::string& method, const std::string& target, const std::string& body,
            const Fields& fields) {
  TestHttpClient client(port);
  std::optional<ClientResponse> r = client.Request(method, target, body, fields);
  if (!r) return {};
  Answer answer{.status = r->status, .version = ETagVersion(*r)};
  if (r->status >= 400) {
    const json::value error = json::parse(r->body).at("error");
    answer.code = error.at("code").as_string();
    answer.message = error.at("message").as_string();
  }
  return answer;
}

class ServeStorageFaultTest : public ServeTest {
 protected:
  void TearDown() override {
    KillServer();
    for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) ::umount2(it->c_str(), MNT_DETACH);
    ServeTest::TearDown();
  }

  // Mounts a tmpfs of `bytes` at dir_/name; the mount point, or "" with *why set.
  std::string MountSmallFilesystem(const std::string& name, std::size_t bytes, std::string* why) {
    *why = EnterPrivateMounts();
    if (!why->empty()) return "";
    const fs::path at = dir_ / name;
    fs::create_directories(at);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    if (::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      *why = std::string("cannot mount a tmpfs: ") + std::strerror(errno);
      return "";
    }
    mounts_.push_back(at.string());
    return at.string();
  }

  // Logs in, records one step on the first case of the ward; the case (at its new version).
  CaseTarget Prepare(int port) {
    session_ = Login(port, kLogin);
    EXPECT_FALSE(session_.cookie.empty());
    std::vector<CaseTarget> targets = FindTargets(port, session_, kWard);
    EXPECT_FALSE(targets.empty());
    if (targets.empty()) return {};
    CaseTarget target = targets.front();
    Answer step = Send(port, "POST", target.EventsPath(), target.StepBody(),
                       session_.JsonHeaders(target.version));
    EXPECT_EQ(step.status, 200) << step.message;
    target.version = step.version;
    target.source = false;
    Answer person = Send(port, "GET", PersonPath(target), {}, session_.Headers());
    EXPECT_EQ(person.status, 200);
    person_version_ = person.version;
    return target;
  }

  // The case's version, events and audit trail, and its person, as the server reads them (""
  // when unreadable).
  std::string Snapshot(int port, const CaseTarget& target) {
    TestHttpClient client(port);
    auto shown = client.Request("GET", "/api/v1/cases/" + std::to_string(target.case_id), {},
                                session_.Headers());
    auto trail = client.Request("GET", "/api/v1/audit?case=" + std::to_string(target.case_id), {},
                                session_.Headers());
    auto person = client.Request("GET", PersonPath(target), {}, session_.Headers());
    if (!shown || shown->status != 200 || !trail || trail->status != 200 || !person ||
        person->status != 200) {
      return "";
    }
    const json::value body = json::parse(shown->body);
    return json::serialize(body.at("case").at("version")) + " " +
           json::serialize(body.at("events")) + " " + json::serialize(json::parse(trail->body)) +
           " " + person->body;
  }

  // Every kind of write the test tries: a step, a correction of a person, a login. Each must be
  // refused with 503 and `message`, followed by the request id.
  void ExpectWritesRefused(int port, const CaseTarget& target, std::string_view message) {
    const std::string expected = std::string(message) + " Mã yêu cầu: ";
    Answer step = Send(port, "POST", target.EventsPath(), target.StepBody(),
                       session_.JsonHeaders(target.version));
    Answer correction = CorrectPerson(port, target);
    Answer login =
        Send(port, "POST", "/api/v1/auth/login",
             R"({"login":")" + std::string(kLogin) + R"(","password":")" + kDemoPassword + R"("})",
             {{"Content-Type", "application/json"}});
    for (const Answer& a : {step, correction, login}) {
      EXPECT_EQ(a.status, 503) << a.message;
      EXPECT_EQ(a.code, "unavailable");
      EXPECT_TRUE(a.message.starts_with(expected)) << a.message;
    }
  }

  static std::string PersonPath(const CaseTarget& target) {
    return "/api/v1/people/" + std::to_string(target.person_id);
  }
  Answer CorrectPerson(int port, const CaseTarget& target) {
    return Send(port, "PATCH", PersonPath(target), R"({"phone":"0911222333"})",
                session_.JsonHeaders(person_version_));
  }

  Session session_;
  int person_version_ = 0;
  std::vector<std::string> mounts_;
};

// Fills `directory`'s filesystem with one file; its path.
std::string Fill(const std::string& directory) {
  const std::string path = directory + "/filler";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return path;
  std::vector<char> block(1 << 16, 'x');
  for (std::size_t size : {block.size(), std::size_t{4096}, std::size_t{1}}) {
    while (::write(fd, block.data(), size) > 0) {
    }
  }
  ::close(fd);
  return path;
}

// Whether a page (4 KiB, less than any WAL frame) can still be written in `directory`.
bool HasRoomForAPage(const std::string& directory) {
  const std::string path = directory + "/probe";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::vector<char> page(4096, 'x');
  const bool written = ::write(fd, page.data(), page.size()) == static_cast<ssize_t>(page.size());
  ::close(fd);
  ::unlink(path.c_str());
  return written;
}

TEST_F(ServeStorageFaultTest, FullDiskRefusesWritesKeepsReadsAndRecoversWhenSpaceReturns) {
  CliOk({"demo"});
  // The database on a filesystem with 2 MiB to spare.
  std::string why;
  const std::string disk = MountSmallFilesystem("disk", fs::file_size(db_) + (2 << 20), &why);
  if (disk.empty()) GTEST_SKIP() << "cannot mount a small filesystem to fill: " << why;
  for (const char* suffix : {"", ".audit-key"}) {
    fs::copy_file(db_ + suffix, disk + "/serve.db" + suffix);
  }
  db_ = disk + "/serve.db";

  const int port = StartServer();
  ASSERT_GT(port, 0) << "ptdv serve did not start: " << server_log_;
  CaseTarget target = Prepare(port);
  ASSERT_GT(target.case_id, 0);
  const std::string before = Snapshot(port, target);
  ASSERT_FALSE(before.empty());

  const std::string filler = Fill(disk);
  ASSERT_FALSE(HasRoomForAPage(disk)) << "the filesystem is not full";
  ExpectWritesRefused(port, target, http::kStorageFullMessage);
  // Reads are served, and show that nothing of the refused writes was written.
  EXPECT_EQ(Snapshot(port, target), before);
  EXPECT_EQ(
      Send(port, "GET", std::string("/api/v1/cases?org=") + kWard, {}, session_.Headers()).status,
      200);

  // Space returns: the same step, with the same version, is written.
  fs::remove(filler);
  Answer step = Send(port, "POST", target.EventsPath(), target.StepBody(),
                     session_.JsonHeaders(target.version));
  EXPECT_EQ(step.status, 200) << step.message;
  EXPECT_EQ(step.version, target.version + 1);
  EXPECT_EQ(CorrectPerson(port, target).status, 200);
  KillServer();
  int status = -1;
  std::string verified = Cli({"audit", "verify"}, &status);
  EXPECT_EQ(status, 0) << verified;
}

TEST_F(ServeStorageFaultTest, ReadOnlyDatabaseRefusesWritesAndKeepsServingReads) {
  CliOk({"demo"});
  int port = StartServer();
  ASSERT_GT(port, 0) << "ptdv serve did not start: " << server_log_;
  CaseTarget target = Prepare(port);
  ASSERT_GT(target.case_id, 0);
  const std::string before = Snapshot(port, target);
  ASSERT_FALSE(before.empty());
  KillServer();

  // The file becomes read-only (a restored backup with the wrong owner, a read-only volume):
  // root ignores the mode, so as root the file is bind-mounted read-only onto itself.
  if (::geteuid() == 0) {
    const std::string why = EnterPrivateMounts();
    ASSERT_EQ(why, "");
    ASSERT_EQ(::mount(db_.c_str(), db_.c_str(), nullptr, MS_BIND, nullptr), 0)
        << std::strerror(errno);
    mounts_.push_back(db_);
    ASSERT_EQ(::mount(nullptr, db_.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr), 0)
        << std::strerror(errno);
  } else {
    fs::permissions(db_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  port = StartServer();
  ASSERT_GT(port, 0) << "ptdv serve did not start on a read-only database: " << server_log_;
  EXPECT_EQ(Snapshot(port, target), before);
  ExpectWritesRefused(port, target, http::kStorageReadOnlyMessage);
  EXPECT_EQ(Snapshot(port, target), before);
  KillServer();

  if (::geteuid() == 0) {
    ASSERT_EQ(::umount2(db_.c_str(), 0), 0) << std::strerror(errno);
    mounts_.pop_back();
  } else {
    fs::permissions(db_, fs::perms::owner_write, fs::perm_options::add);
  }
  port = StartServer();
  ASSERT_GT(port, 0) << server_log_;
  Answer step = Send(port, "POST", target.EventsPath(), target.StepBody(),
                     session_.JsonHeaders(target.version));
  EXPECT_EQ(step.status, 200) << step.message;
  KillServer();
  int status = -1;
  std::string verified = Cli({"audit", "verify"}, &status);
  EXPECT_EQ(status, 0) << verified;
}

}  // namespace
}  // namespace ptdv::integration
