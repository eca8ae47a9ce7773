# Header-only third-party libraries (msgpack-cxx, {fmt}) for native and wasm.
#
# The emscripten sysroot does not search /usr/include, and adding all of
# /usr/include to a wasm build would let glibc and host headers leak into
# it. So the build tree gets an include folder holding only symlinks to the
# headers we use, and targets opt in by linking the interface target
# `monty_third_party_headers`. Native builds use the same folder, so both
# builds see exactly the same set of headers.
#
# Debian packages: libmsgpack-cxx-dev (msgpack.hpp + msgpack/), libfmt-dev (fmt/).
set(MONTY_SYSTEM_INCLUDE_DIR "/usr/include" CACHE PATH
    "Where the header-only libraries are installed (the symlink targets)")
set(_monty_tp_dir "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${_monty_tp_dir}")

set(MONTY_THIRD_PARTY_FOUND ON)
foreach(entry msgpack.hpp msgpack fmt)
  set(src "${MONTY_SYSTEM_INCLUDE_DIR}/${entry}")
  if(EXISTS "${src}")
    file(CREATE_LINK "${src}" "${_monty_tp_dir}/${entry}" SYMBOLIC)
  else()
    set(MONTY_THIRD_PARTY_FOUND OFF)
    message(WARNING "${src} not found (run scripts/setup.sh); targets linking "
                    "monty_third_party_headers will not compile")
  endif()
endforeach()

add_library(monty_third_party_headers INTERFACE)
# SYSTEM: their warnings are not ours to fix.
target_include_directories(monty_third_party_headers SYSTEM INTERFACE "${_monty_tp_dir}")
target_compile_definitions(monty_third_party_headers INTERFACE
  MSGPACK_NO_BOOST  # msgpack-cxx would otherwise include Boost, which wasm lacks
  FMT_HEADER_ONLY   # no libfmt.so to link, natively or in wasm
)
