// ptdv digest send against a fake SMTP server on the loopback interface.

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/cli_context.h"
#include "app/cli_test_util.h"
#include "service/auth_service.h"
#include "service/digest_service.h"
#include "service/mass_organisation_service.h"
#include "storage/temp_dir_test_util.h"

namespace ptdv {
namespace {

using test::RunPtdv;

// An SMTP server that accepts every message but those to an address containing "tu-choi"
// (refused at RCPT), and keeps what it received.
class FakeSmtp {
 public:
  struct Message {
    std::string to;
    std::string data;
  };

  FakeSmtp() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(fd_, 8), 0);
    socklen_t length = sizeof address;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeSmtp() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }

  int port() const { return port_; }
  std::vector<Message> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const int client = accept(fd_, nullptr, nullptr);
      if (client >= 0) Talk(client);
    }
  }

  static void Say(int client, std::string_view line) {
    (void)!write(client, line.data(), line.size());
  }

  void Talk(int client) {
    Say(client, "220 fake ESMTP\r\n");
    std::string buffer, to;
    bool in_data = false;
    char chunk[4096];
    for (;;) {
      const ssize_t n = read(client, chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
      if (in_data) {
        const std::size_t end = buffer.find("\r\n.\r\n");
        if (end == std::string::npos) continue;
        {
          std::lock_guard lock(mutex_);
          messages_.push_back({to, buffer.substr(0, end + 2)});
        }
        buffer.erase(0, end + 5);
        in_data = false;
        Say(client, "250 queued\r\n");
      }
      std::size_t eol;
      while (!in_data && (eol = buffer.find("\r\n")) != std::string::npos) {
        const std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        if (line.starts_with("EHLO") || line.starts_with("HELO")) {
          Say(client, "250-fake\r\n250 8BITMIME\r\n");
        } else if (line.starts_with("MAIL FROM")) {
          Say(client, "250 ok\r\n");
        } else if (line.starts_with("RCPT TO")) {
          to = line.substr(line.find('<') + 1, line.find('>') - line.find('<') - 1);
          Say(client,
              to.find("tu-choi") != std::string::npos ? "550 no such mailbox\r\n" : "250 ok\r\n");
        } else if (line == "DATA") {
          Say(client, "354 go on\r\n");
          in_data = true;
        } else if (line == "QUIT") {
          Say(client, "221 bye\r\n");
          close(client);
          return;
        } else {
          Say(client, "250 ok\r\n");
        }
      }
    }
    close(client);
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<Message> messages_;
  std::thread thread_;
};

// The text of a message's base64 body, with LF line ends.
std::string BodyOf(const std::string& data) {
  std::string encoded;
  std::istringstream lines(data.substr(data.find("\r\n\r\n") + 4));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    encoded += line;
  }
  std::string bytes(encoded.size(), '\0');
  std::size_t length = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                              encoded.c_str(), encoded.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL),
            0);
  bytes.resize(length);
  std::string text;
  for (char c : bytes) {
    if (c != '\r') text += c;
  }
  return text;
}

class CliDigestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunPtdv(db_, {"--today", "2023-11-15", "demo"}).status, 0);
    std::ostringstream out, err;
    CliContext ctx(out, err);
    ctx.global.db = db_;
    ctx.global.today = "2023-11-15";
    auto env = OpenEnvironment(ctx);
    ASSERT_TRUE(env.ok()) << env.error().message;
    env_ = std::make_unique<Environment>(std::move(*env));
    mass_organisations_ = std::make_unique<MassOrganisationService>(*env_->store, *env_->clock);
    digests_ = std::make_unique<DigestService>(*env_->store, *env_->cases, *mass_organisations_,
                                               *env_->clock);
  }

  Actor ActorOf(const std::string& login) {
    auto tx = env_->store->Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    auto user = (*tx)->Users().GetByLogin(login);
    EXPECT_TRUE(user.ok());
    return ActorFor(*user, "test");
  }

  test::CliRun Send(int port) {
    return RunPtdv(db_, {"--today", "2023-11-15", "digest", "send", "--smtp-url",
                         fmt::format("smtp://127.0.0.1:{}", port), "--from", "ptdv@hue.gov.vn",
                         "--base-url", "https://ptdv.hue.gov.vn/"});
  }

  TempDir dir_{"ptdv-digest"};
  std::string db_ = dir_.File("digest.db");
  std::unique_ptr<Environment> env_;
  std::unique_ptr<MassOrganisationService> mass_organisations_;
  std::unique_ptr<DigestService> digests_;
};

TEST_F(CliDigestTest, EachSubscriberGetsItsToDoListOnceADay) {
  const Actor ward = ActorOf("taylocdu");
  ASSERT_TRUE(digests_->Subscribe(ward, " van.thu@tayloc.hue.gov.vn ", true).ok());
  ASSERT_TRUE(digests_->Subscribe(ActorOf("vydadu"), "tu-choi@vyda.hue.gov.vn", true).ok());
  ASSERT_TRUE(digests_->Subscribe(ActorOf("bithu.tayloc"), "bi.thu@tayloc.vn", false).ok());
  EXPECT_EQ(digests_->Subscribe(ward, "khong-phai-dia-chi", true).error().field, "email");
  EXPECT_EQ(digests_->Subscribe(Actor{}, "a@b.vn", true).error().code, ErrorCode::kForbidden);

  FakeSmtp smtp;
  const auto first = Send(smtp.port());
  EXPECT_EQ(first.status, 1) << first.out << first.err;  // one address refused
  EXPECT_NE(first.out.find("đã gửi 1 thư"), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("vydadu"), std::string::npos) << first.err;
  auto messages = smtp.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to, "van.thu@tayloc.hue.gov.vn");
  EXPECT_NE(messages[0].data.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(messages[0].data.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);

  // The mail lists exactly the digest's duties, which are the to-do list's.
  const std::string body = BodyOf(messages[0].data);
  auto digest = digests_->For(ward, OrgChoice{}, MakeDate(2023, 11, 15));
  ASSERT_TRUE(digest.ok());
  ASSERT_FALSE(digest->overdue.empty());
  std::size_t listed = 0;
  for (std::size_t at = body.find("\n  - "); at != std::string::npos;
       at = body.find("\n  - ", at + 1)) {
    ++listed;
  }
  EXPECT_EQ(listed, digest->overdue.size() + digest->due_soon.size() + digest->opinions.size() +
                        digest->nominations_waiting.size())
      << body;
  for (const DeadlineRow& row : digest->overdue) {
    EXPECT_NE(body.find(fmt::format("  - {}: {}, hạn {}", row.person_name, row.deadline.label,
                                    FormatVnDate(row.deadline.due))),
              std::string::npos)
        << row.person_name;
  }
  EXPECT_NE(body.find("https://ptdv.hue.gov.vn/viec-can-lam"), std::string::npos);

  // Run again the same day: the served account gets nothing more; the refused one is retried.
  const auto second = Send(smtp.port());
  EXPECT_NE(second.out.find("đã gửi 0 thư, 1 tài khoản đã nhận trong ngày"), std::string::npos)
      << second.out;
  EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_F(CliDigestTest, NothingIsSentWithoutTheOperatorsServer) {
  ASSERT_TRUE(digests_->Subscribe(ActorOf("taylocdu"), "van.thu@tayloc.hue.gov.vn", true).ok());
  const auto run = RunPtdv(db_, {"--today", "2023-11-15", "digest", "send"});
  EXPECT_NE(run.status, 0);  // --smtp-url and --from are required: there is no default server
  auto subscription = digests_->Subscription(ActorOf("taylocdu"));
  ASSERT_TRUE(subscription.ok());
  EXPECT_FALSE((*subscription)->last_sent_on.has_value());
}

}  // namespace
}  // namespace ptdv
