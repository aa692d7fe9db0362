// Drives the real `ptdv` binary: a full case walked from source to official member through the
// CLI (S0-S14, P1-P6), and bad input that must change nothing.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("PTDV_BIN");
    ASSERT_NE(bin, nullptr) << "PTDV_BIN must name the ptdv binary";
    bin_ = bin;
    dir_ = fs::temp_directory_path() /
           ("ptdv-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "test.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
      if (c == '\'') {
        q += "'\\''";
      } else {
        q += c;
      }
    }
    return q + "'";
  }

  CliRun Ptdv(const std::vector<std::string>& args) {
    std::string cmd = Quote(bin_) + " --db " + Quote(db_) + " --today 2026-11-27";
    for (const auto& a : args) cmd += " " + Quote(a);
    std::string err_file = (dir_ / "stderr.txt").string();
    cmd += " 2>" + Quote(err_file);
    CliRun r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
    int raw = ::pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    return r;
  }

  // Runs and expects success; returns stdout.
  std::string Ok(const std::vector<std::string>& args) {
    CliRun r = Ptdv(args);
    EXPECT_EQ(r.status, 0) << "args: " << args[0] << " " << (args.size() > 1 ? args[1] : "")
                           << "\nstderr: " << r.err << "\nstdout: " << r.out;
    return r.out;
  }

  // Extracts the integer after `"key":` in a JSON line.
  static long JsonInt(const std::string& json, const std::string& key) {
    auto pos = json.find("\"" + key + "\":");
    if (pos == std::string::npos) return -1;
    return std::stol(json.substr(pos + key.size() + 3));
  }
  static std::string JsonString(const std::string& json, const std::string& key) {
    auto pos = json.find("\"" + key + "\":\"");
    if (pos == std::string::npos) return {};
    pos += key.size() + 4;
    return json.substr(pos, json.find('"', pos) - pos);
  }

  long AddPerson(const std::string& name, const std::string& birth, const std::string& org) {
    return JsonInt(Ok({"--json", "person", "add", "--name", name, "--birth", birth, "--org", org}),
                   "id");
  }

  // A small tree: city committee > ward committee (7 committee members) > cell with 9 official
  // members, all official since 2015.
  void BuildTree() {
    Ok({"org", "add", "--code", "HUE", "--name", "Thành ủy Huế", "--kind", "city_committee"});
    Ok({"org", "add", "--code", "HUE-TAYLOC", "--name", "Đảng ủy phường Tây Lộc", "--kind",
        "grassroots_committee", "--parent", "HUE", "--committee-size", "7"});
    Ok({"org", "add", "--code", "HUE-TAYLOC-CB01", "--name", "Chi bộ Tổ dân phố 1", "--kind",
        "cell", "--parent", "HUE-TAYLOC"});
    const char* names[] = {"Lê Văn An",   "Trần Thị Bình", "Võ Đức Cường", "Hồ Thị Dung",
                           "Phan Văn Em", "Tôn Nữ Hoa",    "Nguyễn Văn Giang",
                           "Đặng Thị Hạnh", "Bùi Văn Khoa"};
    for (const char* n : names) {
      long id = AddPerson(n, "1970-03-04", "HUE-TAYLOC-CB01");
      members_.push_back(id);
      Ok({"member", "add", "--person", std::to_string(id), "--org", "HUE-TAYLOC-CB01", "--from",
          "2015-01-01"});
    }
  }

  std::string bin_;
  fs::path dir_;
  std::string db_;
  std::vector<long> members_;
};

TEST_F(CliTest, WalksACaseFromSourceToOfficialMember) {
  BuildTree();
  EXPECT_NE(Ok({"org", "members", "HUE-TAYLOC-CB01", "--on", "2024-04-05"})
                .find("9 đảng viên chính thức"),
            std::string::npos);
  long person = AddPerson("Nguyễn Văn Đức", "1990-05-10", "HUE-TAYLOC-CB01");
  // Unaccented search finds the accented name.
  EXPECT_NE(Ok({"person", "search", "nguyen van duc"}).find("Nguyễn Văn Đức"), std::string::npos);

  std::string id = std::to_string(JsonInt(
      Ok({"--json", "case", "open", "--person", std::to_string(person), "--cell",
          "HUE-TAYLOC-CB01", "--category", "teacher", "--date", "2024-01-05"}),
      "id"));
  std::string m1 = std::to_string(members_[0]), m2 = std::to_string(members_[1]);
  auto advance = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"case", "advance", id});
    return Ok(args);
  };
  advance({"--action", "mark_sympathiser", "--date", "2024-01-10", "--member", m1, "--doc",
           "NQ:01-NQ/CB"});
  advance({"--action", "record_certificate", "--date", "2024-02-01", "--doc",
           "GCN:123/GCN-TTCT:2024-02-01"});
  advance({"--action", "open_dossier", "--date", "2024-02-15", "--doc", "1-KNĐ:-", "--doc",
           "2-KNĐ:-"});
  advance({"--action", "stamp_biography", "--date", "2024-02-20"});
  for (auto [relation, name] : {std::pair{"self", "Nguyễn Văn Đức"},
                                std::pair{"father", "Nguyễn Văn Hùng"},
                                std::pair{"mother", "Lê Thị Lan"}}) {
    advance({"--action", "request_verification", "--date", "2024-02-21", "--relation", relation,
             "--relative-name", name, "--doc", "20-KNĐ:05-CV/ĐU"});
    advance({"--action", "record_verification_reply", "--date", "2024-03-10", "--relation",
             relation, "--relative-name", name, "--finding", "clear"});
  }
  advance({"--action", "conclude_verification", "--date", "2024-03-15"});
  advance({"--action", "add_introducer", "--date", "2024-03-20", "--member", m1,
           "--together-since", "2020-01-01", "--doc", "3-KNĐ:-"});
  advance({"--action", "add_introducer", "--date", "2024-03-20", "--member", m2,
           "--together-since", "2020-01-01", "--doc", "3-KNĐ:-"});
  advance({"--action", "record_opinions", "--date", "2024-03-25", "--doc", "5-KNĐ:-"});

  // The cell committee's check (S8) finds nothing missing on the vote date.
  std::string before = Ok({"--json", "case", "show", id, "--on", "2024-04-05"});
  EXPECT_NE(before.find(R"("unmet":[])"), std::string::npos) << before;
  long version_before = JsonInt(before, "version");

  // S9: 5 of 9 in favour is refused with the rule, and nothing changes.
  CliRun refused = Ptdv({"case", "advance", id, "--action", "cell_vote", "--date", "2024-04-05",
                      "--eligible", "9", "--present", "8", "--in-favour", "5", "--doc",
                      "6-KNĐ:02-NQ/CB"});
  EXPECT_EQ(refused.status, 4);
  EXPECT_NE(refused.err.find("S9"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("2/3"), std::string::npos) << refused.err;
  EXPECT_EQ(JsonInt(Ok({"--json", "case", "show", id}), "version"), version_before);

  // 6 of 9 (exactly 2/3) passes.
  advance({"--action", "cell_vote", "--date", "2024-04-05", "--eligible", "9", "--present", "8",
           "--in-favour", "6", "--doc", "6-KNĐ:02-NQ/CB"});
  advance({"--action", "grassroots_vote", "--date", "2024-04-15", "--eligible", "7", "--present",
           "7", "--in-favour", "7", "--doc", "8-KNĐ:15-NQ/ĐU"});
  // S12 deadline is shown while the decision is pending.
  std::string pending = Ok({"--json", "case", "show", id, "--on", "2024-04-20"});
  EXPECT_EQ(JsonString(pending, "stage"), "grassroots_approved");
  EXPECT_NE(pending.find(R"("rule":"S12")"), std::string::npos) << pending;

  advance({"--action", "admission_decision", "--date", "2024-05-10", "--doc",
           "9-KNĐ:1234-QĐ/TU"});
  advance({"--action", "ceremony", "--date", "2024-05-20"});
  // Now a probationary member: not in the official count.
  EXPECT_NE(Ok({"org", "members", "HUE-TAYLOC-CB01", "--on", "2024-06-01"})
                .find("9 đảng viên chính thức"),
            std::string::npos);
  advance({"--action", "record_new_member_certificate", "--date", "2024-10-01", "--doc",
           "GCN:88/GCN-TTCT"});
  // P1: too early for the recognition vote.
  CliRun early = Ptdv({"case", "advance", id, "--action", "recognition_cell_vote", "--date",
                    "2025-05-19", "--eligible", "9", "--present", "9", "--in-favour", "9",
                    "--doc", "10-KNĐ:-", "--doc", "11-KNĐ:-", "--doc", "12-KNĐ:-", "--doc",
                    "13-KNĐ:-"});
  EXPECT_EQ(early.status, 4);
  EXPECT_NE(early.err.find("P1"), std::string::npos) << early.err;
  advance({"--action", "recognition_cell_vote", "--date", "2025-05-22", "--eligible", "9",
           "--present", "9", "--in-favour", "9", "--doc", "10-KNĐ:-", "--doc", "11-KNĐ:-",
           "--doc", "12-KNĐ:-", "--doc", "13-KNĐ:05-NQ/CB"});
  advance({"--action", "recognition_grassroots_vote", "--date", "2025-06-02", "--eligible", "7",
           "--present", "6", "--in-favour", "6", "--doc", "15-KNĐ:20-NQ/ĐU"});
  // Decided late, but P6: official from the exact 12-month mark.
  advance({"--action", "recognition_decision", "--date", "2025-07-30", "--doc",
           "16-KNĐ:2001-QĐ/TU"});

  std::string done = Ok({"--json", "case", "show", id});
  EXPECT_EQ(JsonString(done, "stage"), "official");
  EXPECT_EQ(JsonString(done, "official_date"), "2025-05-20");
  // The new official member now counts in the cell (S9 denominators follow).
  EXPECT_NE(Ok({"org", "members", "HUE-TAYLOC-CB01", "--on", "2025-06-01"})
                .find("10 đảng viên chính thức"),
            std::string::npos);
  // Every change is audited and the chain verifies.
  std::string trail = Ok({"audit", "show", "--entity", "case", "--id", id});
  EXPECT_NE(trail.find("case.cell_vote"), std::string::npos);
  EXPECT_NE(trail.find("case.recognition_decision"), std::string::npos);
  EXPECT_NE(Ok({"audit", "verify"}).find("toàn vẹn"), std::string::npos);
}

TEST_F(CliTest, RefusesBadInputAndChangesNothing) {
  BuildTree();
  long person = AddPerson("Trần Văn Tâm", "1992-01-01", "HUE-TAYLOC-CB01");
  std::string id = std::to_string(JsonInt(
      Ok({"--json", "case", "open", "--person", std::to_string(person), "--cell",
          "HUE-TAYLOC-CB01", "--date", "2024-01-05"}),
      "id"));
  std::string before = Ok({"--json", "case", "show", id});
  std::string audit_before = Ok({"audit", "verify"});

  struct BadCase {
    std::vector<std::string> args;
    int status;
    std::string message;
  } cases[] = {
      {{"case", "show", "999999"}, 3, "Không tìm thấy"},
      {{"case", "advance", "999999", "--action", "withdraw"}, 3, "Không tìm thấy"},
      {{"case", "advance", id, "--action", "fly_to_moon"}, 2, "Không có thao tác"},
      {{"case", "advance", id, "--action", "mark_sympathiser", "--date", "2024/01/10"}, 2,
       "định dạng"},
      {{"case", "advance", id, "--action", "mark_sympathiser", "--date", "30/02/2024"}, 2,
       "không phải là ngày có thật"},
      {{"case", "advance", id, "--action", "mark_sympathiser", "--date", "2030-01-01", "--member",
        std::to_string(members_[0])},
       2, "tương lai"},
      {{"case", "advance", id, "--action", "ceremony", "--date", "2024-02-01"}, 5,
       "Không thể"},
      {{"case", "advance", id, "--action", "mark_sympathiser", "--date", "2024-01-10",
        "--member", std::to_string(person)},
       2, "không thể là chính người vào Đảng"},
      {{"case", "advance", id, "--action", "mark_sympathiser", "--date", "2024-01-10",
        "--version", "7", "--member", std::to_string(members_[0])},
       5, "người khác cập nhật"},
      {{"person", "add", "--name", "X", "--birth", "1990-13-01", "--org", "HUE-TAYLOC-CB01"}, 2,
       "không phải là ngày có thật"},
      {{"case", "open", "--person", std::to_string(person), "--cell", "NO-SUCH"}, 3,
       "Không tìm thấy đơn vị"},
      {{"deadlines", "--org", "HUE", "--on", "tomorrow"}, 2, "định dạng"},
  };
  for (const auto& bad : cases) {
    CliRun r = Ptdv(bad.args);
    EXPECT_EQ(r.status, bad.status) << bad.args[0] << " " << bad.args[1] << "\n" << r.err;
    EXPECT_NE(r.err.find(bad.message), std::string::npos) << r.err;
  }

  // A vote with more in favour than present, on a case ready for the vote, is refused too.
  CliRun vote = Ptdv({"case", "advance", id, "--action", "cell_vote", "--date", "2024-04-05",
                   "--eligible", "9", "--present", "5", "--in-favour", "6"});
  EXPECT_NE(vote.status, 0);

  EXPECT_EQ(Ok({"--json", "case", "show", id}), before);
  EXPECT_EQ(Ok({"audit", "verify"}), audit_before);
}

// A unit named by a number too long for an id is an unknown unit: exit 3 with the message, never
// an abort (std::stoll threw std::out_of_range here before).
TEST_F(CliTest, AUnitNamedByAHugeNumberIsNotFound) {
  CliRun r = Ptdv({"case", "list", "--org", "99999999999999999999999"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("Không tìm thấy đơn vị «99999999999999999999999»"), std::string::npos)
      << r.err;
}

// Numbers on the command line are read whole (from_chars): garbage, overflow, a negative id or a
// value out of range is a Vietnamese error with exit 2 that names the option, and changes nothing.
// A unit is named by code or id, so a unit that is no number is simply not found (exit 3).
TEST_F(CliTest, GarbageNumbersAreRefusedWithTheOptionNamed) {
  BuildTree();
  const std::string audit_before = Ok({"audit", "verify"});
  struct BadNumber {
    std::vector<std::string> args;
    int status;
    std::string message;
  } cases[] = {
      {{"case", "show", "12abc"}, 2, "id «12abc» không hợp lệ: cần một mã số nguyên dương"},
      {{"case", "show", "99999999999999999999999"}, 2,
       "id «99999999999999999999999» không hợp lệ"},
      {{"case", "show", "-5"}, 2, "id «-5» không hợp lệ"},
      {{"case", "show", "0x10"}, 2, "id «0x10» không hợp lệ"},
      {{"member", "add", "--person", "-3", "--org", "HUE-TAYLOC-CB01", "--from", "2015-01-01"},
       2, "--person «-3» không hợp lệ"},
      {{"case", "open", "--person", "7 ", "--cell", "HUE-TAYLOC-CB01"}, 2,
       "--person «7 » không hợp lệ"},
      {{"case", "list", "--org", "HUE", "--limit", "1e3"}, 2,
       "--limit «1e3» không hợp lệ: cần một số nguyên từ"},
      {{"case", "list", "--org", "12abc"}, 3, "Không tìm thấy đơn vị «12abc»"},
      {{"case", "list", "--org", "-1"}, 3, "Không tìm thấy đơn vị «-1»"},
      {{"deadlines", "--org", "99999999999999999999999"}, 3,
       "Không tìm thấy đơn vị «99999999999999999999999»"},
      {{"audit", "show", "--id", "4294967296999999999999"}, 2, "--id «4294967296999999999999»"},
      {{"calendar", "3000"}, 2, "year «3000» không hợp lệ: cần một số nguyên từ 1900 đến 2200"},
      {{"rules", "set", "2021", "x", "12abc"}, 2, "value «12abc» không hợp lệ"},
      {{"org", "add", "--code", "X", "--name", "X", "--parent", "HUE", "--committee-size",
        "99999999999"},
       2, "--committee-size «99999999999» không hợp lệ"},
      {{"serve", "--threads", "999"}, 2, "--threads «999» không hợp lệ: cần một số nguyên từ 0 đến 256"},
      {{"demo", "--scale", "nan"}, 2, "--scale «nan» không hợp lệ"},
  };
  for (const auto& bad : cases) {
    CliRun r = Ptdv(bad.args);
    EXPECT_EQ(r.status, bad.status) << bad.args[0] << " " << bad.args[1] << "\n" << r.err;
    EXPECT_NE(r.err.find("Lỗi: " + bad.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "") << bad.args[0] << " " << bad.args[1];
  }
  // A vote count that is no number never reaches the case.
  long person = AddPerson("Lê Văn Số", "1992-01-01", "HUE-TAYLOC-CB01");
  std::string id = std::to_string(JsonInt(
      Ok({"--json", "case", "open", "--person", std::to_string(person), "--cell",
          "HUE-TAYLOC-CB01", "--date", "2024-01-05"}),
      "id"));
  const std::string before = Ok({"--json", "case", "show", id});
  CliRun vote = Ptdv({"case", "advance", id, "--action", "cell_vote", "--eligible", "9",
                      "--present", "8x", "--in-favour", "6"});
  EXPECT_EQ(vote.status, 2) << vote.err;
  EXPECT_NE(vote.err.find("--present «8x» không hợp lệ"), std::string::npos) << vote.err;
  EXPECT_EQ(Ok({"--json", "case", "show", id}), before);
  EXPECT_NE(Ok({"audit", "verify"}), audit_before);  // the person and case above, audited
}

// A bad number is refused before the database is opened: no database and no key are created.
TEST_F(CliTest, ABadNumberCreatesNoDatabase) {
  CliRun r = Ptdv({"case", "show", "abc"});
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_FALSE(fs::exists(db_));
  EXPECT_FALSE(fs::exists(db_ + ".audit-key"));
}

// --root bounds the JSON output as it bounds the printed tree.
TEST_F(CliTest, TheTreeFromARootHoldsOnlyThatSubtreeInEveryFormat) {
  BuildTree();
  Ok({"org", "add", "--code", "HUE-VYDA", "--name", "Đảng ủy phường Vỹ Dạ", "--kind",
      "grassroots_committee", "--parent", "HUE"});
  const std::string json = Ok({"--json", "org", "tree", "--root", "HUE-TAYLOC"});
  EXPECT_NE(json.find("\"HUE-TAYLOC\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"HUE-TAYLOC-CB01\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"HUE-VYDA\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"HUE\""), std::string::npos) << json;
  const std::string text = Ok({"org", "tree", "--root", "HUE-TAYLOC"});
  EXPECT_EQ(text.find("Vỹ Dạ"), std::string::npos) << text;
  EXPECT_NE(Ok({"--json", "org", "tree"}).find("\"HUE-VYDA\""), std::string::npos);
}

}  // namespace
