# Run one language case through the monty CLI and compare with CPython's output.
#
#   cmake -DMONTY=<monty binary> -DCASE=<case.py> -DEXPECTED=<case.expected>
#         [-DTIMEOUT=10] -P run_case.cmake
#
# Actual output = stdout of `monty CASE` (run in CASE's directory), plus, if
# the exit status is non-zero, the last non-empty line of stderr (the
# "Type: message" line) and "\n". Cases under errors/ and syntax_errors/ must
# exit with status 1, all others with 0 (the same convention
# regen_expected.py enforces against CPython).

cmake_minimum_required(VERSION 3.20)

foreach(var MONTY CASE EXPECTED)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_case.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 10)
endif()
if(NOT EXISTS "${EXPECTED}")
  message(FATAL_ERROR "missing expected file ${EXPECTED} (run tests/regen_expected.py)")
endif()

get_filename_component(case_dir "${CASE}" DIRECTORY)
get_filename_component(case_name "${CASE}" NAME)
get_filename_component(topic "${case_dir}" NAME)

if(topic STREQUAL "errors" OR topic STREQUAL "syntax_errors")
  set(want_rc 1)
else()
  set(want_rc 0)
endif()

execute_process(
  COMMAND "${MONTY}" "${case_name}"
  WORKING_DIRECTORY "${case_dir}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc
  TIMEOUT ${TIMEOUT})

string(REPLACE "\r\n" "\n" out "${out}")
string(REPLACE "\r\n" "\n" err "${err}")

set(actual "${out}")
if(NOT rc STREQUAL "0")
  string(STRIP "${err}" err_stripped)
  string(FIND "${err_stripped}" "\n" nl REVERSE)
  if(nl EQUAL -1)
    set(last "${err_stripped}")
  else()
    math(EXPR start "${nl} + 1")
    string(SUBSTRING "${err_stripped}" ${start} -1 last)
  endif()
  string(STRIP "${last}" last)
  if(last STREQUAL "")
    set(last "<no stderr>")
  endif()
  if(NOT actual STREQUAL "")
    string(LENGTH "${actual}" alen)
    math(EXPR lastidx "${alen} - 1")
    string(SUBSTRING "${actual}" ${lastidx} 1 lastch)
    if(NOT lastch STREQUAL "\n")
      string(APPEND actual "\n")
    endif()
  endif()
  string(APPEND actual "${last}\n")
endif()

file(READ "${EXPECTED}" expected)
string(REPLACE "\r\n" "\n" expected "${expected}")

set(problems "")
if(NOT rc MATCHES "^[0-9]+$")
  # timeout or failure to start: rc is a message like "Process terminated due to timeout"
  string(APPEND problems "monty did not exit normally: ${rc}\n")
elseif(NOT rc EQUAL want_rc)
  string(APPEND problems "exit status ${rc}, expected ${want_rc}\n")
endif()

# Split the value of variable <var> into its first line (out_line) and the
# rest (out_rest); out_nl is TRUE when that line was terminated by "\n".
# A function (not a macro) so the text is never re-parsed as CMake code.
function(take_line var out_line out_rest out_nl)
  set(text "${${var}}")
  string(FIND "${text}" "\n" pos)
  set(nl TRUE)
  if(text STREQUAL "")
    set(line "<end of output>")
    set(rest "")
    set(nl FALSE)
  elseif(pos EQUAL -1)
    set(line "${text}")
    set(rest "")
    set(nl FALSE)
  else()
    string(SUBSTRING "${text}" 0 ${pos} line)
    math(EXPR pos "${pos} + 1")
    string(SUBSTRING "${text}" ${pos} -1 rest)
  endif()
  set(${out_line} "${line}" PARENT_SCOPE)
  set(${out_rest} "${rest}" PARENT_SCOPE)
  set(${out_nl} "${nl}" PARENT_SCOPE)
endfunction()

if(NOT actual STREQUAL expected)
  # Find the first differing line with plain string operations (no CMake
  # lists: case output may contain ';' and '[' which lists mangle).
  set(e "${expected}")
  set(a "${actual}")
  set(lineno 1)
  set(note "")
  while(TRUE)
    take_line(e eline erest enl)
    take_line(a aline arest anl)
    if(NOT eline STREQUAL aline)
      break()
    endif()
    if(NOT enl STREQUAL anl)
      set(note "(the line is identical but one side lacks the final newline)\n")
      break()
    endif()
    if(erest STREQUAL "" AND arest STREQUAL "")
      break()
    endif()
    set(e "${erest}")
    set(a "${arest}")
    math(EXPR lineno "${lineno} + 1")
  endwhile()
  string(APPEND problems
    "output differs from ${EXPECTED}\n"
    "first difference at line ${lineno}:\n"
    "  - expected: ${eline}\n"
    "  + actual:   ${aline}\n"
    "${note}")
  string(STRIP "${err}" err_s)
  if(NOT err_s STREQUAL "")
    string(LENGTH "${err_s}" elen)
    if(elen GREATER 2000)
      math(EXPR from "${elen} - 2000")
      string(SUBSTRING "${err_s}" ${from} -1 err_s)
      set(err_s "...${err_s}")
    endif()
    string(APPEND problems "stderr:\n${err_s}\n")
  endif()
endif()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR "case ${CASE} FAILED\n${problems}")
endif()
