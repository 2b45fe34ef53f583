#pragma once
// The limits that keep one bad publish from exhausting a 1 GB Pi. docs/content-format.md lists them
// for staff; change both together.
#include <cstddef>
#include <cstdint>

#include "sync/content/time.hpp"

namespace kiosk::content::limits {

inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxSpaces = 200;
inline constexpr std::size_t kMaxEvents = 20000;
inline constexpr std::size_t kMaxDesks = 5000;
inline constexpr std::size_t kMaxResources = 20000;
inline constexpr std::size_t kMaxIndicators = 500;
inline constexpr std::size_t kMaxSeriesPoints = 200;
inline constexpr std::size_t kMaxNotices = 200;
inline constexpr std::size_t kMaxImages = 2000;
inline constexpr std::size_t kMaxKioskIds = 200;
inline constexpr std::int64_t kMaxSourceImageBytes = 8 * 1024 * 1024;
// All collections' JSON together. A kiosk keeps its whole content in memory (the snapshot the
// screens read) and holds about five times the JSON at its peak while a version is imported; at
// 32 MB a kiosk on a 1 GB Pi peaks at 176 MB, posters included (bench/bench_worst_feed.cpp, budget
// 250 MB; images cost little since they are decoded at screen size, image_decode.hpp). The counts above
// with ordinary texts (20,000 events of ~700 bytes) fit; every text at its longest does not.
inline constexpr std::size_t kMaxContentBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxSourceFileBytes = kMaxContentBytes;
inline constexpr std::size_t kMaxUrlBytes = 2048;
inline constexpr int kMaxCapacity = 100000;
// A desk's price in whole yuan, per day or per month.
inline constexpr int kMaxPrice = 1000000;
inline constexpr UnixSeconds kMaxEventDuration = 31 * kSecondsPerDay;
inline constexpr int kMinDeskMaxAge = 60;
inline constexpr int kMaxDeskMaxAge = 7 * 24 * 3600;

// 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
inline constexpr UnixSeconds kEarliestTime = 946684800;
inline constexpr UnixSeconds kLatestTime = 4102444800;

}  // namespace kiosk::content::limits
