# Included from tests/CMakeLists.txt: one ctest test per language case,
# named case/<topic>/<name>, running tests/run_case.cmake against the
# monty CLI. See tests/cases/README.md.

set(MONTY_CASES_DIR ${CMAKE_CURRENT_LIST_DIR}/cases)
file(GLOB_RECURSE monty_case_files CONFIGURE_DEPENDS
     RELATIVE ${MONTY_CASES_DIR} ${MONTY_CASES_DIR}/*.py)
list(SORT monty_case_files)

foreach(rel IN LISTS monty_case_files)
  string(REGEX REPLACE "\\.py$" "" stem "${rel}")
  add_test(NAME case/${stem}
    COMMAND ${CMAKE_COMMAND}
            -DMONTY=$<TARGET_FILE:monty_cli>
            -DCASE=${MONTY_CASES_DIR}/${rel}
            -DEXPECTED=${MONTY_CASES_DIR}/${stem}.expected
            -DTIMEOUT=10
            -P ${CMAKE_CURRENT_LIST_DIR}/run_case.cmake)
  # run_case.cmake kills the case after 10 s; this is a backstop.
  set_tests_properties(case/${stem} PROPERTIES TIMEOUT 20 LABELS "case")
endforeach()
