// --html-path and `ringbench report` from the command line: the page is written beside the
// report, a saved report is drawn the same, and what is not a report is a one-line usage
// error (exit 2) that writes nothing. (The pages are opened in a browser by tests/html.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "child_process.h"
#include "test_files.h"
#include "target.h"

using namespace ringbench::testing;
namespace fs = std::filesystem;

// Named, not anonymous: the unity build joins the test files of this directory.
namespace html_cli_test {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CliHtml, ARunWritesItsPageAndReportDrawsTheSavedOneTheSame) {
  Target target;
  const fs::path dir = fresh_dir("cli_html_run");
  const ChildResult run = run_ringbench({"-n", "2000", "-c", "4", "--threads", "1", "--json-path", (dir / "run.json").string(),
                                         "--html-path", (dir / "run.html").string(), target.url()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string page = read_all(dir / "run.html");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count(page, "data-plot=\""), 4u);
  const ChildResult again = run_ringbench({"report", (dir / "run.json").string(), "--html-path", (dir / "again.html").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_all(dir / "again.html"), page);  // drawn from the same document
}

TEST(CliHtml, WhatIsNotAReportIsAUsageErrorAndWritesNothing) {
  const fs::path dir = fresh_dir("cli_html_bad");
  std::ofstream(dir / "not.json") << "{\"hello\": 1}";
  std::ofstream(dir / "broken.json") << "{\"summary\": ";
  for (const char* input : {"missing.json", "not.json", "broken.json"}) {
    const ChildResult r = run_ringbench({"report", (dir / input).string(), "--html-path", (dir / "out.html").string()});
    EXPECT_EQ(r.exit_code, 2) << input;
    EXPECT_EQ(count(r.err, "\n"), 1u) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.html")) << input;
  }
  const ChildResult none = run_ringbench({"report", (dir / "not.json").string()});
  EXPECT_EQ(none.exit_code, 2);  // --html-path is required
}

}  // namespace html_cli_test
