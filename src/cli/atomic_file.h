#pragma once
// --json-path: a report file that is replaced whole or not at all. The text goes to a
// temporary file in the target's directory and is renamed over the target only on commit(),
// so a run that fails (bad URL, no connection) or a process that dies leaves a previous file
// (a `compare` baseline, say) as it was, and a reader never sees half a document.
#include <string>
#include <string_view>

namespace ringbench::cli {

class AtomicFile {
 public:
  // Creates the temporary file now, so an unwritable directory or a target that is a directory
  // fails in a second, not after a ten-minute run. `flag` names the option in messages.
  // Throws Error(usage).
  AtomicFile(std::string path, std::string_view flag);
  ~AtomicFile();  // removes the temporary file unless it was committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Writes `text`, flushes it to disk and renames the temporary file over the target.
  // Throws Error(cannot_run) naming the target (e.g. the directory was removed meanwhile).
  void commit(std::string_view text);

 private:
  void fail(const std::string& why) const;

  std::string path_;    // as given, for messages
  std::string target_;  // the file replaced: path_, or where it links to
  std::string flag_;
  std::string temp_path_;
  int fd_ = -1;
};

}  // namespace ringbench::cli
