# One doctest binary per module; doctest_discover_tests makes one CTest entry per test case so a red
# run names what failed. Labels: "unit" (fast, default), "slow" (soak, fuzz, kill -9, fleets).
include(${doctest_DIR}/doctest.cmake OPTIONAL RESULT_VARIABLE KIOSK_HAVE_DOCTEST_CMAKE)

function(kiosk_test name)
  cmake_parse_arguments(T "THREADS" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES} ${KIOSK_SOURCE_ROOT}/tests/support/test_main.cpp)
  target_link_libraries(${name} PRIVATE ${T_LIBS} kiosk_test_support doctest::doctest)
  kiosk_warnings(${name})
  # THREADS: the module runs threads of its own; its tests also run under ThreadSanitizer. Preset
  # tsan builds only these (target kiosk_threaded_tests) and runs the tests named in
  # threaded_tests.regex (doctest_discover_tests cannot carry a second label).
  if(T_THREADS)
    add_dependencies(kiosk_threaded_tests ${name})
    set_property(GLOBAL APPEND PROPERTY KIOSK_THREADED_TESTS ${name})
    get_property(threaded GLOBAL PROPERTY KIOSK_THREADED_TESTS)
    list(JOIN threaded "|" threaded)
    file(WRITE ${CMAKE_BINARY_DIR}/threaded_tests.regex "^(${threaded}):")
  endif()
  doctest_discover_tests(${name}
    TEST_PREFIX "${name}: "
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
endfunction()
