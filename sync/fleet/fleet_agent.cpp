#include "sync/fleet/fleet_agent.hpp"

#include <algorithm>
#include <chrono>

#include "platform/log.hpp"
#include "sync/engine/backoff.hpp"

namespace kiosk::fleet {
namespace {

constexpr std::size_t kMaxReplyBytes = 16 * 1024;
constexpr double kMinInterval = 1, kMaxInterval = 3600;

content::UnixSeconds wall_seconds() {
  return static_cast<content::UnixSeconds>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

}  // namespace

sync::HttpOptions console_http_options(const std::string& ca_file) {
  sync::HttpOptions o;
  o.ca_file = ca_file;
  o.connect_timeout_s = 10;
  o.total_timeout_s = 30;  // a beat is small; a screenshot is 500 KB at most
  o.server_name = "the console";
  return o;
}

BeatOutcome send_heartbeat(sync::HttpClient& http, const Credentials& credentials,
                           const KioskReport& report) {
  BeatOutcome out;
  KioskReport r = report;
  r.kiosk_id = credentials.kiosk_id;
  sync::HttpClient::Upload upload;
  upload.body = r.serialise();
  upload.bearer = credentials.token;
  try {
    const auto response =
        http.send(credentials.console_url + "/api/v1/heartbeat", "the heartbeat", upload, kMaxReplyBytes);
    out.status = response.status;
    out.retry_after = response.retry_after;
    if (response.status == 200) {
      out.reply = parse_heartbeat_reply(response.body);
      out.kind = BeatOutcome::Kind::ok;
      return out;
    }
    const std::string message = console_message(response.body);
    if (response.status == 401) {
      out.kind = BeatOutcome::Kind::unauthorized;
      out.error = "the console no longer accepts this kiosk's token (revoked?): pair it again";
    } else {
      out.kind = response.status == 429 || response.status >= 500 ? BeatOutcome::Kind::failed
                                                                  : BeatOutcome::Kind::refused;
      out.error = "the console answered the heartbeat with HTTP " + std::to_string(response.status) +
                  (message.empty() ? "" : ": " + message);
    }
  } catch (const std::exception& e) {
    out.kind = BeatOutcome::Kind::failed;
    out.error = e.what();
  }
  return out;
}

std::string upload_screenshot(sync::HttpClient& http, const Credentials& credentials, std::int64_t command_id,
                              const EncodedImage& image) {
  sync::HttpClient::Upload upload;
  upload.method = "PUT";
  upload.body = image.bytes;
  upload.content_type = image.mime;
  upload.bearer = credentials.token;
  try {
    const auto r = http.send(credentials.console_url + "/api/v1/screenshots/" + std::to_string(command_id),
                             "the screenshot", upload, kMaxReplyBytes);
    if (r.status >= 200 && r.status < 300) return "";
    const std::string message = console_message(r.body);
    return "the console refused the screenshot (HTTP " + std::to_string(r.status) +
           (message.empty() ? ")" : "): " + message);
  } catch (const std::exception& e) {
    return e.what();
  }
}

FleetAgent::FleetAgent(ConsoleConfig config, std::filesystem::path data_dir, AgentHooks hooks)
    : config_(std::move(config)), data_dir_(std::move(data_dir)), hooks_(std::move(hooks)) {}

FleetAgent::~FleetAgent() {
  stop();
}

void FleetAgent::start() {
  try {
    credentials_ = load_credentials(data_dir_);
  } catch (const std::exception& e) {
    log::warn(e.what());
    status_.last_error = e.what();
  }
  if (credentials_ && credentials_->console_url != config_.url) {
    log::warn("this kiosk was paired with " + credentials_->console_url +
              ", not with the configured console " + config_.url + ": pair it again");
    status_.last_error = "paired with another console (" + credentials_->console_url + "): pair again";
    credentials_.reset();
  }
  if (credentials_) {
    status_.state = "ok";
    status_.kiosk_id = credentials_->kiosk_id;
  }
  thread_ = std::thread([this] { run(); });
}

void FleetAgent::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_transfers_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

AgentStatus FleetAgent::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void FleetAgent::pair(const std::string& code) {
  {
    std::lock_guard lock(mutex_);
    pair_code_ = code;
    status_.state = "pairing";
    status_.last_error.clear();
  }
  cv_.notify_all();
}

void FleetAgent::set_state(const std::string& state, const std::string& error) {
  std::lock_guard lock(mutex_);
  status_.state = state;
  status_.last_error = error;
}

void FleetAgent::run() {
  auto options = console_http_options(config_.ca);
  options.stop = &stop_transfers_;
  http_ = std::make_unique<sync::HttpClient>(options);
  double delay = 0;  // beat at once: the console learns about a restart straight away
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait_for(lock, std::chrono::duration<double>(delay),
                 [&] { return stopping_ || pair_code_.has_value(); });
    if (stopping_) return;
    if (pair_code_) {
      const std::string code = *pair_code_;
      pair_code_.reset();
      lock.unlock();
      try {
        credentials_ = pair_with_console(config_.url, code, config_.ca, data_dir_,
                                         hooks_.report ? hooks_.report().software : "");
        log::info("paired with the console " + config_.url + " as kiosk \"" + credentials_->kiosk_id + "\"");
        failures_ = 0;
        std::lock_guard relock(mutex_);
        status_.kiosk_id = credentials_->kiosk_id;
        status_.state = "ok";
        status_.last_error.clear();
      } catch (const std::exception& e) {
        log::warn(std::string("pairing with the console failed: ") + e.what());
        set_state(credentials_ ? "failing" : "unpaired", e.what());
      }
      lock.lock();
      delay = 0;
      continue;
    }
    if (!credentials_) {
      delay = 3600;  // nothing to do until staff pair the kiosk
      continue;
    }
    lock.unlock();
    delay = beat();
    lock.lock();
  }
}

double FleetAgent::beat() {
  KioskReport report = hooks_.report ? hooks_.report() : KioskReport{};
  {
    std::lock_guard lock(mutex_);
    report.results = std::move(results_);
    results_.clear();
  }
  const BeatOutcome out = send_heartbeat(*http_, *credentials_, report);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double jitter = 0.9 + 0.2 * unit(random_);  // ±10 %: 500 kiosks restarted together spread out
  double interval = config_.heartbeat_s;
  switch (out.kind) {
    case BeatOutcome::Kind::ok: {
      if (failures_ > 0) log::info("heartbeats reach the console again");
      failures_ = 0;
      {
        std::lock_guard lock(mutex_);
        status_.state = "ok";
        status_.last_error.clear();
        status_.last_beat = wall_seconds();
      }
      if (out.reply.next_s > 0) interval = std::clamp(out.reply.next_s, kMinInterval, kMaxInterval);
      if (!out.reply.commands.empty()) {
        run_commands(*credentials_, out.reply.commands);
        interval = std::min(interval, 2.0);  // report the results (and a new version) soon
      }
      return interval * jitter;
    }
    case BeatOutcome::Kind::unauthorized:
      // Revoked (or the console's database was replaced): stop knocking; content is untouched.
      log::warn(out.error);
      set_credentials_aside(data_dir_);
      credentials_.reset();
      set_state("revoked", out.error);
      return 3600;
    case BeatOutcome::Kind::refused:
    case BeatOutcome::Kind::failed:
      break;
  }
  // The results were not delivered: report them again with the next beat.
  {
    std::lock_guard lock(mutex_);
    results_.insert(results_.begin(), report.results.begin(), report.results.end());
    if (results_.size() > 16) results_.resize(16);
  }
  if (failures_ == 0) log::warn("heartbeat failed: " + out.error);
  ++failures_;
  set_state("failing", out.error);
  sync::BackoffPolicy policy;
  policy.poll_interval_s = interval;
  policy.first_retry_s = std::min(interval, 30.0);
  policy.max_retry_s = std::max(interval, 900.0);
  return sync::next_delay(policy, failures_, out.retry_after, unit(random_));
}

void FleetAgent::run_commands(const Credentials& credentials, const std::vector<Command>& commands) {
  std::vector<CommandResult> results;
  for (const Command& c : commands) {
    CommandResult r{c.id, "done", ""};
    if (c.kind == "sync_now") {
      if (hooks_.sync_now) hooks_.sync_now();
    } else if (c.kind == "screenshot") {
      ScreenshotGrab grab =
          hooks_.grab_screenshot ? hooks_.grab_screenshot() : ScreenshotGrab{std::nullopt, "no_display"};
      if (!grab.frame) {
        r.result = "refused";
        r.reason = grab.refused;
      } else {
        try {
          const EncodedImage image = encode_screenshot(*grab.frame);
          grab.frame.reset();  // the full-size frame is 8 MB at 1080p: give it back before the upload
          if (std::string error = upload_screenshot(*http_, credentials, c.id, image); !error.empty()) {
            r.result = "failed";
            r.reason = error;
          }
        } catch (const std::exception& e) {
          r.result = "failed";
          r.reason = e.what();
        }
      }
    }
    results.push_back(std::move(r));
  }
  std::lock_guard lock(mutex_);
  results_.insert(results_.end(), results.begin(), results.end());
}

}  // namespace kiosk::fleet
