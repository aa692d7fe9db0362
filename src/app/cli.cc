#include "app/cli.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include "app/shipped_data.h"
#include "demo/demo_data.h"
#include "demo/demo_users.h"
#include "domain/calendar_file.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "service/audit_anchor.h"
#include "service/audit_monitor.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/calendar_service.h"
#include "service/case_service.h"
#include "service/clock.h"
#include "service/json_codec.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "service/reference_data.h"
#include "storage/audit_key.h"
#include "storage/store.h"

namespace ptdv {
namespace {

// Exit statuses, one per error code, so scripts can tell failures apart.
int ExitCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kRuleViolation: return 4;
    case ErrorCode::kConflict: return 5;
    case ErrorCode::kForbidden: return 6;
    case ErrorCode::kUnavailable: return 7;
  }
  return 1;
}

int Fail(const Error& e) {
  if (e.rule.empty()) {
    std::cerr << fmt::format("Lỗi: {}\n", e.message);
  } else {
    std::cerr << fmt::format("Lỗi [{}]: {}\n", e.rule, e.message);
  }
  return ExitCode(e.code);
}

// Everything a command needs: the store, reference data, the clock and the case service.
struct Environment {
  std::unique_ptr<Store> store;
  std::unique_ptr<Clock> clock;
  std::vector<RuleSet> rule_sets;
  // CaseService reads the calendar through `calendars`, which `ptdv serve` updates when an
  // administrator corrects it; `calendar` is the one loaded at start, for one-shot commands.
  std::unique_ptr<CalendarProvider> calendars;
  const WorkingCalendar* calendar = nullptr;
  std::unique_ptr<CaseService> cases;
  std::string audit_key_path;
};

struct GlobalOptions {
  std::string db = "ptdv.db";
  std::string audit_key;  // empty: "<db>.audit-key"
  std::string today;  // empty: the system clock
  bool json = false;
};

Result<std::unique_ptr<Clock>> MakeClock(const GlobalOptions& options) {
  if (options.today.empty()) return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
  PTDV_ASSIGN_OR_RETURN(Date today, ParseDate(options.today, "--today"));
  return std::unique_ptr<Clock>(std::make_unique<FixedClock>(today));
}

// Opens the store with the audit key of `options`. The default file, <db>.audit-key, is created
// on first use (32 random bytes, mode 0600); a file named with --audit-key must exist, so that a
// mistyped path or a secret that failed to mount is not silently replaced by a new key. Sets
// `*key_path` to the key file used. The key itself is never printed.
Result<std::unique_ptr<Store>> OpenKeyedStore(const GlobalOptions& options, std::string* key_path) {
  KeyFile create = KeyFile::kMustExist;
  if (options.audit_key.empty()) {
    PTDV_ASSIGN_OR_RETURN(*key_path, DefaultAuditKeyPath(options.db));
    create = KeyFile::kCreateIfMissing;
  } else {
    *key_path = options.audit_key;
  }
  bool created = false;
  PTDV_ASSIGN_OR_RETURN(AuditKey key, AuditKey::Load(*key_path, create, &created));
  if (created) {
    std::cerr << fmt::format(
        "Đã tạo khóa kiểm toán mới: {} (sao lưu tệp này và giữ nó ngoài tầm của người chỉ có "
        "tệp cơ sở dữ liệu)\n",
        *key_path);
  }
  return OpenStore(options.db, {.audit_key = std::make_shared<const AuditKey>(std::move(key))});
}

Result<Environment> OpenEnvironment(const GlobalOptions& options) {
  Environment env;
  PTDV_ASSIGN_OR_RETURN(env.clock, MakeClock(options));
  PTDV_ASSIGN_OR_RETURN(env.store, OpenKeyedStore(options, &env.audit_key_path));
  PTDV_RETURN_IF_ERROR(env.store->Migrate());
  PTDV_RETURN_IF_ERROR(EnsureReferenceData(*env.store, *env.clock, ShippedCalendarCsv()));
  PTDV_ASSIGN_OR_RETURN(env.rule_sets, LoadRuleSets(*env.store));
  PTDV_ASSIGN_OR_RETURN(auto calendar, LoadCalendar(*env.store));
  env.calendars = std::make_unique<CalendarProvider>(std::move(calendar));
  env.calendar = &env.calendars->Current();
  env.cases =
      std::make_unique<CaseService>(*env.store, *env.calendars, env.rule_sets, *env.clock);
  return env;
}

// Resolves an organisation given by code ("HUE-TAYLOC") or numeric id.
Result<Organisation> FindOrganisation(Store& store, const std::string& code_or_id) {
  PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
  auto by_code = tx->Organisations().GetByCode(code_or_id);
  if (by_code.ok()) return by_code;
  // A number too long for an id is no id: not found, like any unknown code (no exception).
  Id id = 0;
  const char* end = code_or_id.data() + code_or_id.size();
  if (auto [ptr, ec] = std::from_chars(code_or_id.data(), end, id);
      !code_or_id.empty() && ec == std::errc() && ptr == end && id > 0) {
    auto by_id = tx->Organisations().Get(id);
    if (by_id.ok()) return by_id;
  }
  return Error::NotFound(fmt::format("Không tìm thấy đơn vị «{}»", code_or_id));
}

Result<Date> DateOrToday(const std::string& text, const Clock& clock, std::string_view field) {
  if (text.empty()) return clock.Today();
  return ParseDate(text, field);
}

std::string DescribeDocuments(const std::vector<Document>& documents) {
  std::string out;
  for (const auto& d : documents) {
    if (!out.empty()) out += ", ";
    out += d.form_code;
    if (!d.number.empty()) out += " số " + d.number;
    if (d.date) out += " ngày " + FormatVnDate(*d.date);
  }
  return out;
}

void PrintCase(const CaseView& view, Date on) {
  const Case& c = view.record.header;
  std::cout << fmt::format("Hồ sơ {} — {} (sinh {})\n", c.id, view.person.full_name,
                           FormatVnDate(view.person.birth_date));
  std::cout << fmt::format("Chi bộ: {}\n", view.cell.name);
  std::cout << fmt::format("Nguồn: {}\n", SourceCategoryLabel(c.category));
  std::cout << fmt::format("Bước hiện tại: {} (phiên bản {}, bộ quy định {})\n",
                           StageLabel(c.stage), c.version, view.evaluation.rule_set_code);
  std::cout << "\nQuá trình:\n";
  for (const auto& e : view.record.events) {
    std::string line = fmt::format("  {:>3}. {}  {}", e.seq, FormatVnDate(e.date),
                                   ActionLabel(e.action));
    if (e.vote) {
      line += fmt::format(" — {}/{} có mặt, {} tán thành", e.vote->present, e.vote->eligible,
                          e.vote->in_favour);
    }
    if (!e.relative_name.empty()) line += " — " + e.relative_name;
    if (e.member_person_id) line += fmt::format(" — đảng viên mã {}", *e.member_person_id);
    if (!e.documents.empty()) line += " [" + DescribeDocuments(e.documents) + "]";
    std::cout << line << "\n";
  }
  std::cout << fmt::format("\nĐiều kiện chưa đáp ứng tại ngày {}:\n", FormatVnDate(on));
  if (view.evaluation.unmet.empty()) std::cout << "  (không có)\n";
  for (const auto& u : view.evaluation.unmet) {
    std::cout << fmt::format("  [{}] {}\n", u.rule, u.MessageFor(view.disclosure));
  }
  std::cout << "\nThời hạn:\n";
  if (view.evaluation.deadlines.empty()) std::cout << "  (không có)\n";
  for (const auto& d : view.evaluation.deadlines) {
    std::cout << fmt::format("  [{}] {}: {} — {} ({})\n", d.rule, d.label, FormatVnDate(d.due),
                             DeadlineStatusLabel(d.status), d.Describe());
  }
  std::cout << "\nCó thể ghi tiếp:";
  for (Action a : view.evaluation.allowed_actions) std::cout << " " << ActionCode(a);
  std::cout << "\n";
}

// Parses "FORM:NUMBER[:DATE]" as given to --doc.
Result<Document> ParseDocument(const std::string& text) {
  Document d;
  auto first = text.find(':');
  if (first == std::string::npos || first == 0) {
    return Error::Invalid(fmt::format("--doc «{}» phải có dạng MẪU:SỐ[:NGÀY], ví dụ 6-KNĐ:12-NQ/CB",
                                      text),
                          "doc");
  }
  d.form_code = text.substr(0, first);
  std::string rest = text.substr(first + 1);
  auto second = rest.rfind(':');
  if (second != std::string::npos) {
    PTDV_ASSIGN_OR_RETURN(Date date, ParseDate(rest.substr(second + 1), "ngày văn bản"));
    d.date = date;
    rest = rest.substr(0, second);
  }
  d.number = rest;
  return d;
}

struct AdvanceOptions {
  Id case_id = 0;
  std::string action;
  std::string date;
  std::vector<std::string> docs;
  std::optional<Id> member;
  std::string together_since;
  bool replacement = false;
  std::string relation;
  std::string relative_name;
  bool relative_is_member = false;
  std::string finding;
  std::string consent;
  std::string received_on;
  int extension = 0;
  std::optional<int> eligible, present, in_favour, against;
  std::string note;
  std::optional<int> version;
  std::string actor = "cli";
};

Result<CaseEvent> BuildEvent(const AdvanceOptions& o, const Clock& clock) {
  CaseEvent e;
  auto action = ActionFromCode(o.action);
  if (!action) {
    return Error::Invalid(fmt::format("Không có thao tác «{}»", o.action), "action");
  }
  e.action = *action;
  PTDV_ASSIGN_OR_RETURN(e.date, DateOrToday(o.date, clock, "--date"));
  for (const auto& text : o.docs) {
    PTDV_ASSIGN_OR_RETURN(Document d, ParseDocument(text));
    e.documents.push_back(std::move(d));
  }
  e.member_person_id = o.member;
  if (!o.together_since.empty()) {
    PTDV_ASSIGN_OR_RETURN(Date d, ParseDate(o.together_since, "--together-since"));
    e.together_since = d;
  }
  e.replacement = o.replacement ? Replacement::kYes : Replacement::kNo;
  if (!o.relation.empty()) {
    e.relation = RelationFromCode(o.relation);
    if (!e.relation) return Error::Invalid(fmt::format("Không có quan hệ «{}»", o.relation), "relation");
  }
  e.relative_name = o.relative_name;
  e.relative_is_member = o.relative_is_member;
  if (!o.finding.empty()) {
    auto f = FindingFromCode(o.finding);
    if (!f) return Error::Invalid(fmt::format("Không có kết quả thẩm tra «{}»", o.finding), "finding");
    e.finding = *f;
  }
  if (!o.consent.empty()) {
    e.consent = ConsentKindFromCode(o.consent);
    if (!e.consent) return Error::Invalid(fmt::format("Không có loại văn bản «{}»", o.consent), "consent");
  }
  if (!o.received_on.empty()) {
    PTDV_ASSIGN_OR_RETURN(Date d, ParseDate(o.received_on, "--received-on"));
    e.received_on = d;
  }
  e.extension_working_days = o.extension;
  if (o.eligible || o.present || o.in_favour || o.against) {
    if (!o.eligible || !o.present || !o.in_favour) {
      return Error::Invalid("Biểu quyết cần đủ --eligible, --present và --in-favour", "vote");
    }
    e.vote = Vote{*o.eligible, *o.present, *o.in_favour, o.against.value_or(0)};
  }
  e.note = o.note;
  return e;
}

void PrintTree(const std::vector<Organisation>& orgs, std::optional<Id> root) {
  std::map<std::optional<Id>, std::vector<const Organisation*>> children;
  std::set<Id> present;
  for (const auto& o : orgs) present.insert(o.id);
  for (const auto& o : orgs) {
    std::optional<Id> parent = o.parent_id && present.contains(*o.parent_id) ? o.parent_id
                                                                              : std::nullopt;
    children[parent].push_back(&o);
  }
  std::function<void(const Organisation&, int)> print = [&](const Organisation& o, int depth) {
    std::cout << fmt::format("{}{} [{}] {}{}\n", std::string(depth * 2, ' '), o.name, o.code,
                             OrgKindLabel(o.kind), o.authorised_to_admit ? " (được ủy quyền kết nạp)" : "");
    for (const auto* c : children[o.id]) print(*c, depth + 1);
  };
  for (const auto* top : children[std::nullopt]) {
    if (!root || top->id == *root) print(*top, 0);
  }
  if (root) {
    for (const auto& o : orgs) {
      if (o.id == *root && o.parent_id && present.contains(*o.parent_id)) print(o, 0);
    }
  }
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"PTĐV — quản lý công tác phát triển đảng viên", "ptdv"};
  app.require_subcommand(1);
  GlobalOptions global;
  // Every option may also come from the environment (PTDV_*) or a TOML file given by --config
  // (sections per subcommand: [serve] listen = "0.0.0.0:8080"); flags override both.
  app.set_config("--config", "", "Tệp cấu hình TOML (ví dụ [serve] listen = \"0.0.0.0:8080\")");
  app.add_option("--db", global.db, "Tệp cơ sở dữ liệu SQLite (mặc định ptdv.db)")
      ->envname("PTDV_DB");
  app.add_option("--audit-key", global.audit_key,
                 "Tệp khóa của nhật ký kiểm toán, phải có sẵn (mặc định <db>.audit-key, tự "
                 "tạo khi chưa có)")
      ->envname("PTDV_AUDIT_KEY_FILE");
  app.add_option("--today", global.today, "Cố định ngày hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd)");
  app.add_flag("--json", global.json, "In kết quả dạng JSON");

  int status = 0;
  auto run = [&](auto&& body) {
    return [&, body] {
      auto env = OpenEnvironment(global);
      if (!env.ok()) {
        status = Fail(env.error());
        return;
      }
      status = body(*env);
    };
  };

  // migrate
  auto* migrate = app.add_subcommand("migrate", "Tạo / nâng cấp lược đồ cơ sở dữ liệu");
  migrate->callback([&] {
    std::string key_path;
    auto store = OpenKeyedStore(global, &key_path);
    if (!store.ok()) {
      status = Fail(store.error());
      return;
    }
    auto applied = (*store)->Migrate();
    if (!applied.ok()) {
      status = Fail(applied.error());
      return;
    }
    auto clock = MakeClock(global);
    if (!clock.ok()) {
      status = Fail(clock.error());
      return;
    }
    auto seeded = EnsureReferenceData(**store, **clock, ShippedCalendarCsv());
    if (!seeded.ok()) {
      status = Fail(seeded.error());
      return;
    }
    auto version = (*store)->SchemaVersion();
    std::cout << fmt::format("Đã áp dụng {} bản nâng cấp; phiên bản lược đồ {}\n",
                             applied->size(), version.ok() ? *version : 0);
  });

  // demo
  auto* demo = app.add_subcommand("demo", "Nạp dữ liệu mẫu Thành ủy Huế 2023");
  DemoOptions demo_options;
  bool nation = false;
  demo->add_option("--seed", demo_options.seed, "Hạt giống ngẫu nhiên (mặc định 2023)");
  demo->add_option("--scale", demo_options.scale, "Quy mô (1 = thành phố Huế)")
      ->check(CLI::Range(0.1, 100000.0));
  demo->add_flag("--nation", nation, "Quy mô toàn quốc (~5 triệu đảng viên)");
  demo->callback(run([&](Environment& env) {
    DemoOptions options = nation ? NationPreset(env.clock->Today()) : demo_options;
    options.today = env.clock->Today();
    if (!nation) {
      options.seed = demo_options.seed;
      options.scale = demo_options.scale;
    }
    auto summary = LoadDemo(*env.store, options, *env.calendar, env.rule_sets);
    if (!summary.ok()) return Fail(summary.error());
    std::cout << fmt::format("Đã nạp dữ liệu mẫu (ngày tham chiếu {}): {} đơn vị, {} người, {} "
                             "đảng viên, {} hồ sơ\n",
                             FormatVnDate(options.today), summary->organisations,
                             summary->people, summary->members, summary->cases);
    for (const auto& [stage, count] : summary->cases_by_stage) {
      std::cout << fmt::format("  {:<55} {}\n", StageLabel(stage), count);
    }
    if (!nation) {
      // One account per role, for trying the system (the HTTP API and web UI log in with them).
      auto users = CreateDemoUsers(*env.store, *env.clock);
      if (!users.ok()) return Fail(users.error());
      std::cout << "Tài khoản dùng thử (tên đăng nhập / mật khẩu):\n";
      for (const auto& [login, password] : *users) {
        std::cout << fmt::format("  {:<14} {}\n", login, password);
      }
    }
    return 0;
  }));

  // serve
  auto* serve = app.add_subcommand("serve", "Chạy máy chủ web (API /api/v1 và giao diện)");
  http::ServerOptions server_options;
  bool insecure_cookie = false;
  int read_timeout_s = static_cast<int>(server_options.read_timeout.count() / 1000);
  int idle_timeout_s = static_cast<int>(server_options.idle_timeout.count() / 1000);
  serve->add_option("--listen", server_options.listen, "Địa chỉ lắng nghe (mặc định 127.0.0.1:8080)")
      ->envname("PTDV_LISTEN");
  serve->add_option("--threads", server_options.threads, "Số luồng mạng (0 = số lõi)")
      ->envname("PTDV_THREADS")
      ->check(CLI::Range(0, 256));
  serve->add_option("--handler-threads", server_options.handler_threads,
                    "Số luồng xử lý yêu cầu (truy vấn cơ sở dữ liệu; 0 = số lõi)")
      ->envname("PTDV_HANDLER_THREADS")
      ->check(CLI::Range(0, 256));
  serve->add_option("--max-body-bytes", server_options.max_body_bytes,
                    "Kích thước tối đa của nội dung yêu cầu (byte, mặc định 1 MiB)")
      ->envname("PTDV_MAX_BODY_BYTES")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{64} << 20));
  serve->add_option("--read-timeout", read_timeout_s, "Thời gian chờ đọc một yêu cầu (giây)")
      ->envname("PTDV_READ_TIMEOUT")
      ->check(CLI::Range(1, 3600));
  serve->add_option("--idle-timeout", idle_timeout_s,
                    "Thời gian giữ kết nối rảnh giữa hai yêu cầu (giây)")
      ->envname("PTDV_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 3600));
  // The web UI built by `make web` (web/dist) is served by default when run from the checkout.
  if (std::error_code ec; std::filesystem::is_directory("web/dist", ec)) {
    server_options.static_dir = "web/dist";
  }
  serve->add_option("--static-dir", server_options.static_dir,
                    "Thư mục giao diện web đã build (mặc định web/dist nếu có)")
      ->envname("PTDV_STATIC_DIR");
  // The session cookie is __Host-ptdv_session, Secure, unless a plain-HTTP demo asks otherwise.
  serve
      ->add_flag(
          "--insecure-cookie", insecure_cookie,
          "Cookie phiên không có Secure (ptdv_session), chỉ để chạy thử qua http://127.0.0.1")
      ->envname("PTDV_INSECURE_COOKIE");
  // Half the cores (at least one): a login flood never takes the whole machine from the
  // other routes.
  int hash_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
  std::size_t hash_queue = 16;
  serve
      ->add_option("--hash-threads", hash_threads,
                   "Số mật khẩu được băm/kiểm tra cùng lúc (argon2id, 64 MiB mỗi lượt; mặc "
                   "định một nửa số lõi, ít nhất 1)")
      ->envname("PTDV_HASH_THREADS")
      ->check(CLI::Range(1, 64));
  serve
      ->add_option("--hash-queue", hash_queue,
                   "Số lượt đăng nhập được chờ băm; quá số này trả 503 (mặc định 16)")
      ->envname("PTDV_HASH_QUEUE")
      ->check(CLI::Range(std::size_t{0}, std::size_t{4096}));
  int logins_per_minute = 60;
  serve
      ->add_option("--logins-per-minute", logins_per_minute,
                   "Số lần đăng nhập mỗi phút từ một địa chỉ; quá số này trả 429 (mặc định 60)")
      ->envname("PTDV_LOGINS_PER_MINUTE")
      ->check(CLI::Range(1, 100000));
  int certificate_checks_per_minute = 30;
  serve
      ->add_option("--certificate-checks-per-minute", certificate_checks_per_minute,
                   "Số lần tra cứu chứng nhận mỗi phút từ một địa chỉ (mặc định 30)")
      ->envname("PTDV_CERTIFICATE_CHECKS_PER_MINUTE")
      ->check(CLI::Range(1, 100000));
  int response_cache_mb = 64;
  serve->add_option("--response-cache-mb", response_cache_mb,
                    "Bộ nhớ đệm câu trả lời đọc đến lần ghi kế tiếp (MiB, 0 = tắt; mặc định 64)")
      ->envname("PTDV_RESPONSE_CACHE_MB")
      ->check(CLI::Range(0, 65536));
  // The web surface (docs/security.md): proxies, operations network, connection cap.
  std::string trusted_proxies;
  std::string ops_networks = server_options.ops_networks.text();
  serve
      ->add_option("--trusted-proxy", trusted_proxies,
                   "Proxy ngược tin cậy: địa chỉ hoặc mạng CIDR, cách nhau bởi dấu phẩy "
                   "(X-Forwarded-For/-Proto chỉ được tin từ các địa chỉ này)")
      ->envname("PTDV_TRUSTED_PROXY");
  serve
      ->add_option("--ops-network", ops_networks,
                   "Mạng CIDR được đọc /metrics và /readyz (mặc định chỉ máy này)")
      ->envname("PTDV_OPS_NETWORK");
  serve
      ->add_option("--max-connections", server_options.max_connections,
                   "Số kết nối mở tối đa; vượt quá thì trả 503 và đóng (mặc định 1024)")
      ->envname("PTDV_MAX_CONNECTIONS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  serve->callback(run([&](Environment& env) {
    auto trusted = http::NetworkList::Parse(trusted_proxies);
    if (!trusted.ok()) return Fail(trusted.error());
    server_options.trusted_proxies = std::move(trusted).value();
    auto ops = http::NetworkList::Parse(ops_networks);
    if (!ops.ok()) return Fail(ops.error());
    server_options.ops_networks = std::move(ops).value();
    server_options.read_timeout = std::chrono::seconds(read_timeout_s);
    server_options.idle_timeout = std::chrono::seconds(idle_timeout_s);
    SystemWallClock wall_clock;
    PasswordHasher hasher(PasswordHashParameters::Interactive(), hash_threads, hash_queue);
    hasher.WarmUp();
    AuthService auth(*env.store, wall_clock, hasher);
    http::Router router;
    OrgService orgs(*env.store, *env.clock);
    auto shipped_calendar = ParseCalendarFile(ShippedCalendarCsv());
    if (!shipped_calendar.ok()) return Fail(shipped_calendar.error());
    CalendarService calendar_service(*env.store, *env.clock, *env.calendars, *shipped_calendar);
    AuditService audit(*env.store, *env.clock);
    ClassService classes(*env.store, *env.cases, *env.clock);
    TargetService targets(*env.store, env.cases->rule_sets(), *env.clock);
    SourceService sources(*env.store, targets, env.cases->rule_sets(), *env.clock);
    ReportService reports(*env.store);
    DashboardService dashboards(*env.store, *env.cases, targets);
    http::ResponseCache response_cache(static_cast<std::size_t>(response_cache_mb) << 20);
    auto registered = http::RegisterApi(
        router, {.store = *env.store,
                 .clock = *env.clock,
                 .auth = auth,
                 .hasher = hasher,
                 .cases = *env.cases,
                 .orgs = orgs,
                 .calendar = calendar_service,
                 .audit = audit,
                 .classes = classes,
                 .targets = targets,
                 .sources = sources,
                 .reports = reports,
                 .dashboards = dashboards,
                 .auth_options = {.cookie = insecure_cookie ? http::CookieSecurity::kInsecure
                                                            : http::CookieSecurity::kSecure,
                                  .logins_per_address = {.limit = logins_per_minute,
                                                         .window = std::chrono::seconds(60)}},
                 .certificate_checks_per_minute = certificate_checks_per_minute,
                 .response_cache = &response_cache});
    if (!registered.ok()) return Fail(registered.error());
    http::Metrics metrics;
    http::AccessLog access_log;
    Store& store = *env.store;
    // The checkpoint lives beside the key, outside the database (service/audit_monitor.h).
    AuditMonitor audit_monitor(store, env.audit_key_path + ".checkpoint");
    std::cerr << audit_monitor.Start() << "\n";
    server_options.readiness = [&store, &audit_monitor]() -> Status {
      PTDV_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kReadOnly));
      PTDV_RETURN_IF_ERROR(tx->RuleSets().List());
      return audit_monitor.Check();
    };
    http::Server server(server_options, router, metrics, access_log);
    auto started = server.Start();
    if (!started.ok()) return Fail(started.error());
    std::cerr << fmt::format("PTĐV đang chạy: http://{}:{}/ (Ctrl+C để dừng)\n",
                             server_options.listen.substr(0, server_options.listen.rfind(':')),
                             server.port());
    server.Run();
    return 0;
  }));

  // org tree
  auto* org = app.add_subcommand("org", "Tổ chức đảng");
  org->require_subcommand(1);
  auto* org_tree = org->add_subcommand("tree", "Cây tổ chức tại một ngày");
  std::string tree_on, tree_root;
  org_tree->add_option("--on", tree_on, "Ngày (mặc định hôm nay)");
  org_tree->add_option("--root", tree_root, "Mã đơn vị gốc");
  org_tree->callback(run([&](Environment& env) {
    auto on = DateOrToday(tree_on, *env.clock, "--on");
    if (!on.ok()) return Fail(on.error());
    std::optional<Id> root;
    if (!tree_root.empty()) {
      auto o = FindOrganisation(*env.store, tree_root);
      if (!o.ok()) return Fail(o.error());
      root = o->id;
    }
    auto tx = env.store->Begin(Access::kReadOnly);
    if (!tx.ok()) return Fail(tx.error());
    auto orgs = (*tx)->Organisations().ListValidOn(*on);
    if (!orgs.ok()) return Fail(orgs.error());
    if (global.json) {
      // --root bounds the JSON as it bounds the printed tree: the root and what lies below it.
      std::set<Id> shown;
      if (root) {
        shown.insert(*root);
        for (bool grew = true; grew;) {
          grew = false;
          for (const Organisation& o : *orgs) {
            if (o.parent_id && shown.contains(*o.parent_id) && shown.insert(o.id).second) {
              grew = true;
            }
          }
        }
      }
      std::cout << "[";
      bool first = true;
      for (const Organisation& o : *orgs) {
        if (root && !shown.contains(o.id)) continue;
        std::cout << (first ? "" : ",") << ToJson(o);
        first = false;
      }
      std::cout << "]\n";
      return 0;
    }
    PrintTree(*orgs, root);
    return 0;
  }));

  auto* org_add = org->add_subcommand("add", "Thêm đơn vị");
  Organisation new_org;
  std::string org_kind = "cell", org_parent, org_from = "2021-07-01", org_to;
  org_add->add_option("--code", new_org.code, "Mã đơn vị (duy nhất)")->required();
  org_add->add_option("--name", new_org.name, "Tên đơn vị")->required();
  org_add->add_option("--kind", org_kind,
                      "provincial_committee|city_committee|grassroots_committee|"
                      "intermediate_committee|cell|grassroots_cell|political_centre|"
                      "organisation_board");
  org_add->add_option("--parent", org_parent, "Mã đơn vị cấp trên");
  org_add->add_option("--committee-size", new_org.committee_member_count, "Số cấp ủy viên");
  org_add->add_flag("--authorised", new_org.authorised_to_admit, "Được ủy quyền quyết định kết nạp");
  org_add->add_option("--valid-from", org_from, "Có hiệu lực từ");
  org_add->add_option("--valid-to", org_to, "Hết hiệu lực sau ngày");
  org_add->callback(run([&](Environment& env) {
    auto kind = OrgKindFromCode(org_kind);
    if (!kind) return Fail(Error::Invalid(fmt::format("Không có loại đơn vị «{}»", org_kind)));
    new_org.kind = *kind;
    auto from = ParseDate(org_from, "--valid-from");
    if (!from.ok()) return Fail(from.error());
    new_org.valid_from = *from;
    if (!org_to.empty()) {
      auto to = ParseDate(org_to, "--valid-to");
      if (!to.ok()) return Fail(to.error());
      new_org.valid_to = *to;
    }
    if (!org_parent.empty()) {
      auto parent = FindOrganisation(*env.store, org_parent);
      if (!parent.ok()) return Fail(parent.error());
      new_org.parent_id = parent->id;
    }
    OrgService orgs(*env.store, *env.clock);
    auto id = orgs.CreateOrganisation(Actor{}, new_org);
    if (!id.ok()) return Fail(id.error());
    std::cout << (global.json ? fmt::format("{{\"id\":{}}}\n", *id)
                              : fmt::format("Đã thêm {} (mã {})\n", new_org.name, *id));
    return 0;
  }));

  auto* org_members = org->add_subcommand("members", "Đảng viên của chi bộ tại một ngày");
  std::string members_org, members_on;
  org_members->add_option("org", members_org, "Mã chi bộ")->required();
  org_members->add_option("--on", members_on, "Tại ngày (mặc định hôm nay)");
  org_members->callback(run([&](Environment& env) {
    auto o = FindOrganisation(*env.store, members_org);
    if (!o.ok()) return Fail(o.error());
    auto on = DateOrToday(members_on, *env.clock, "--on");
    if (!on.ok()) return Fail(on.error());
    OrgService orgs(*env.store, *env.clock);
    auto rows = orgs.Members(Actor{}, o->id, *on);
    if (!rows.ok()) return Fail(rows.error());
    for (const auto& r : *rows) {
      if (global.json) {
        std::cout << fmt::format(R"({{"person":{},"membership":{}}})" "\n", ToJson(r.person),
                                 ToJson(r.membership));
      } else {
        std::cout << fmt::format("{:>8}  {:<30} chính thức từ {}\n", r.person.id,
                                 r.person.full_name, FormatVnDate(r.membership.valid_from));
      }
    }
    if (!global.json) {
      std::cout << fmt::format("{} đảng viên chính thức tại ngày {}\n", rows->size(),
                               FormatVnDate(*on));
    }
    return 0;
  }));

  auto* member = app.add_subcommand("member", "Sinh hoạt đảng");
  member->require_subcommand(1);
  auto* member_add = member->add_subcommand("add", "Ghi nhận đảng viên đang sinh hoạt tại chi bộ");
  Id member_person = 0;
  std::string member_org, member_kind = "official", member_from, member_to;
  member_add->add_option("--person", member_person, "Mã người")->required();
  member_add->add_option("--org", member_org, "Mã chi bộ")->required();
  member_add->add_option("--kind", member_kind, "official|probationary");
  member_add->add_option("--from", member_from, "Từ ngày")->required();
  member_add->add_option("--to", member_to, "Đến ngày");
  member_add->callback(run([&](Environment& env) {
    Membership m;
    m.person_id = member_person;
    if (member_kind != "official" && member_kind != "probationary") {
      return Fail(Error::Invalid(fmt::format("Không có loại «{}»", member_kind), "kind"));
    }
    m.kind = member_kind == "official" ? MembershipKind::kOfficial : MembershipKind::kProbationary;
    auto o = FindOrganisation(*env.store, member_org);
    if (!o.ok()) return Fail(o.error());
    m.org_id = o->id;
    auto from = ParseDate(member_from, "--from");
    if (!from.ok()) return Fail(from.error());
    m.valid_from = *from;
    if (!member_to.empty()) {
      auto to = ParseDate(member_to, "--to");
      if (!to.ok()) return Fail(to.error());
      m.valid_to = *to;
    }
    OrgService orgs(*env.store, *env.clock);
    auto id = orgs.AddMembership(Actor{}, m);
    if (!id.ok()) return Fail(id.error());
    std::cout << (global.json ? fmt::format("{{\"id\":{}}}\n", *id)
                              : fmt::format("Đã ghi nhận sinh hoạt đảng (mã {})\n", *id));
    return 0;
  }));

  // person
  auto* person = app.add_subcommand("person", "Quần chúng, đảng viên");
  person->require_subcommand(1);
  auto* person_add = person->add_subcommand("add", "Thêm người");
  Person new_person;
  std::string birth, sex = "male", education = "upper_secondary", occupation = "other",
                     workplace = "none", person_org;
  person_add->add_option("--name", new_person.full_name, "Họ và tên")->required();
  person_add->add_option("--birth", birth, "Ngày sinh")->required();
  person_add->add_option("--sex", sex, "male|female");
  person_add->add_option("--org", person_org, "Mã đơn vị quản lý")->required();
  person_add->add_option("--education", education, "none|literacy|primary|lower_secondary|upper_secondary");
  person_add->add_option("--occupation", occupation, "Nghề nghiệp (teacher, student, militia, ...)");
  person_add->add_option("--workplace", workplace, "state|private|fdi|household|none");
  person_add->add_option("--ethnicity", new_person.ethnicity, "Dân tộc");
  person_add->add_option("--religion", new_person.religion, "Tôn giáo");
  person_add->add_flag("--youth-union", new_person.youth_union_member, "Là đoàn viên");
  person_add->add_flag("--trade-union", new_person.trade_union_member, "Là công đoàn viên");
  person_add->add_option("--phone", new_person.phone, "Điện thoại");
  person_add->add_option("--address", new_person.address, "Địa chỉ");
  person_add->add_option("--id-number", new_person.id_number, "Số CCCD");
  person_add->callback(run([&](Environment& env) {
    auto b = ParseDate(birth, "--birth");
    if (!b.ok()) return Fail(b.error());
    new_person.birth_date = *b;
    auto s = SexFromCode(sex);
    auto ed = GeneralEducationFromCode(education);
    auto oc = OccupationFromCode(occupation);
    auto wp = WorkplaceTypeFromCode(workplace);
    if (!s || !ed || !oc || !wp) {
      return Fail(Error::Invalid("Giá trị --sex/--education/--occupation/--workplace không hợp lệ"));
    }
    new_person.sex = *s;
    new_person.general_education = *ed;
    new_person.occupation = *oc;
    new_person.workplace_type = *wp;
    auto o = FindOrganisation(*env.store, person_org);
    if (!o.ok()) return Fail(o.error());
    new_person.org_id = o->id;
    auto id = env.cases->CreatePerson(Actor{}, new_person);
    if (!id.ok()) return Fail(id.error());
    std::cout << (global.json ? fmt::format("{{\"id\":{}}}\n", *id)
                              : fmt::format("Đã thêm {} (mã {})\n", new_person.full_name, *id));
    return 0;
  }));
  auto* person_search = person->add_subcommand("search", "Tìm theo tên (không cần dấu)");
  std::string query, search_org;
  int search_limit = 20;
  person_search->add_option("query", query, "Từ khóa")->required();
  person_search->add_option("--org", search_org, "Trong đơn vị");
  person_search->add_option("--limit", search_limit, "Số kết quả tối đa");
  person_search->callback(run([&](Environment& env) {
    std::optional<Id> org_id;
    if (!search_org.empty()) {
      auto o = FindOrganisation(*env.store, search_org);
      if (!o.ok()) return Fail(o.error());
      org_id = o->id;
    }
    auto people = env.cases->SearchPeople(Actor{}, query, org_id, search_limit);
    if (!people.ok()) return Fail(people.error());
    for (const auto& p : *people) {
      if (global.json) {
        std::cout << ToJson(p) << "\n";
      } else {
        std::cout << fmt::format("{:>8}  {:<30} {}\n", p.id, p.full_name, FormatVnDate(p.birth_date));
      }
    }
    return 0;
  }));

  // case
  auto* case_cmd = app.add_subcommand("case", "Hồ sơ phát triển đảng viên");
  case_cmd->require_subcommand(1);
  auto* case_open = case_cmd->add_subcommand("open", "Đưa một quần chúng vào nguồn");
  Id open_person = 0;
  std::string open_cell, open_category = "other", open_date;
  case_open->add_option("--person", open_person, "Mã người")->required();
  case_open->add_option("--cell", open_cell, "Mã chi bộ")->required();
  case_open->add_option("--category", open_category, "teacher|student|militia|youth_union|worker|private_enterprise|civil_servant|other");
  case_open->add_option("--date", open_date, "Ngày (mặc định hôm nay)");
  case_open->callback(run([&](Environment& env) {
    auto cell = FindOrganisation(*env.store, open_cell);
    if (!cell.ok()) return Fail(cell.error());
    auto category = SourceCategoryFromCode(open_category);
    if (!category) return Fail(Error::Invalid(fmt::format("Không có loại nguồn «{}»", open_category)));
    auto date = DateOrToday(open_date, *env.clock, "--date");
    if (!date.ok()) return Fail(date.error());
    auto id = env.cases->OpenCase(Actor{}, open_person, cell->id, *category, *date);
    if (!id.ok()) return Fail(id.error());
    std::cout << (global.json ? fmt::format("{{\"id\":{}}}\n", *id)
                              : fmt::format("Đã mở hồ sơ {}\n", *id));
    return 0;
  }));

  auto* case_show = case_cmd->add_subcommand("show", "Xem hồ sơ, điều kiện chưa đáp ứng, thời hạn");
  Id show_id = 0;
  std::string show_on;
  case_show->add_option("id", show_id, "Mã hồ sơ")->required();
  case_show->add_option("--on", show_on, "Đánh giá tại ngày (mặc định hôm nay)");
  case_show->callback(run([&](Environment& env) {
    auto on = DateOrToday(show_on, *env.clock, "--on");
    if (!on.ok()) return Fail(on.error());
    auto view = env.cases->Show(Actor{}, show_id, *on);
    if (!view.ok()) return Fail(view.error());
    if (global.json) {
      std::cout << fmt::format(R"({{"case":{},"person":{},"evaluation":{},"events":[)",
                               ToJson(view->record.header), ToJson(view->person),
                               ToJson(view->evaluation, view->disclosure));
      for (std::size_t i = 0; i < view->record.events.size(); ++i) {
        std::cout << (i ? "," : "") << ToJson(view->record.events[i], view->disclosure);
      }
      std::cout << "]}\n";
      return 0;
    }
    PrintCase(*view, *on);
    return 0;
  }));

  auto* case_list = case_cmd->add_subcommand("list", "Danh sách hồ sơ");
  std::string list_org, list_stage, list_category;
  bool list_open = false;
  int list_limit = 50, list_offset = 0;
  case_list->add_option("--org", list_org, "Mã đơn vị")->required();
  case_list->add_option("--stage", list_stage, "Bước");
  case_list->add_option("--category", list_category, "Loại nguồn");
  case_list->add_flag("--open", list_open, "Chỉ hồ sơ đang theo dõi");
  case_list->add_option("--limit", list_limit, "Số dòng");
  case_list->add_option("--offset", list_offset, "Bỏ qua");
  case_list->callback(run([&](Environment& env) {
    auto o = FindOrganisation(*env.store, list_org);
    if (!o.ok()) return Fail(o.error());
    CaseFilter filter;
    if (!list_stage.empty()) {
      filter.stage = StageFromCode(list_stage);
      if (!filter.stage) return Fail(Error::Invalid(fmt::format("Không có bước «{}»", list_stage)));
    }
    if (!list_category.empty()) {
      filter.category = SourceCategoryFromCode(list_category);
      if (!filter.category) {
        return Fail(Error::Invalid(fmt::format("Không có loại nguồn «{}»", list_category)));
      }
    }
    filter.open_only = list_open;
    filter.limit = list_limit;
    filter.offset = list_offset;
    auto cases = env.cases->ListCases(Actor{}, o->id, filter);
    if (!cases.ok()) return Fail(cases.error());
    for (const auto& c : *cases) {
      if (global.json) {
        std::cout << ToJson(c) << "\n";
      } else {
        std::cout << fmt::format("{:>8}  người {:>8}  {:<45} {}\n", c.id, c.person_id,
                                 StageLabel(c.stage),
                                 c.next_deadline ? "hạn " + FormatVnDate(*c.next_deadline) + " (" +
                                                       c.next_deadline_rule + ")"
                                                 : "");
      }
    }
    return 0;
  }));

  auto* case_advance = case_cmd->add_subcommand("advance", "Ghi một bước / một văn bản vào hồ sơ");
  AdvanceOptions adv;
  case_advance->add_option("id", adv.case_id, "Mã hồ sơ")->required();
  case_advance->add_option("--action", adv.action, "Thao tác (mark_sympathiser, cell_vote, ...)")
      ->required();
  case_advance->add_option("--date", adv.date, "Ngày của bước (mặc định hôm nay)");
  case_advance->add_option("--doc", adv.docs, "Văn bản MẪU:SỐ[:NGÀY], lặp lại được");
  case_advance->add_option("--member", adv.member, "Mã đảng viên (giúp đỡ / giới thiệu)");
  case_advance->add_option("--together-since", adv.together_since, "Công tác, sinh hoạt cùng từ ngày");
  case_advance->add_flag("--replacement", adv.replacement, "Người giới thiệu thay thế (R5)");
  case_advance->add_option("--relation", adv.relation, "self|father|mother|parent_in_law|guardian|spouse|child");
  case_advance->add_option("--relative-name", adv.relative_name, "Họ tên người được thẩm tra");
  case_advance->add_flag("--relative-is-member", adv.relative_is_member, "Người thân là đảng viên đã khai đầy đủ");
  case_advance->add_option("--finding", adv.finding, "clear|political_issue");
  case_advance->add_option("--consent", adv.consent, "over_60|education_exception|late_ceremony|no_youth_union");
  case_advance->add_option("--received-on", adv.received_on, "Ngày chi bộ nhận quyết định");
  case_advance->add_option("--extension", adv.extension, "Số ngày làm việc gia hạn");
  case_advance->add_option("--eligible", adv.eligible, "Tổng số có quyền biểu quyết");
  case_advance->add_option("--present", adv.present, "Số có mặt");
  case_advance->add_option("--in-favour", adv.in_favour, "Số tán thành");
  case_advance->add_option("--against", adv.against, "Số không tán thành");
  case_advance->add_option("--note", adv.note, "Ghi chú");
  case_advance->add_option("--version", adv.version, "Phiên bản hồ sơ đang xem (chống ghi đè)");
  case_advance->add_option("--actor", adv.actor, "Người thực hiện");
  case_advance->callback(run([&](Environment& env) {
    auto event = BuildEvent(adv, *env.clock);
    if (!event.ok()) return Fail(event.error());
    Actor actor;
    actor.login = adv.actor;
    auto updated = env.cases->Record(actor, adv.case_id, std::move(event).value(), adv.version);
    if (!updated.ok()) return Fail(updated.error());
    if (global.json) {
      std::cout << ToJson(*updated) << "\n";
    } else {
      std::cout << fmt::format("Đã ghi. Hồ sơ {}: {} (phiên bản {})\n", updated->id,
                               StageLabel(updated->stage), updated->version);
    }
    return 0;
  }));

  // deadlines
  auto* deadlines = app.add_subcommand("deadlines", "Việc cần làm: thời hạn của các hồ sơ");
  std::string dl_org, dl_on, dl_status;
  deadlines->add_option("--org", dl_org, "Mã đơn vị")->required();
  deadlines->add_option("--on", dl_on, "Tại ngày (mặc định hôm nay)");
  deadlines->add_option("--status", dl_status, "overdue|due_soon|on_time");
  deadlines->callback(run([&](Environment& env) {
    auto o = FindOrganisation(*env.store, dl_org);
    if (!o.ok()) return Fail(o.error());
    auto on = DateOrToday(dl_on, *env.clock, "--on");
    if (!on.ok()) return Fail(on.error());
    if (!dl_status.empty() && dl_status != "overdue" && dl_status != "due_soon" &&
        dl_status != "on_time") {
      return Fail(Error::Invalid(fmt::format("Không có trạng thái «{}»", dl_status), "status"));
    }
    auto rows = env.cases->DeadlinesFor(Actor{}, o->id, *on);
    if (!rows.ok()) return Fail(rows.error());
    int shown = 0;
    for (const auto& r : *rows) {
      if (!dl_status.empty() && DeadlineStatusCode(r.deadline.status) != dl_status) continue;
      ++shown;
      if (global.json) {
        std::cout << fmt::format(
            R"({{"case_id":{},"person_id":{},"cell_id":{},"stage":"{}","rule":"{}","due":"{}","status":"{}","days":{}}})"
            "\n",
            r.header.id, r.header.person_id, r.header.cell_id, StageCode(r.header.stage),
            r.deadline.rule, FormatIsoDate(r.deadline.due), DeadlineStatusCode(r.deadline.status),
            r.deadline.days);
      } else {
        std::cout << fmt::format("{:>8}  {:<26} {:<4} {}  {:<12} {:<28} {}\n", r.header.id,
                                 r.person_name, r.deadline.rule, FormatVnDate(r.deadline.due),
                                 DeadlineStatusLabel(r.deadline.status), r.deadline.Describe(),
                                 r.deadline.label);
      }
    }
    if (!global.json) {
      std::cout << fmt::format("{} thời hạn — {} tại ngày {}\n", shown, o->name,
                               FormatVnDate(*on));
    }
    return 0;
  }));

  // calendar
  auto* calendar = app.add_subcommand("calendar", "Lịch ngày làm việc");
  int calendar_year = 0;
  std::string calendar_load;
  calendar->add_option("year", calendar_year, "Năm")->check(CLI::Range(1900, 2200));
  calendar->add_option("--load", calendar_load, "Nạp tệp lịch chính thức / điều chỉnh (CSV)");
  calendar->callback(run([&](Environment& env) {
    if (!calendar_load.empty()) {
      std::ifstream in(calendar_load);
      if (!in) return Fail(Error::NotFound(fmt::format("Không mở được tệp «{}»", calendar_load)));
      std::stringstream text;
      text << in.rdbuf();
      auto count = ImportCalendar(*env.store, *env.clock, "cli", text.str());
      if (!count.ok()) return Fail(count.error());
      std::cout << fmt::format("Đã nạp lịch {} năm\n", *count);
      return 0;
    }
    if (calendar_year == 0) return Fail(Error::Invalid("Cần chỉ rõ năm", "year"));
    auto days = env.calendar->Exceptions(calendar_year);
    if (global.json) {
      std::cout << ToJson(CalendarYear{.year = calendar_year, .days = days}) << "\n";
      return 0;
    }
    for (const auto& d : days) {
      {
        static const char* kWeekdays[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm",
                                          "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
        std::cout << fmt::format("{}  {:<8}  {:<14}  {}\n", FormatVnDate(d.date),
                                 kWeekdays[IsoWeekdayIndex(d.date)],
                                 d.kind == DayKind::kHoliday ? "Nghỉ" : "Làm việc", d.note);
      }
    }
    return 0;
  }));

  // rules
  auto* rules = app.add_subcommand("rules", "Bộ quy định theo thời kỳ");
  rules->require_subcommand(1);
  auto* rules_list = rules->add_subcommand("list", "Liệt kê các bộ quy định và tham số");
  rules_list->callback(run([&](Environment& env) {
    for (const auto& r : env.rule_sets) {
      if (global.json) {
        std::cout << ToJson(r) << "\n";
        continue;
      }
      std::cout << fmt::format("Bộ quy định {} — hiệu lực từ {}{}\n  Căn cứ: {}\n", r.code,
                               FormatVnDate(r.in_force_from),
                               r.in_force_to ? " đến " + FormatVnDate(*r.in_force_to) : "",
                               r.legal_basis);
      for (const auto& p : RuleParameters()) {
        auto v = GetRuleParameter(r, p.name);
        std::cout << fmt::format("  {:<4} {:<40} {:>6}  {}\n", p.rule, p.name, v.ok() ? *v : 0,
                                 p.description);
      }
    }
    return 0;
  }));
  auto* rules_set = rules->add_subcommand("set", "Sửa một tham số");
  std::string rule_code, rule_name;
  long rule_value = 0;
  rules_set->add_option("code", rule_code, "Mã bộ quy định (2021, 2025)")->required();
  rules_set->add_option("name", rule_name, "Tên tham số")->required();
  rules_set->add_option("value", rule_value, "Giá trị")->required();
  rules_set->callback(run([&](Environment& env) {
    auto st = SetRuleSetParameter(*env.store, *env.clock, "cli", rule_code, rule_name, rule_value);
    if (!st.ok()) return Fail(st.error());
    std::cout << "Đã cập nhật\n";
    return 0;
  }));

  // audit
  auto* audit = app.add_subcommand("audit", "Nhật ký thay đổi");
  audit->require_subcommand(1);
  // Exit 8: the chain does not verify (an edited, inserted or deleted entry).
  auto* audit_verify = audit->add_subcommand("verify", "Kiểm tra chuỗi băm có khóa của nhật ký");
  std::string verify_anchor;
  audit_verify->add_option("--anchor", verify_anchor,
                           "Tệp mốc do `audit anchor` ghi: phát hiện cả mục cuối bị xóa");
  audit_verify->callback(run([&](Environment& env) {
    auto tx = env.store->Begin(Access::kReadOnly);
    if (!tx.ok()) return Fail(tx.error());
    if (!verify_anchor.empty()) {
      auto anchor = ReadAuditAnchorFile(verify_anchor);
      if (!anchor.ok()) return Fail(anchor.error());
      auto held = (*tx)->Audit().VerifyAfter(*anchor, 0, AnchorCount::kCheck);
      if (!held.ok()) return Fail(held.error());
      if (!held->intact) {
        std::cerr << held->message << "\n";
        return 8;
      }
    }
    auto result = (*tx)->Audit().Verify();
    if (!result.ok()) return Fail(result.error());
    if (result->intact) {
      std::cout << fmt::format("Nhật ký toàn vẹn: {} bản ghi{}\n", result->entries,
                               verify_anchor.empty() ? "" : " (khớp với mốc)");
      return 0;
    }
    std::cerr << fmt::format("Nhật ký bị sửa đổi tại bản ghi {}: {}\n", result->first_bad_id,
                             result->message);
    return 8;
  }));
  auto* audit_anchor = audit->add_subcommand(
      "anchor", "Ghi mốc của nhật ký (mã băm cuối, số mục, mục cuối) để cất giữ nơi khác");
  std::string anchor_out;
  audit_anchor->add_option("--out", anchor_out, "Tệp ghi mốc (mặc định: in ra màn hình)");
  audit_anchor->callback(run([&](Environment& env) {
    auto tx = env.store->Begin(Access::kReadOnly);
    if (!tx.ok()) return Fail(tx.error());
    // An anchor of a chain that does not verify would vouch for the tampering.
    auto result = (*tx)->Audit().Verify();
    if (!result.ok()) return Fail(result.error());
    if (!result->intact) {
      std::cerr << fmt::format("Không ghi mốc: {}\n", result->message);
      return 8;
    }
    const std::string taken_at =
        FormatInstant(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (anchor_out.empty()) {
      std::cout << FormatAuditAnchor(result->head, taken_at);
      return 0;
    }
    auto written = WriteAuditAnchorFile(anchor_out, result->head, taken_at);
    if (!written.ok()) return Fail(written.error());
    std::cerr << fmt::format("Đã ghi mốc vào {}: {} mục, đến mục {}\n", anchor_out,
                             result->head.entries, result->head.last_id);
    return 0;
  }));
  auto* audit_show = audit->add_subcommand("show", "Xem nhật ký của một đối tượng");
  std::string audit_entity = "case";
  Id audit_id = 0;
  audit_show->add_option("--entity", audit_entity, "case|person|organisation|...");
  audit_show->add_option("--id", audit_id, "Mã")->required();
  audit_show->callback(run([&](Environment& env) {
    auto tx = env.store->Begin(Access::kReadOnly);
    if (!tx.ok()) return Fail(tx.error());
    auto entries = (*tx)->Audit().ListForEntity(audit_entity, audit_id);
    if (!entries.ok()) return Fail(entries.error());
    for (const auto& e : *entries) {
      std::cout << fmt::format("{}  {:<10} {:<32} {}\n", e.at, e.actor, e.action, e.after);
    }
    return 0;
  }));

  // user: accounts and roles (service/auth_service.h). The CLI acts as the system actor, which
  // may manage every account: whoever runs it holds the database file anyway.
  auto* user_cmd = app.add_subcommand("user", "Tài khoản người dùng");
  user_cmd->require_subcommand(1);
  struct UserOptions {
    std::string login, name, role, org, password;
    bool password_stdin = false;
  } user_opt;
  // A password from the command line, or one line of standard input (--password-stdin, or when
  // it is not a terminal), or typed twice at the terminal with echo off.
  auto read_password = [&](std::string_view prompt) -> Result<std::string> {
    if (!user_opt.password.empty()) return user_opt.password;
    auto read_line = [](std::string& line) {
      if (!std::getline(std::cin, line)) return false;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    };
    std::string first, second;
    if (user_opt.password_stdin || !::isatty(STDIN_FILENO)) {
      if (!read_line(first) || first.empty()) {
        return Error::Invalid("Không đọc được mật khẩu từ đầu vào chuẩn", "password");
      }
      return first;
    }
    termios saved{};
    const bool restore = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (restore) {
      termios silent = saved;
      silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::cerr << prompt << ": " << std::flush;
    bool read = read_line(first);
    std::cerr << "\nNhập lại: " << std::flush;
    read = read && read_line(second);
    std::cerr << "\n";
    if (restore) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!read) return Error::Invalid("Không đọc được mật khẩu", "password");
    if (first != second) return Error::Invalid("Hai lần nhập mật khẩu không khớp", "password");
    return first;
  };
  auto with_auth = [&](auto&& body) {
    return run([&, body](Environment& env) {
      SystemWallClock wall_clock;
      PasswordHasher hasher(PasswordHashParameters::Interactive(), 1);
      AuthService auth(*env.store, wall_clock, hasher);
      return body(env, auth);
    });
  };
  std::string role_codes;
  for (Role r : AllRoles())
    role_codes += (role_codes.empty() ? "" : "|") + std::string(RoleCode(r));

  auto* user_add = user_cmd->add_subcommand("add", "Tạo tài khoản");
  user_add->add_option("--login", user_opt.login, "Tên đăng nhập")->required();
  user_add->add_option("--name", user_opt.name, "Họ và tên")->required();
  user_add->add_option("--role", user_opt.role, role_codes)->required();
  user_add->add_option("--org", user_opt.org, "Mã đơn vị: phạm vi được xem và thao tác")
      ->required();
  auto* add_password = user_add->add_option("--password", user_opt.password,
                                            "Mật khẩu (≥ 10 ký tự; lộ trong lịch sử lệnh)");
  user_add->add_flag("--password-stdin", user_opt.password_stdin, "Đọc mật khẩu từ đầu vào chuẩn")
      ->excludes(add_password);
  user_add->callback(with_auth([&](Environment& env, AuthService& auth) {
    std::optional<Role> role = RoleFromCode(user_opt.role);
    if (!role) {
      return Fail(Error::Invalid(
          fmt::format("Không có vai trò «{}» (chọn một trong {})", user_opt.role, role_codes),
          "role"));
    }
    auto org = FindOrganisation(*env.store, user_opt.org);
    if (!org.ok()) return Fail(org.error());
    auto password = read_password("Mật khẩu");
    if (!password.ok()) return Fail(password.error());
    auto created = auth.CreateUser(Actor{}, {.login = user_opt.login,
                                             .full_name = user_opt.name,
                                             .role = *role,
                                             .org_id = org->id,
                                             .password = std::move(password).value()});
    if (!created.ok()) return Fail(created.error());
    if (global.json) {
      std::cout << UserToJson(*created) << "\n";
    } else {
      std::cout << fmt::format("Đã tạo tài khoản «{}» ({}) — {}, phạm vi {} [{}]\n", created->login,
                               created->full_name, RoleLabel(created->role), org->name, org->code);
    }
    return 0;
  }));

  auto* user_passwd = user_cmd->add_subcommand("passwd", "Đặt lại mật khẩu (kết thúc mọi phiên)");
  user_passwd->add_option("--login", user_opt.login, "Tên đăng nhập")->required();
  user_passwd->add_flag("--password-stdin", user_opt.password_stdin,
                        "Đọc mật khẩu mới từ đầu vào chuẩn");
  user_passwd->callback(with_auth([&](Environment&, AuthService& auth) {
    auto password = read_password("Mật khẩu mới");
    if (!password.ok()) return Fail(password.error());
    Status changed = auth.ChangePassword(Actor{}, user_opt.login, *password);
    if (!changed.ok()) return Fail(changed.error());
    std::cout << fmt::format("Đã đặt lại mật khẩu của «{}»; các phiên đăng nhập đã kết thúc\n",
                             user_opt.login);
    return 0;
  }));

  for (AccountState state : {AccountState::kDisabled, AccountState::kEnabled}) {
    const bool disable = state == AccountState::kDisabled;
    auto* sub = user_cmd->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Khóa tài khoản (kết thúc mọi phiên)" : "Mở khóa tài khoản");
    sub->add_option("--login", user_opt.login, "Tên đăng nhập")->required();
    sub->callback(with_auth([&, state, disable](Environment&, AuthService& auth) {
      Status done = auth.SetAccountState(Actor{}, user_opt.login, state);
      if (!done.ok()) return Fail(done.error());
      std::cout << fmt::format("Đã {} tài khoản «{}»\n", disable ? "khóa" : "mở khóa",
                               user_opt.login);
      return 0;
    }));
  }

  auto* user_list = user_cmd->add_subcommand("list", "Danh sách tài khoản");
  user_list->callback(with_auth([&](Environment& env, AuthService& auth) {
    auto users = auth.ListUsers(Actor{});
    if (!users.ok()) return Fail(users.error());
    auto tx = env.store->Begin(Access::kReadOnly);
    if (!tx.ok()) return Fail(tx.error());
    const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    for (const User& u : *users) {
      if (global.json) {
        std::cout << UserToJson(u) << "\n";
        continue;
      }
      auto org = (*tx)->Organisations().Get(u.org_id);
      std::string state = u.disabled ? "đã khóa"
                          : u.locked_until && *u.locked_until > now
                              ? "tạm khóa đến " + FormatInstant(*u.locked_until)
                              : "hoạt động";
      std::cout << fmt::format("{:<20} {:<34} {:<18} {:<12} {}\n", u.login, RoleLabel(u.role),
                               org.ok() ? org->code : std::to_string(u.org_id), state, u.full_name);
    }
    if (!global.json) std::cout << fmt::format("{} tài khoản\n", users->size());
    return 0;
  }));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return status;
}

}  // namespace ptdv
