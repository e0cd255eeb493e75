#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "ringbench/core/error.h"

namespace ringbench::cli {
namespace {

// "dir/run.json" -> "dir/.run.json.ringbench-PID-N.tmp": in the target's directory, because
// rename() only replaces atomically within one file system; hidden, and named after its
// owner, so a leftover of a killed process is recognisable.
std::string temporary_name(const std::string& path, unsigned attempt) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".ringbench-" + std::to_string(getpid()) + "-" + std::to_string(attempt) + ".tmp";
}

// A symbolic link is followed, as a shell's > would: the file it points to is replaced, not the link.
std::string followed(const std::string& path) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) return path;
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return path;  // dangling: the link itself is replaced
  std::string target = resolved;
  std::free(resolved);
  return target;
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(size_t(n));
  }
  return true;
}

}  // namespace

AtomicFile::AtomicFile(std::string path, std::string_view flag) : path_(std::move(path)), flag_(flag) {
  target_ = followed(path_);
  struct stat existing {};
  const bool exists = ::stat(target_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) throw_usage(flag_ + ": '" + path_ + "' is a directory");
  for (unsigned attempt = 0; fd_ < 0 && attempt < 100; ++attempt) {
    temp_path_ = temporary_name(target_, attempt);
    // 0666 less the umask, as a plain open() of the target would create it.
    fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) throw_usage(flag_ + ": cannot write '" + path_ + "' (" + std::strerror(errno) + ")");
  // A replaced file keeps its permissions (a report readable by a CI user stays readable).
  if (exists) (void)::fchmod(fd_, existing.st_mode & 07777);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void AtomicFile::fail(const std::string& why) const {
  throw_cannot_run(flag_ + ": could not write '" + path_ + "' (" + why + ")");
}

void AtomicFile::commit(std::string_view text) {
  const bool written = write_all(fd_, text) && ::fsync(fd_) == 0;
  const int write_errno = errno;
  ::close(fd_);
  fd_ = -1;
  if (!written) fail(std::strerror(write_errno));
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) fail(std::strerror(errno));
  temp_path_.clear();  // it is the target now
}

}  // namespace ringbench::cli
