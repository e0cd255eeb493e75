#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

extern char** environ;

namespace ringbench::testing {

ChildResult run_ringbench(const std::vector<std::string>& args, ChildOptions options) {
  const char* bin = std::getenv("RINGBENCH");
  if (bin == nullptr) throw std::runtime_error("RINGBENCH (path of the binary) is not set");
  int out[2], err[2];
  if (options.terminal) {
    // One pseudo-terminal for both streams, as in an interactive shell; its master end is read.
    int master = -1, slave = -1;
    winsize size{40, 160, 0, 0};
    if (openpty(&master, &slave, nullptr, nullptr, &size) != 0) throw std::runtime_error("openpty");
    out[0] = master;
    out[1] = slave;
    err[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
    err[1] = dup(slave);
    fcntl(master, F_SETFD, FD_CLOEXEC);
  } else if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe");
  }
  std::vector<char*> argv;
  for (const std::string& a : options.launcher) argv.push_back(const_cast<char*>(a.c_str()));
  if (argv.empty()) argv.push_back(const_cast<char*>(bin));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // Built before fork: the child may only make async-signal-safe calls.
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (const std::string& e : options.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {  // only async-signal-safe calls from here to exec
    dup2(out[1], 1);
    dup2(err[1], 2);
    if (options.nofile_limit > 0) {
      const rlimit lim{rlim_t(options.nofile_limit), rlim_t(options.nofile_limit)};
      setrlimit(RLIMIT_NOFILE, &lim);
    }
    if (options.launcher.empty()) {
      execve(bin, argv.data(), envp.data());
    } else {
      execvpe(argv[0], argv.data(), envp.data());
    }
    _exit(127);
  }
  close(out[1]);
  close(err[1]);

  ChildResult r;
  bool interrupted = !options.interrupt_when;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_pipes = 2;
  while (open_pipes > 0) {
    poll(fds, 2, 20);
    if (!interrupted && options.interrupt_when(r)) {
      kill(pid, SIGINT);
      interrupted = true;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, size_t(n));
        if (options.on_output) {
          if (const int signal = options.on_output(r); signal != 0) {
            kill(pid, signal);
            options.on_output = nullptr;
          }
        }
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  // Kept apart: "exited 130 after handling SIGINT" passes an interrupt test, "killed by SIGINT
  // before the handler was installed" must not (the shell would show both as 130).
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.killed_by = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return r;
}

}  // namespace ringbench::testing
