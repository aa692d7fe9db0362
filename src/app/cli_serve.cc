// ptdv serve: the web server (HTTP API /api/v1 and the web UI).

#include <fmt/format.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <ostream>
#include <stop_token>
#include <thread>

#include "app/cli_commands.h"
#include "app/cli_context.h"
#include "app/shipped_data.h"
#include "domain/calendar_file.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/attachment_api.h"
#include "http/blended_class_api.h"
#include "http/import_api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "service/attachment_service.h"
#include "service/audit_monitor.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/calendar_service.h"
#include "service/change_tracker.h"
#include "service/import_service.h"
#include "service/org_service.h"
#include "service/password_hasher.h"
#include "service/reference_data.h"
#include "service/warm_start.h"
#include "service/write_queue.h"
#include "storage/database_url.h"

namespace ptdv {
namespace {

struct ServeOptions {
  http::ServerOptions server;
  bool insecure_cookie = false;
  int read_timeout_s = static_cast<int>(server.read_timeout.count() / 1000);
  int idle_timeout_s = static_cast<int>(server.idle_timeout.count() / 1000);
  // Half the cores (at least one): a login flood never takes the whole machine from the
  // other routes.
  int hash_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
  std::size_t hash_queue = 16;
  int logins_per_minute = 60;
  int certificate_checks_per_minute = 30;
  int candidate_views_per_minute = 30;
  int candidate_learning_per_minute = 120;
  int response_cache_mb = 64;
  int max_scan_mb = static_cast<int>(kDefaultMaxScanBytes >> 20);
  std::string trusted_proxies;
  std::string ops_networks = server.ops_networks.text();
};

void AddServeOptions(CLI::App& serve, CliContext& ctx, ServeOptions& o) {
  serve.add_option("--listen", o.server.listen, "Địa chỉ lắng nghe (mặc định 127.0.0.1:8080)")
      ->envname("PTDV_LISTEN");
  ctx.AddNumber(serve, "--threads", o.server.threads, "Số luồng mạng (0 = số lõi)", 0, 256)
      ->envname("PTDV_THREADS");
  ctx.AddNumber(serve, "--handler-threads", o.server.handler_threads,
                fmt::format("Số luồng xử lý yêu cầu (truy vấn cơ sở dữ liệu; 0 = số lõi, với "
                            "PostgreSQL là {})",
                            kPostgresConnections),
                0, 256)
      ->envname("PTDV_HANDLER_THREADS");
  ctx.AddNumber(serve, "--write-threads", o.server.write_threads,
                "Số luồng xử lý yêu cầu ghi (chờ ghi chung một lần; mặc định 16)", 1, 1024)
      ->envname("PTDV_WRITE_THREADS");
  ctx.AddNumber(serve, "--max-body-bytes", o.server.max_body_bytes,
                "Kích thước tối đa của nội dung yêu cầu (byte, mặc định 1 MiB)",
                std::size_t{1024}, std::size_t{64} << 20)
      ->envname("PTDV_MAX_BODY_BYTES");
  ctx.AddNumber(serve, "--read-timeout", o.read_timeout_s,
                "Thời gian chờ đọc một yêu cầu (giây)", 1, 3600)
      ->envname("PTDV_READ_TIMEOUT");
  ctx.AddNumber(serve, "--idle-timeout", o.idle_timeout_s,
                "Thời gian giữ kết nối rảnh giữa hai yêu cầu (giây)", 1, 3600)
      ->envname("PTDV_IDLE_TIMEOUT");
  // The web UI built by `make web` (web/dist) is served by default when run from the checkout.
  if (std::error_code ec; std::filesystem::is_directory("web/dist", ec)) {
    o.server.static_dir = "web/dist";
  }
  serve.add_option("--static-dir", o.server.static_dir,
                   "Thư mục giao diện web đã build (mặc định web/dist nếu có)")
      ->envname("PTDV_STATIC_DIR");
  // The session cookie is __Host-ptdv_session, Secure, unless a plain-HTTP demo asks otherwise.
  serve
      .add_flag(
          "--insecure-cookie", o.insecure_cookie,
          "Cookie phiên không có Secure (ptdv_session), chỉ để chạy thử qua http://127.0.0.1")
      ->envname("PTDV_INSECURE_COOKIE");
  ctx.AddNumber(serve, "--hash-threads", o.hash_threads,
                "Số mật khẩu được băm/kiểm tra cùng lúc (argon2id, 64 MiB mỗi lượt; mặc "
                "định một nửa số lõi, ít nhất 1)",
                1, 64)
      ->envname("PTDV_HASH_THREADS");
  ctx.AddNumber(serve, "--hash-queue", o.hash_queue,
                "Số lượt đăng nhập được chờ băm; quá số này trả 503 (mặc định 16)",
                std::size_t{0}, std::size_t{4096})
      ->envname("PTDV_HASH_QUEUE");
  ctx.AddNumber(serve, "--logins-per-minute", o.logins_per_minute,
                "Số lần đăng nhập mỗi phút từ một địa chỉ; quá số này trả 429 (mặc định 60)", 1,
                100000)
      ->envname("PTDV_LOGINS_PER_MINUTE");
  ctx.AddNumber(serve, "--certificate-checks-per-minute", o.certificate_checks_per_minute,
                "Số lần tra cứu chứng nhận mỗi phút từ một địa chỉ (mặc định 30)", 1, 100000)
      ->envname("PTDV_CERTIFICATE_CHECKS_PER_MINUTE");
  ctx.AddNumber(serve, "--candidate-views-per-minute", o.candidate_views_per_minute,
                "Số lần mở trang theo dõi hồ sơ của người được phát triển mỗi phút từ một địa chỉ "
                "(mặc định 30)",
                1, 100000)
      ->envname("PTDV_CANDIDATE_VIEWS_PER_MINUTE");
  ctx.AddNumber(
         serve, "--candidate-learning-per-minute", o.candidate_learning_per_minute,
         "Số thao tác học trực tuyến (mở tài liệu, làm bài kiểm tra) mỗi phút từ một địa chỉ "
         "(mặc định 120)",
         1, 100000)
      ->envname("PTDV_CANDIDATE_LEARNING_PER_MINUTE");
  ctx.AddNumber(serve, "--max-scan-mb", o.max_scan_mb,
                "Dung lượng tối đa của một bản quét đính kèm hồ sơ (MiB, mặc định 10)", 1, 200)
      ->envname("PTDV_MAX_SCAN_MB");
  ctx.AddNumber(serve, "--response-cache-mb", o.response_cache_mb,
                "Bộ nhớ đệm câu trả lời đọc đến lần ghi kế tiếp (MiB, 0 = tắt; mặc định 64)", 0,
                65536)
      ->envname("PTDV_RESPONSE_CACHE_MB");
  // The web surface (docs/security.md): proxies, operations network, connection cap.
  serve
      .add_option("--trusted-proxy", o.trusted_proxies,
                  "Proxy ngược tin cậy: địa chỉ hoặc mạng CIDR, cách nhau bởi dấu phẩy "
                  "(X-Forwarded-For/-Proto chỉ được tin từ các địa chỉ này)")
      ->envname("PTDV_TRUSTED_PROXY");
  serve
      .add_option("--ops-network", o.ops_networks,
                  "Mạng CIDR được đọc /metrics và /readyz (mặc định chỉ máy này)")
      ->envname("PTDV_OPS_NETWORK");
  ctx.AddNumber(serve, "--max-connections", o.server.max_connections,
                "Số kết nối mở tối đa; vượt quá thì trả 503 và đóng (mặc định 1024)",
                std::size_t{1}, std::size_t{1000000})
      ->envname("PTDV_MAX_CONNECTIONS");
}

// Hands the free pages inside glibc's arenas back to the system every `interval`, until
// destroyed. Requests allocate and free large vectors (a city's cases for its forecast, a page's
// rows) on many threads; glibc returns only the free top of each heap by itself and keeps the
// holes between live blocks resident. malloc_trim(0) releases those too (madvise on each free
// page), taking each arena's lock briefly.
class MemoryTrimmer {
 public:
  explicit MemoryTrimmer(std::chrono::milliseconds interval)
      : thread_([this, interval](const std::stop_token& stop) {
          std::mutex mutex;
          std::unique_lock lock(mutex);
          while (!wake_.wait_for(lock, stop, interval, [] { return false; })) {
            if (stop.stop_requested()) break;
            malloc_trim(0);
          }
        }) {}

 private:
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before wake_ is destroyed
};

// Builds the services, serves until stopped; the exit status.
int Serve(CliContext& ctx, Environment& env, ServeOptions& o) {
  // glibc gives each thread that allocates an arena of its own, up to 8 per core; the server's
  // threads (network, handlers, writers, hashing) would hold many half-empty ones. Four serve
  // two cores without contention.
  mallopt(M_ARENA_MAX, 4);
  http::ServerOptions& server_options = o.server;
  auto trusted = http::NetworkList::Parse(o.trusted_proxies);
  if (!trusted.ok()) return ctx.Fail(trusted.error());
  server_options.trusted_proxies = std::move(trusted).value();
  auto ops = http::NetworkList::Parse(o.ops_networks);
  if (!ops.ok()) return ctx.Fail(ops.error());
  server_options.ops_networks = std::move(ops).value();
  // A handler on PostgreSQL spends most of a request waiting for the server's answers: as many
  // handlers as connections keep both busy (measured: 1,448 → 1,809 reads/s with the mixed
  // load on the nation demo, two cores).
  if (server_options.handler_threads == 0 && IsPostgresUrl(ctx.global.db)) {
    server_options.handler_threads = kPostgresConnections;
  }
  server_options.read_timeout = std::chrono::seconds(o.read_timeout_s);
  server_options.idle_timeout = std::chrono::seconds(o.idle_timeout_s);
  PasswordHasher hasher(PasswordHashParameters::Interactive(), o.hash_threads, o.hash_queue);
  hasher.WarmUp();
  AuthService auth(*env.store, *env.clock, hasher);
  http::Router router;
  OrgService orgs(*env.store, *env.clock);
  auto shipped_calendar = ParseCalendarFile(ShippedCalendarCsv());
  if (!shipped_calendar.ok()) return ctx.Fail(shipped_calendar.error());
  CalendarService calendar_service(*env.store, *env.clock, *env.calendars, *shipped_calendar);
  AuditService audit(*env.store, *env.clock);
  ClassService classes(*env.store, *env.cases, *env.clock);
  TargetService targets(*env.store, env.cases->rule_sets(), *env.clock);
  SourceService sources(*env.store, targets, env.cases->rule_sets(), *env.clock);
  ReportService reports(*env.store);
  DashboardService dashboards(*env.store, *env.cases, targets);
  AttachmentService attachments(*env.store, *env.clock,
                                static_cast<std::size_t>(o.max_scan_mb) << 20);
  FormService forms(*env.store, *env.clock);
  // A scan's upload may be as large as the service accepts, with room for nothing else.
  ImportService imports(*env.store, env.cases->rule_sets(), env.cases->calendars(), *env.clock);
  MassOrganisationService mass_organisations(*env.store, *env.clock);
  CandidateLinkService candidate_links(*env.store, *env.clock);
  // A self-study document may be as large as a scan.
  BlendedClassService online_classes(*env.store, *env.clock, attachments.max_bytes());
  DigestService digests(*env.store, *env.cases, mass_organisations, *env.clock);
  // A scan's upload and a list to import may be larger than other requests; each handler
  // checks its own limit (the scan's size, the number of rows).
  const std::size_t max_scan_request = attachments.max_bytes() + std::size_t{64} * 1024;
  server_options.upload_limit = [max_scan_request](http::Method method,
                                                   std::string_view path) -> std::size_t {
    if (http::IsScanUpload(method, path) || http::IsMaterialUpload(method, path)) {
      return max_scan_request;
    }
    if (http::IsImportUpload(method, path)) return http::kMaxImportBodyBytes;
    return 0;
  };
  server_options.max_upload_bytes = std::max(max_scan_request, http::kMaxImportBodyBytes);
  ChangeTracker changes(*env.store);
  // The warm start's dashboards serve their first readers (service/dashboard_service.h).
  dashboards.RememberWith(changes, *env.clock);
  targets.RememberWith(changes);  // each city's step durations, for its wards' forecasts
  // Steps are committed many at a time (service/write_queue.h), until the server below stops.
  WriteQueue writes(*env.store);
  env.cases->UseWriteQueue(&writes);
  auto unhook = [](CaseService* cases) { cases->UseWriteQueue(nullptr); };
  const std::unique_ptr<CaseService, decltype(unhook)> hooked(&*env.cases, unhook);
  http::ResponseCache response_cache(static_cast<std::size_t>(o.response_cache_mb) << 20, &changes);
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
               .attachments = attachments,
               .forms = forms,
               .imports = imports,
               .mass_organisations = mass_organisations,
               .candidate_links = candidate_links,
               .online_classes = online_classes,
               .digests = digests,
               .auth_options = {.cookie = o.insecure_cookie ? http::CookieSecurity::kInsecure
                                                            : http::CookieSecurity::kSecure,
                                .logins_per_address = {.limit = o.logins_per_minute,
                                                       .window = std::chrono::seconds(60)}},
               .certificate_checks_per_minute = o.certificate_checks_per_minute,
               .candidate_views_per_minute = o.candidate_views_per_minute,
               .candidate_learning_per_minute = o.candidate_learning_per_minute,
               .response_cache = &response_cache});
  if (!registered.ok()) return ctx.Fail(registered.error());
  http::Metrics metrics;
  metrics.Watch(&response_cache);
  http::AccessLog access_log;
  Store& store = *env.store;
  // The checkpoint lives beside the key, outside the database (service/audit_monitor.h).
  AuditMonitor audit_monitor(store, AuditCheckpointPath(env.audit_key_path));
  ctx.err << audit_monitor.Start() << "\n";
  // Ready once the top units' dashboards are computed (service/warm_start.h).
  WarmStart warm_start(store, dashboards, changes, *env.clock);
  warm_start.Start();
  server_options.readiness = [&store, &audit_monitor, &warm_start]() -> Status {
    PTDV_RETURN_IF_ERROR(LoadRuleSets(store));
    PTDV_RETURN_IF_ERROR(audit_monitor.Check());
    return warm_start.Check();
  };
  const MemoryTrimmer trimmer(std::chrono::seconds(5));
  http::Server server(server_options, router, metrics, access_log);
  auto started = server.Start();
  if (!started.ok()) return ctx.Fail(started.error());
  ctx.err << fmt::format("PTĐV đang chạy: http://{}:{}/ (Ctrl+C để dừng)\n",
                         server_options.listen.substr(0, server_options.listen.rfind(':')),
                         server.port());
  server.Run();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Chạy máy chủ web (API /api/v1 và giao diện)");
  AddServeOptions(*serve, ctx, *o);
  serve->callback(ctx.Run([&ctx, o](Environment& env) { return Serve(ctx, env, *o); }));
}

}  // namespace ptdv
