#pragma once
// Keeping a long-running process small on a 1 GB board: glibc keeps freed memory in per-thread
// arenas, so a burst (building a font atlas, importing content) would stay resident for months.
namespace kiosk::platform {

// Fewer malloc arenas: the kiosk has a handful of threads and no allocation-heavy parallelism.
void limit_malloc_arenas();
// Returns freed memory to the kernel; call after a known burst of allocations.
void release_free_memory();

}  // namespace kiosk::platform
