#include "platform/memory.hpp"

#include <malloc.h>

namespace kiosk::platform {

void limit_malloc_arenas() {
  mallopt(M_ARENA_MAX, 2);
}

void release_free_memory() {
  malloc_trim(0);
}

}  // namespace kiosk::platform
