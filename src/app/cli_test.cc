// The command line's refusals (app/cli.h): every command fed garbage — an unknown option, a
// missing value, a word or an overlong number where a number goes, an impossible date — answers
// exit 2 with a Vietnamese message and the command's usage line, and never crashes.

#include "app/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli_test_util.h"
#include "storage/temp_directory_test_util.h"

namespace ptdv {
namespace {

namespace fs = std::filesystem;

using test::CliRun;

// One command with arguments that make it complete. "{N}" stands where a number goes, "{D}"
// where a date goes (both only where the command has one).
struct CommandCase {
  std::string command;
  std::vector<std::string> args;
  std::string value_option;  // an option of its own that takes a value; empty: it has none
};

const std::vector<CommandCase>& Commands() {
  static const std::vector<CommandCase> commands = {
      {"migrate", {"migrate"}, ""},
      {"demo", {"demo", "--seed", "{N}"}, "--scale"},
      {"serve", {"serve", "--threads", "{N}"}, "--listen"},
      {"org tree", {"org", "tree", "--on", "{D}"}, "--root"},
      {"org add",
       {"org", "add", "--code", "X", "--name", "X", "--committee-size", "{N}", "--valid-from",
        "{D}"},
       "--kind"},
      {"org members", {"org", "members", "HUE", "--on", "{D}"}, "--on"},
      {"member add",
       {"member", "add", "--person", "{N}", "--org", "HUE", "--from", "{D}"},
       "--kind"},
      {"person add", {"person", "add", "--name", "X", "--birth", "{D}", "--org", "HUE"}, "--sex"},
      {"person search", {"person", "search", "an", "--limit", "{N}"}, "--org"},
      {"case open",
       {"case", "open", "--person", "{N}", "--cell", "HUE", "--date", "{D}"},
       "--category"},
      {"case show", {"case", "show", "{N}", "--on", "{D}"}, "--on"},
      {"case print", {"case", "print", "{N}", "--event", "{N}"}, "--form"},
      {"case list", {"case", "list", "--org", "HUE", "--limit", "{N}"}, "--stage"},
      {"case advance",
       {"case", "advance", "{N}", "--action", "withdraw", "--date", "{D}"},
       "--note"},
      {"deadlines", {"deadlines", "--org", "HUE", "--on", "{D}"}, "--status"},
      {"calendar", {"calendar", "{N}"}, "--load"},
      {"rules list", {"rules", "list"}, ""},
      {"rules set", {"rules", "set", "2021", "x", "{N}"}, ""},
      {"audit verify", {"audit", "verify"}, "--anchor"},
      {"audit anchor", {"audit", "anchor"}, "--out"},
      {"audit show", {"audit", "show", "--id", "{N}"}, "--entity"},
      {"user add",
       {"user", "add", "--login", "a", "--name", "A", "--role", "admin", "--org", "HUE"},
       "--password"},
      {"user passwd", {"user", "passwd", "--login", "a"}, "--login"},
      {"user disable", {"user", "disable", "--login", "a"}, "--login"},
      {"user enable", {"user", "enable", "--login", "a"}, "--login"},
      {"user list", {"user", "list"}, ""},
      {"import", {"import", "--kind", "members", "--file", "x.csv"}, "--file"},
      {"backup", {"backup", "copies", "--keep", "{N}"}, "--keep"},
      {"restore", {"restore", "copy.db"}, ""},
      {"db copy", {"db", "copy", "--from", "a.db", "--to", "b.db"}, "--to"},
      {"digest send",
       {"digest", "send", "--smtp-url", "smtp://127.0.0.1:1", "--from", "ptdv@hue.gov.vn"},
       "--from"},
  };
  return commands;
}

class CliTest : public ::testing::Test {
 protected:
  CliRun Ptdv(const std::vector<std::string>& args) {
    return test::RunPtdv(temp_.File("ptdv.db"), args);
  }

  // `c`'s arguments with `number` and `date` where they go.
  static std::vector<std::string> Fill(const CommandCase& c, const std::string& number,
                                       const std::string& date) {
    std::vector<std::string> args = c.args;
    for (std::string& arg : args) {
      if (arg == "{N}") arg = number;
      if (arg == "{D}") arg = date;
    }
    return args;
  }

  static bool Has(const CommandCase& c, const std::string& placeholder) {
    return std::find(c.args.begin(), c.args.end(), placeholder) != c.args.end();
  }

  // A refusal as every garbage run must end: exit 2, nothing on standard output, the message in
  // Vietnamese and no CLI11 English.
  static void ExpectRefused(const CliRun& run, const std::string& message,
                            const std::string& context) {
    EXPECT_EQ(run.status, 2) << context << "\n" << run.err;
    EXPECT_EQ(run.out, "") << context;
    // A command that opened the database first may have announced its new audit key before.
    EXPECT_NE(run.err.find("Lỗi"), std::string::npos) << context << "\n" << run.err;
    EXPECT_NE(run.err.find(message), std::string::npos) << context << "\n" << run.err;
    for (const char* english : {"required", "expected", "Could not", "convert", "Usage", "OPTIONS",
                                "missing", "not allowed", "Run with"}) {
      EXPECT_EQ(run.err.find(english), std::string::npos) << context << "\n" << run.err;
    }
  }

  test::TempDirectory temp_{"ptdv-cli-test"};
  const fs::path& dir_ = temp_.path();
};

TEST_F(CliTest, TheTableCoversEveryCommand) {
  std::vector<std::string> covered;
  for (const CommandCase& c : Commands()) covered.push_back(c.command);
  EXPECT_EQ(covered, CliCommands());
}

TEST_F(CliTest, EveryCommandRefusesAnUnknownOptionWithItsUsageLine) {
  for (const CommandCase& c : Commands()) {
    std::vector<std::string> args = Fill(c, "1", "2020-01-01");
    args.push_back("--khong-co");
    CliRun run = Ptdv(args);
    ExpectRefused(run, "Không nhận ra tham số: --khong-co", c.command);
    EXPECT_NE(run.err.find("Cách dùng: ptdv " + c.command), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("ptdv " + c.command + " --help"), std::string::npos) << run.err;
  }
}

TEST_F(CliTest, EveryCommandRefusesAnOptionWithoutItsValue) {
  for (const CommandCase& c : Commands()) {
    if (c.value_option.empty()) continue;
    std::vector<std::string> args = Fill(c, "1", "2020-01-01");
    args.push_back(c.value_option);
    ExpectRefused(Ptdv(args), c.value_option + " cần một giá trị", c.command);
  }
  ExpectRefused(Ptdv({"case", "show"}), "Thiếu id", "case show");
  ExpectRefused(Ptdv({"case"}), "Cần chỉ rõ một lệnh con", "case");
}

TEST_F(CliTest, EveryNumberRefusesAWordAndAnOverlongNumberBeforeTheDatabaseIsOpened) {
  for (const CommandCase& c : Commands()) {
    if (!Has(c, "{N}")) continue;
    for (const std::string number : {"abc", "99999999999999999999999", "7x", "-"}) {
      ExpectRefused(Ptdv(Fill(c, number, "2020-01-01")), "«" + number + "» không hợp lệ",
                    c.command + " " + number);
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "ptdv.db"));
  EXPECT_FALSE(fs::exists(dir_ / "copies"));
}

TEST_F(CliTest, EveryCommandRefusesAnImpossibleDate) {
  for (const CommandCase& c : Commands()) {
    std::vector<std::string> args = {"--today", "31/02/2026"};
    std::vector<std::string> rest = Fill(c, "1", "2020-01-01");
    args.insert(args.end(), rest.begin(), rest.end());
    ExpectRefused(Ptdv(args), "không phải là ngày có thật", c.command + " --today");
  }
  EXPECT_FALSE(fs::exists(dir_ / "ptdv.db"));
  for (const CommandCase& c : Commands()) {
    if (!Has(c, "{D}")) continue;
    ExpectRefused(Ptdv(Fill(c, "1", "30/02/2024")), "không phải là ngày có thật", c.command);
  }
}

TEST_F(CliTest, HelpIsInVietnameseAndSucceeds) {
  CliRun run = Ptdv({"case", "show", "--help"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Cách dùng: ptdv case show"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("In hướng dẫn này rồi thoát"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace ptdv
