# Proves ARCHITECTURE.md invariant 3 for the native build: core's static
# libraries reference no OS function (files, stdio, clock, environment,
# randomness, network, processes, threads, signals, dynamic loading).
#
#   cmake -DNM=<nm> -DLIBS="a.a;b.a" -P check_no_os.cmake
#
# It reads the undefined symbols (`nm -u -C`) of every library and fails on any
# that is on the deny-list below. A deny-list, not an allow-list: compiled
# C++ legitimately references many libstdc++/libc helpers (operator new,
# memcpy, __cxa_*, std::__throw_*, snprintf into a buffer, strtod, abort),
# and what must never appear is the short list of ways out to the OS.
cmake_minimum_required(VERSION 3.20)

if(NOT NM OR NOT LIBS)
  message(FATAL_ERROR "usage: cmake -DNM=<nm> -DLIBS=<lib;...> -P check_no_os.cmake")
endif()

# C functions, matched exactly (also with glibc's 64-bit and _FORTIFY_SOURCE
# `__*_chk` spellings, which a hardened build substitutes).
set(deny_c
  # files and directories
  fopen fopen64 freopen freopen64 fdopen fclose fread fwrite fgets fgetc getc getchar fputs fputc
  putc putchar puts fflush fseek ftell rewind fileno tmpfile tmpnam mkstemp
  open open64 openat openat64 creat creat64 __open_2 __open64_2 close read write pread pread64
  pwrite pwrite64 readv writev lseek lseek64 stat stat64 fstat fstat64 lstat lstat64 __xstat
  __fxstat __lxstat statx access unlink remove rename mkdir rmdir opendir readdir readdir64
  closedir chdir getcwd realpath dup dup2 pipe ioctl fcntl isatty mmap mmap64 munmap
  # formatted I/O to streams (snprintf/vsnprintf into a buffer are fine)
  printf vprintf fprintf vfprintf dprintf scanf fscanf vscanf perror
  __printf_chk __fprintf_chk __vfprintf_chk __vprintf_chk __read_chk
  # clocks and time
  time clock clock_gettime gettimeofday ftime times localtime localtime_r gmtime gmtime_r mktime
  strftime sleep usleep nanosleep clock_nanosleep
  # environment, processes, signals
  getenv secure_getenv setenv unsetenv putenv system popen pclose fork vfork execve execv execvp
  execl execlp posix_spawn posix_spawnp waitpid wait kill raise signal sigaction getpid getppid
  getuid exit _exit _Exit atexit at_quick_exit quick_exit syscall
  # randomness
  rand srand random srandom rand_r drand48 lrand48 getrandom getentropy arc4random
  # network
  socket connect bind listen accept accept4 send recv sendto recvfrom sendmsg recvmsg shutdown
  getaddrinfo freeaddrinfo gethostbyname gethostbyaddr getsockopt setsockopt
  # threads and dynamic loading
  pthread_create pthread_join pthread_detach thrd_create dlopen dlsym dlclose
)

# C++ library entities, matched as regular expressions on demangled names.
set(deny_cxx
  "^std::cout$" "^std::cerr$" "^std::clog$" "^std::cin$" "^std::wcout$" "^std::wcerr$"
  "^std::ios_base::Init::Init"        # a static <iostream> initialiser
  "^std::basic_filebuf" "^std::basic_[io]?fstream" "^std::__basic_file"
  "^std::filesystem::"
  "^std::chrono::.*::now\\("          # system_clock, steady_clock, ...
  "^std::random_device"
  "^std::thread::" "^std::this_thread::"
)

set(failures "")
set(symbol_count 0)
foreach(lib IN LISTS LIBS)
  if(NOT EXISTS "${lib}")
    message(FATAL_ERROR "no such library: ${lib}")
  endif()
  execute_process(COMMAND "${NM}" -u -C "${lib}"
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${lib}: ${err}")
  endif()
  string(REPLACE ";" "\\;" out "${out}")  # demangled names may hold ';' (rare)
  string(REGEX MATCHALL "[^\n]+" lines "${out}")
  set(member "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^(.+):$")
      set(member "${CMAKE_MATCH_1}")  # the object file inside the archive
      continue()
    endif()
    if(NOT line MATCHES "^ *[Uw] (.+)$")
      continue()
    endif()
    set(sym "${CMAKE_MATCH_1}")
    math(EXPR symbol_count "${symbol_count} + 1")
    # Undefined symbols in archives carry no @GLIBC version, but be safe.
    string(REGEX REPLACE "@.*$" "" bare "${sym}")
    set(bad OFF)
    if(bare IN_LIST deny_c)
      set(bad ON)
    else()
      foreach(re IN LISTS deny_cxx)
        if(bare MATCHES "${re}")
          set(bad ON)
          break()
        endif()
      endforeach()
    endif()
    if(bad)
      get_filename_component(libname "${lib}" NAME)
      string(APPEND failures "  ${libname}(${member}): ${bare}\n")
    endif()
  endforeach()
endforeach()

if(failures)
  message(FATAL_ERROR "core references OS functions (ARCHITECTURE.md invariant 3):\n${failures}")
endif()
list(LENGTH LIBS nlibs)
message(STATUS "no OS functions among ${symbol_count} undefined symbols of ${nlibs} libraries")
