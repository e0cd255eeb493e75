// --json-path replaces a file whole or not at all (issue 11, item 2): a run that fails keeps
// the old file (a compare baseline), a run with a report replaces it, and a directory that
// disappears during the run costs the file, not the report.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "child_process.h"
#include "test_files.h"
#include "target.h"

using namespace ringbench::testing;
namespace fs = std::filesystem;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace json_path_test {

const std::string refused_url = "http://127.0.0.1:1/";
// A 64-byte label: the resolver refuses it locally (no DNS query leaves the machine).
const std::string unresolvable_url = "http://" + std::string(64, 'a') + ".invalid/";
const std::string old_text = "{\"the\": \"old baseline\"}\n";


// Every name in `dir`: a leftover temporary file would show here.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

size_t line_count(const std::string& s) { return size_t(std::count(s.begin(), s.end(), '\n')); }

void expect_kept(const std::vector<std::string>& args, int exit_code, const fs::path& file) {
  const ChildResult r = run_ringbench(args);
  EXPECT_EQ(r.exit_code, exit_code) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_EQ(read_all(file), old_text) << args.back();
  EXPECT_EQ(names_in(file.parent_path()), std::vector<std::string>{file.filename().string()});
}


TEST(CliJsonPath, AFailedRunLeavesTheOldFileAsItWas) {
  const fs::path file = fresh_dir("json_path_failed") / "base.json";
  write_text(file, old_text);
  const std::string path = file.string();
  expect_kept({"-n", "5", "--json-path", path, refused_url}, 3, file);
  expect_kept({"-n", "5", "--json-path", path, unresolvable_url}, 3, file);
  // Refused by the plan, after the file was prepared.
  expect_kept({"-n", "5", "-m", "POST", "-d", "hello", "-H", "Content-Length: 3", "--json-path", path, refused_url}, 2,
              file);
  expect_kept({"sweep", "--conc", "2", "-z", "100ms", "--warmup", "0", "--json-path", path, refused_url}, 3, file);
}

TEST(CliJsonPath, ARunWithAReportReplacesTheFileAndKeepsItsMode) {
  Target target;
  const fs::path file = fresh_dir("json_path_replaced") / "base.json";
  write_text(file, old_text);
  ASSERT_EQ(chmod(file.c_str(), 0640), 0);
  const ChildResult r = run_ringbench({"-n", "50", "-c", "2", "--json-path", file.string(), target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(read_all(file))["summary"]["responses"], 50);
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(names_in(file.parent_path()), std::vector<std::string>{"base.json"});

  write_text(file, old_text);
  // Every disqualification rule off: on a loaded machine c = 2's tail can exceed the baseline's
  // by any ratio, and which level qualifies is not what this test is about.
  const ChildResult sweep = run_ringbench(
      {"sweep", "--conc", "2", "-z", "200ms", "--warmup", "0", "--max-spread", "1000", "--max-p999-ratio", "1000",
       "--max-tail-mult", "1000", "--json-path", file.string(), target.url()});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  EXPECT_EQ(nlohmann::json::parse(read_all(file))["points"].size(), 1u);
  EXPECT_EQ(names_in(file.parent_path()), std::vector<std::string>{"base.json"});
}

// As a shell's > would: the file behind a symbolic link is replaced, the link stays a link.
TEST(CliJsonPath, ALinkIsFollowed) {
  Target target;
  const fs::path dir = fresh_dir("json_path_link");
  write_text(dir / "real.json", old_text);
  fs::create_symlink("real.json", dir / "link.json");
  const ChildResult r = run_ringbench({"-n", "10", "-c", "1", "--json-path", (dir / "link.json").string(), target.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
  EXPECT_EQ(nlohmann::json::parse(read_all(dir / "real.json"))["summary"]["responses"], 10);
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"link.json", "real.json"}));
}

TEST(CliJsonPath, ATargetThatIsADirectoryIsAUsageError) {
  const fs::path dir = fresh_dir("json_path_is_dir");
  const ChildResult r = run_ringbench({"-n", "5", "--json-path", dir.string(), refused_url});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  EXPECT_TRUE(names_in(dir).empty());
}

// The directory goes away once the run has printed its first interval (-o ndjson, after one
// second of three): the report still reaches stdout, stderr says in one line that the file
// could not be written, and the exit code is 3.
TEST(CliJsonPath, ADirectoryRemovedDuringTheRunCostsTheFileNotTheReport) {
  ringbench::serve::ServerOptions slow;
  slow.delay = std::chrono::milliseconds(1);
  Target target(slow);
  const fs::path dir = fresh_dir("json_path_removed");
  const std::string path = (dir / "run.json").string();
  bool removed = false;
  ChildOptions options;
  options.on_output = [&](const ChildResult& so_far) {
    if (!removed && so_far.out.find('\n') != std::string::npos) {
      fs::remove_all(dir);
      removed = true;
    }
    return 0;
  };
  const ChildResult r = run_ringbench({"-z", "3s", "-c", "2", "-o", "ndjson", "--json-path", path, target.url()}, options);
  ASSERT_TRUE(removed) << r.out;
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("--json-path: could not write '" + path + "'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("--help"), std::string::npos) << r.err;
  const std::string last_line = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
  EXPECT_GT(nlohmann::json::parse(last_line)["summary"]["responses"].get<uint64_t>(), 0u) << last_line;
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace json_path_test
