#include "sync/engine/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

namespace kiosk::sync {
namespace {

using feed::Failure;
using feed::FeedError;

struct Transfer {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
  std::string etag, content_type;
  double retry_after = -1;
  std::uint64_t header_bytes = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer at once: an endless body stops here
  }
  t->body.append(data, n);
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* stop = static_cast<const std::atomic<bool>*>(user);
  return stop->load() ? 1 : 0;  // non-zero aborts with CURLE_ABORTED_BY_CALLBACK
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t->header_bytes += n;
  std::string line(data, n);
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos) {
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a redirect): forget the last one's headers
      t->etag.clear();
      t->content_type.clear();
      t->retry_after = -1;
    }
    return n;
  }
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  const std::string value = trim(line.substr(colon + 1));
  if (name == "etag")
    t->etag = value;
  else if (name == "content-type")
    t->content_type = value;
  else if (name == "retry-after") {
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (end != value.c_str() && seconds >= 0)
      t->retry_after = std::min(seconds, 3600.0);
    else if (time_t when = curl_getdate(value.c_str(), nullptr); when > 0)
      t->retry_after = std::max(0.0, std::min(3600.0, static_cast<double>(when - time(nullptr))));
  }
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

[[noreturn]] void transport_failure(CURLcode code, const char* detail, const std::string& what,
                                    const HttpOptions& o, std::size_t received, bool answered) {
  const std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
      throw FeedError(Failure::network,
                      "the sync of " + what + " was interrupted because the kiosk was stopping");
    case CURLE_COULDNT_RESOLVE_HOST:
      throw FeedError(Failure::network, "cannot find " + o.server_name +
                                            "'s address (DNS): check the network and the server "
                                            "URL in the kiosk's configuration (" +
                                            why + ")");
    case CURLE_COULDNT_CONNECT:
      throw FeedError(Failure::network, "cannot connect to " + o.server_name +
                                            ": it refused or the network is down (" + why + ")");
    case CURLE_OPERATION_TIMEDOUT:
      if (!answered) {
        throw FeedError(Failure::timeout, o.server_name +
                                              " accepted the connection but sent nothing back for " + what +
                                              ": the server is stuck, or something on the network holds the "
                                              "connection open (" +
                                              why + ")");
      }
      if (why.find("too slow") != std::string::npos || why.find("less than") != std::string::npos) {
        throw FeedError(Failure::timeout, what + " arrived too slowly (under " +
                                              std::to_string(o.low_speed_bytes) + " bytes/s for " +
                                              std::to_string(o.low_speed_time_s) +
                                              " s): the network is very slow");
      }
      throw FeedError(Failure::timeout, o.server_name + " did not answer " + what + " in time (" + why + ")");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      throw FeedError(Failure::tls, o.server_name +
                                        "'s certificate is not trusted or is for another host name; nothing "
                                        "was accepted from it (" +
                                        why + ")");
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      throw FeedError(Failure::truncated, "the connection broke off while receiving " + what + " (" +
                                              std::to_string(received) + " bytes arrived; " + why + ")");
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_UNSUPPORTED_PROTOCOL:
      throw FeedError(Failure::http, o.server_name + " redirected " + what +
                                         " too often or to a non-https address (" + why + ")");
    default:
      throw FeedError(Failure::network, "downloading " + what + " failed: " + why);
  }
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
  global_init();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::get(const std::string& url, const std::string& what, std::size_t max_bytes,
                             const std::string& if_none_match) {
  HttpResponse r = perform(url, what, max_bytes, if_none_match, nullptr);
  if (r.status == 304 || (r.status >= 200 && r.status < 300)) return r;
  const std::string& server = options_.server_name;
  if (r.status == 429) {
    throw FeedError(Failure::rate_limited, server + " asks kiosks to slow down (HTTP 429)", r.retry_after);
  }
  if (r.status == 404) {
    throw FeedError(Failure::missing_object, server + " has no " + what +
                                                 " (HTTP 404): the feed is incomplete "
                                                 "or the server URL is wrong");
  }
  const std::string kind = r.status >= 500 ? server + " has a problem" : server + " refused the request";
  throw FeedError(Failure::http, kind + " (HTTP " + std::to_string(r.status) + " for " + what + ")",
                  r.retry_after);
}

void HttpClient::set_deadline(std::chrono::steady_clock::time_point at, std::string message) {
  deadline_ = at;
  deadline_message_ = std::move(message);
}

HttpResponse HttpClient::send(const std::string& url, const std::string& what, const Upload& upload,
                              std::size_t max_bytes) {
  return perform(url, what, max_bytes, "", &upload);
}

HttpResponse HttpClient::perform(const std::string& url, const std::string& what, std::size_t max_bytes,
                                 const std::string& if_none_match, const Upload* upload) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);  // keeps the connection cache: one TLS handshake for a whole sync
  Transfer t;
  t.max_bytes = max_bytes;
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  if (!if_none_match.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + if_none_match).c_str());
  if (upload != nullptr) {
    headers = curl_slist_append(headers, ("Content-Type: " + upload->content_type).c_str());
    if (!upload->bearer.empty())
      headers = curl_slist_append(headers, ("Authorization: Bearer " + upload->bearer).c_str());
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);  // never off: a kiosk trusts only verified servers
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_s);
  long timeout_ms = options_.total_timeout_s * 1000;
  if (deadline_) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - std::chrono::steady_clock::now())
            .count();
    if (left <= 0) throw FeedError(Failure::timeout, deadline_message_ + " (before " + what + ")");
    timeout_ms = std::min<long>(timeout_ms, static_cast<long>(left));
  }
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);         // we run in a thread
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip if the host compresses JSON
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (upload != nullptr) {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, upload->method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, upload->body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(upload->body.size()));
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a body is never re-sent somewhere else
  }
  if (options_.stop != nullptr) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, options_.stop);
  }
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  long request_size = 0;
  curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &request_size);
  ++stats_.requests;
  stats_.body_bytes += t.body.size();
  stats_.header_bytes += t.header_bytes + static_cast<std::uint64_t>(request_size);

  if (t.too_large) {
    throw FeedError(Failure::too_large, "the server sent more than the " + std::to_string(max_bytes) +
                                            " bytes expected for " + what + ": refused");
  }
  if (rc == CURLE_OPERATION_TIMEDOUT && deadline_ &&
      std::chrono::steady_clock::now() >= *deadline_ - std::chrono::milliseconds(100)) {
    throw FeedError(Failure::timeout, deadline_message_ + " (while receiving " + what + ")");
  }
  if (rc != CURLE_OK) transport_failure(rc, error, what, options_, t.body.size(), t.header_bytes > 0);
  HttpResponse r;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  r.etag = t.etag;
  r.content_type = t.content_type;
  r.retry_after = t.retry_after;
  r.body = std::move(t.body);
  return r;
}

}  // namespace kiosk::sync
