#include "ringbench/cli/terminal.h"

#include <langinfo.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace ringbench::cli {

report::Style style_for_stdout(bool no_color) {
  report::Style style;
  const char* no_color_env = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  style.color = !no_color && isatty(STDOUT_FILENO) && !(no_color_env && *no_color_env);
  // Only the character type comes from the environment; numbers stay in the C locale.
  std::setlocale(LC_CTYPE, "");
  style.unicode = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
  return style;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO); }

}  // namespace ringbench::cli
