# A deliberately broken copy of the demo: `kioskctl check` must exit 1 and name file, id and field
# of every error, not just the first.
set(KIOSKCTL ${EMULATOR} ${KIOSKCTL})  # qemu-aarch64 in a cross build, empty otherwise
file(REMOVE_RECURSE ${WORK})
file(COPY ${DEMO}/ DESTINATION ${WORK})

function(edit file path value)
  file(READ ${WORK}/${file} doc)
  string(JSON doc SET "${doc}" ${path} "${value}")
  file(WRITE ${WORK}/${file} "${doc}")
endfunction()
function(id_of file collection out)
  file(READ ${WORK}/${file} doc)
  string(JSON id GET "${doc}" ${collection} 0 id)
  set(${out} ${id} PARENT_SCOPE)
endfunction()

id_of(events.json events event_id)
id_of(resources.json resources resource_id)
id_of(desks.json desks desk_id)
id_of(indicators.json indicators indicator_id)
edit(events.json "events;0;end" "\"2001-01-01T00:00:00+08:00\"")
edit(resources.json "resources;0;booking_url" "\"http://insecure.example.cn\"")
edit(desks.json "desks;0;space" "\"nowhere\"")
edit(indicators.json "indicators;0;target;value" "\"lots\"")
# An id carrying a terminal escape (ESC [31m): reported, but never sent to the terminal as one.
edit(events.json "events;1;id" "\"evt-\\u001b[31mred\"")

execute_process(COMMAND ${KIOSKCTL} check ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1, got ${rc}\n${out}${err}")
endif()
foreach(expected
    "events.json: event \"${event_id}\": end: ends before it starts"
    "resources.json: resource \"${resource_id}\": booking_url: must start with https://"
    "desks.json: desk \"${desk_id}\": space: \"nowhere\" is not a space in spaces.json"
    "indicators.json: indicator \"${indicator_id}\": target: must be like")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing error: ${expected}\n--- output ---\n${out}")
  endif()
endforeach()
string(ASCII 27 esc)
string(FIND "${out}${err}" "${esc}" raw_escape)
if(NOT raw_escape EQUAL -1)
  message(FATAL_ERROR "an escape character from the content reached the terminal:\n${out}")
endif()
string(FIND "${out}" "evt-<U+001B>[31mred" shown)
if(shown EQUAL -1)
  message(FATAL_ERROR "the id with an escape is not reported as visible text:\n${out}")
endif()
message(STATUS "all five errors reported:\n${out}")
