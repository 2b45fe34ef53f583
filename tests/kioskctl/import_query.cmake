# kioskctl import assets/demo, then query indicators --json: every target of the seed's section
# 三（三）发展目标 with the right value, and the 2015 baselines the seed states.
set(KIOSKCTL ${EMULATOR} ${KIOSKCTL})  # qemu-aarch64 in a cross build, empty otherwise
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${KIOSKCTL} import ${DEMO} --db ${WORK}/x.db RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "import failed (${rc}):\n${out}${err}")
endif()
execute_process(COMMAND ${KIOSKCTL} query --db ${WORK}/x.db indicators --json RESULT_VARIABLE rc OUTPUT_VARIABLE json ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "query failed (${rc}):\n${json}${err}")
endif()

# id | target (2020) | baseline (2015) or "-" where the seed states none
set(expected
  "rd-intensity|4|-" "fiscal-st-share|5|-"
  "st-smes|10000|5576" "little-giants|650|409" "hightech-firms|1000|-" "listed-firms|40|-" "leading-talents|130|97"
  "patent-applications|25000|-" "invention-applications|10000|-" "invention-patents-per-10k|35|23.5"
  "hightech-revenue-share|16|-" "st-services-share|15|-" "emerging-industry-share|35|-" "little-giant-revenue-share|30|-"
  "incubators|40|26" "maker-spaces|30|6" "incubation-area|150|110" "rd-institutions|200|-" "foreign-rd|70|58"
  "public-platforms|12|-" "tech-alliances|20|10" "angel-funded-firms|30|-" "angel-investment|8|-")

string(JSON count LENGTH "${json}" indicators)
list(LENGTH expected want)
if(NOT count EQUAL want)
  message(FATAL_ERROR "expected ${want} indicators, found ${count}")
endif()
foreach(row ${expected})
  string(REPLACE "|" ";" parts "${row}")
  list(GET parts 0 id)
  list(GET parts 1 target)
  list(GET parts 2 baseline)
  set(found FALSE)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON this GET "${json}" indicators ${i} id)
    if(this STREQUAL id)
      set(found TRUE)
      string(JSON t GET "${json}" indicators ${i} target value)
      string(JSON ty GET "${json}" indicators ${i} target year)
      if(NOT t EQUAL target OR NOT ty EQUAL 2020)
        message(FATAL_ERROR "${id}: target ${t} (${ty}), expected ${target} (2020)")
      endif()
      string(JSON btype TYPE "${json}" indicators ${i} baseline)
      if(baseline STREQUAL "-")
        if(NOT btype STREQUAL "NULL")
          message(FATAL_ERROR "${id}: has a baseline but the seed states none")
        endif()
      else()
        string(JSON b GET "${json}" indicators ${i} baseline value)
        string(JSON by GET "${json}" indicators ${i} baseline year)
        if(NOT b EQUAL baseline OR NOT by EQUAL 2015)
          message(FATAL_ERROR "${id}: baseline ${b} (${by}), expected ${baseline} (2015)")
        endif()
      endif()
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "indicator ${id} is missing")
  endif()
endforeach()
message(STATUS "all ${want} indicators carry the seed's targets and baselines")
