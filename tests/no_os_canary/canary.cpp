// Deliberately breaks the no-OS rule: check_no_os.cmake must reject this
// library (the `no_os_check_catches_os_calls` test expects it to fail), which
// proves the check reads symbols at all and is not passing vacuously.
#include <chrono>
#include <cstdio>

long monty_no_os_canary() {
  std::FILE* f = std::fopen("/etc/hostname", "r");
  if (f != nullptr) std::fclose(f);
  return static_cast<long>(std::chrono::system_clock::now().time_since_epoch().count());
}
