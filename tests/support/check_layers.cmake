# The folder layout is the architecture: each folder may include only its own headers and the layers
# below it, and the libraries it must never see stay out (sync/ knows nothing of ImGui or SDL; the
# screens never open SQLite or curl). A new include that breaks this fails here, naming the line.
# Run: cmake -DROOT=<repo> -P check_layers.cmake

# folder | project folders it may include | system headers it must not include (regex)
set(rules
  "platform|platform|imgui|SDL|sqlite3|curl/|httplib"
  "sync/content|platform sync/content|imgui|SDL|sqlite3|curl/|httplib"
  "sync/store|platform sync/content sync/store|imgui|SDL|curl/|httplib"
  "sync/feed|platform sync/content sync/feed|imgui|SDL|sqlite3|curl/|httplib"
  "sync/engine|platform sync/content sync/feed sync/store sync/engine|imgui|SDL|httplib"
  "sync/service|platform sync/content sync/feed sync/store sync/engine sync/service|imgui|SDL|httplib"
  "sync/fleet|platform sync/content sync/store sync/engine sync/fleet|imgui|SDL|httplib"
  "sync/kioskctl|platform sync/content sync/feed sync/store sync/engine sync/service sync/fleet sync/kioskctl|imgui|SDL|httplib"
  "kiosk/ui|platform sync/content kiosk/ui|SDL|sqlite3|curl/|httplib"
  "kiosk/app|platform sync/content sync/feed sync/store sync/engine sync/service sync/fleet kiosk/ui kiosk/app|sqlite3|curl/|httplib"
  "console/core|platform sync/content sync/feed sync/store console/core|imgui|SDL|httplib"
  "console/web|platform sync/content console/core console/web|imgui|SDL|sqlite3")

set(bad "")
set(checked 0)
foreach(rule ${rules})
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 folder)
  list(GET parts 1 allowed)
  list(SUBLIST parts 2 -1 forbidden)
  string(REPLACE " " ";" allowed "${allowed}")
  list(JOIN forbidden "|" forbidden)
  file(GLOB_RECURSE files ${ROOT}/${folder}/*.cpp ${ROOT}/${folder}/*.hpp)
  foreach(file ${files})
    math(EXPR checked "${checked} + 1")
    file(RELATIVE_PATH rel ${ROOT} ${file})
    file(STRINGS ${file} includes REGEX "^#include [<\"]")
    foreach(line ${includes})
      if(line MATCHES "^#include \"(([a-z_]+/)+)[a-z_0-9]+\\.hpp\"")
        # A project header: its folder must be an allowed layer or inside one.
        string(REGEX REPLACE "/$" "" dir "${CMAKE_MATCH_1}")
        set(ok FALSE)
        foreach(layer ${allowed})
          if(dir STREQUAL layer OR dir MATCHES "^${layer}/")
            set(ok TRUE)
          endif()
        endforeach()
        if(NOT ok)
          list(JOIN allowed ", " may)
          list(APPEND bad "${rel}: ${line}  (${folder} may include only ${may})")
        endif()
      elseif(line MATCHES "^#include <(${forbidden})")
        list(APPEND bad "${rel}: ${line}  (${folder} must not depend on this library)")
      endif()
    endforeach()
  endforeach()
endforeach()
if(checked LESS 100)
  message(FATAL_ERROR "only ${checked} files found under ${ROOT}: wrong ROOT?")
endif()
if(bad)
  string(REPLACE ";" "\n" bad "${bad}")
  message(FATAL_ERROR "includes that point up or sideways:\n${bad}")
endif()
message(STATUS "${checked} files: every include points down its layers")
