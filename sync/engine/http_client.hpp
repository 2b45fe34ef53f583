#pragma once
// HTTPS for the feed and the console, through libcurl, with everything a lobby network needs:
// verification always on (a custom CA allowed), connect / total / low-speed timeouts, at most 3
// redirects and only to https, a size cap enforced while bytes arrive, conditional GET, and failures
// turned into sentences. curl.h stays out of this header (`typedef void CURL`, as ImHex does).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "sync/feed/feed_error.hpp"

namespace kiosk::sync {

struct HttpOptions {
  std::string ca_file;  // empty: the system's CA store
  long connect_timeout_s = 10;
  long total_timeout_s = 120;   // per request
  long low_speed_bytes = 1024;  // abort below this many bytes/s ...
  long low_speed_time_s = 20;   // ... for this long
  std::string user_agent = "lobby-kiosk";
  std::string server_name = "the content server";  // who failed, in messages
  // When it becomes true, a transfer in progress ends within about a second (libcurl calls the
  // progress callback at least once a second): a stopping kiosk must not wait for a slow server.
  const std::atomic<bool>* stop = nullptr;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;
  std::string content_type;
  double retry_after = -1;  // seconds, from Retry-After
  bool not_modified() const { return status == 304; }
};

struct HttpStats {
  std::uint64_t requests = 0;
  std::uint64_t body_bytes = 0;
  std::uint64_t header_bytes = 0;  // response headers as received; request headers are counted too
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET url. Returns 2xx and 304 responses; throws feed::FeedError for everything else, with
  // `what` (e.g. "timestamp.json") in the message.
  HttpResponse get(const std::string& url, const std::string& what, std::size_t max_bytes,
                   const std::string& if_none_match = "");
  // A request with a body (POST, PUT) and a bearer token. Returns every response that has a status
  // (the caller reads 401, 409, 413 ...); throws feed::FeedError only for transport failures and
  // for a reply over max_bytes.
  struct Upload {
    std::string method = "POST";
    std::string body;
    std::string content_type = "application/json";
    std::string bearer;  // "Authorization: Bearer ..." when not empty
  };
  HttpResponse send(const std::string& url, const std::string& what, const Upload& upload,
                    std::size_t max_bytes);
  const HttpStats& stats() const { return stats_; }

  // Bounds every request until clear_deadline() to what is left before `at`, so a series of
  // requests (a whole sync) ends in time even when each one trickles in above the speed floor.
  // Past it, requests fail with Failure::timeout and `message`.
  void set_deadline(std::chrono::steady_clock::time_point at, std::string message);
  void clear_deadline() { deadline_.reset(); }

 private:
  HttpResponse perform(const std::string& url, const std::string& what, std::size_t max_bytes,
                       const std::string& if_none_match, const Upload* upload);
  HttpOptions options_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::string deadline_message_;
  void* curl_;  // CURL*
  HttpStats stats_;
};

}  // namespace kiosk::sync
