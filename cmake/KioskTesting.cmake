# One doctest binary per module; doctest_discover_tests makes one CTest entry per test case so a red
# run names what failed. Labels: "unit" (fast, default), "slow" (soak, fuzz, kill -9, fleets).
include(${doctest_DIR}/doctest.cmake OPTIONAL RESULT_VARIABLE KIOSK_HAVE_DOCTEST_CMAKE)

function(kiosk_test name)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES} ${KIOSK_SOURCE_ROOT}/tests/support/test_main.cpp)
  target_link_libraries(${name} PRIVATE ${T_LIBS} kiosk_test_support doctest::doctest)
  kiosk_warnings(${name})
  doctest_discover_tests(${name}
    TEST_PREFIX "${name}: "
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
endfunction()
