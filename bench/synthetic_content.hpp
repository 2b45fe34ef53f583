#pragma once
// Large, realistic-looking content for benchmarks: bilingual titles built from the plan's own
// vocabulary, so search and font work see the same character mix as the real thing.
#include <cstddef>

#include "sync/content/model.hpp"

namespace kiosk::bench {

content::Content synthetic_content(std::size_t events, std::size_t resources, content::UnixSeconds now,
                                   unsigned seed = 42);

}  // namespace kiosk::bench
