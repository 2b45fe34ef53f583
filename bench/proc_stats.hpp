#pragma once
// What the benchmarks read about a process from /proc, and the percentile they report.
#include <sys/types.h>

#include <string>
#include <vector>

namespace kiosk::bench {

// utime + stime of a process, in seconds.
double cpu_seconds(pid_t pid);
// A "VmRSS"-style line of /proc/<pid>/status, in kB (0 if absent).
long status_kb(pid_t pid, const std::string& key);
// The p-th percentile (0..1) of the samples; 0 for none.
double percentile(std::vector<double> samples, double p);

}  // namespace kiosk::bench
