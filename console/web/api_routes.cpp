// The JSON API for integrations (booking systems, scripts): bearer tokens from `kiosk-console token
// add`, the same write path and validation as the web forms, errors as
// {"error": code, "message": words, "field": ...}.
#include "console/core/item_check.hpp"
#include "console/web/web_context.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;

constexpr std::size_t kMaxItemBytes = 1024 * 1024;

std::optional<Collection> collection_of(const std::string& name, httplib::Response& res) {
  auto c = content::collection_from_name(name);
  if (!c) send_error(res, 404, "not_found", "there is no collection \"" + name + "\"");
  return c;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char ch : id) {
    if (!(std::islower(ch) || std::isdigit(ch) || ch == '.' || ch == '_' || ch == '-')) return false;
  }
  return id.front() != '.' && id.find("..") == std::string::npos;
}

std::optional<std::int64_t> if_match(const httplib::Request& req) {
  std::string v = req.get_header_value("If-Match");
  if (v.empty()) return std::nullopt;
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    return -1;  // matches no revision: a conflict, not a silent overwrite
  }
}

void send_change(httplib::Response& res, const ChangeResult& r, const std::string& id, bool created) {
  using O = ChangeResult::Outcome;
  switch (r.outcome) {
    case O::saved:
      res.set_header("ETag", "\"" + std::to_string(r.revision) + "\"");
      send_json(res, created ? 201 : 200, json{{"id", id}, {"revision", r.revision}});
      return;
    case O::pending:
      send_json(res, 202,
                json{{"id", id},
                     {"pending", r.pending_id},
                     {"message", "saved for approval: a publisher must approve it before it is published"}});
      return;
    case O::invalid: {
      json errors = json::array();
      for (const auto& e : r.errors) errors.push_back(json{{"field", e.field}, {"message", e.message}});
      json body = {{"error", "invalid"},
                   {"message", r.errors.empty()
                                   ? "invalid"
                                   : (r.errors.front().field.empty() ? "" : r.errors.front().field + ": ") +
                                         r.errors.front().message},
                   {"field", r.errors.empty() ? "" : r.errors.front().field},
                   {"errors", errors}};
      send_json(res, 400, body);
      return;
    }
    case O::conflict: {
      json body = {{"error", "conflict"}, {"message", r.message}};
      if (!r.conflict_by.empty())
        body["changed_by"] = r.conflict_by, body["changed_at"] = content::format_iso8601(r.conflict_at);
      send_json(res, 409, body);
      return;
    }
    case O::forbidden:
      send_error(res, 403, "forbidden", r.message);
      return;
    case O::not_found:
      send_error(res, 404, "not_found", r.message);
      return;
  }
}

// /api/v1/<collection>/<id>: who asks, which collection, which id (a malformed id is a 400).
struct ItemAddress {
  Principal who;
  Collection collection;
  std::string id;
};
std::optional<ItemAddress> address_of(WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto who = api_principal(ctx, req, res);
  if (!who) return std::nullopt;
  auto c = collection_of(req.matches[1], res);
  if (!c) return std::nullopt;
  const std::string id = req.matches[2];
  if (!valid_id(id)) {
    send_error(res, 400, "invalid", "\"" + id + "\" is not a valid id: a-z, 0-9, '.', '_', '-'", "id");
    return std::nullopt;
  }
  return ItemAddress{std::move(*who), *c, id};
}

}  // namespace

std::optional<Principal> api_principal(WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<Principal> who;
  if (const std::string token = bearer_token(req); !token.empty())
    who = ctx.accounts.token_principal(token, client_address(req));
  if (!who) {
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, "unauthorized", "a valid API token is required (Authorization: Bearer <token>)");
    return std::nullopt;
  }
  if (auto wait = ctx.limiter.refuse(who->name)) {
    res.set_header("Retry-After", std::to_string(static_cast<int>(*wait) + 1));
    send_error(res, 429, "rate_limited", "too many requests from " + who->name + "; slow down");
    return std::nullopt;
  }
  return who;
}

void add_api_routes(httplib::Server& server, WebContext& ctx) {
  server.Get(R"(/api/v1/publications)", [&](const httplib::Request& req, httplib::Response& res) {
    if (!api_principal(ctx, req, res)) return;
    json list = json::array();
    for (const auto& p : ctx.publisher.history(100)) {
      list.push_back(json{{"version", p.version},
                          {"published_at", content::format_iso8601(p.at)},
                          {"published_by", p.by},
                          {"reason", p.reason},
                          {"added", p.added},
                          {"changed", p.changed},
                          {"removed", p.removed}});
    }
    send_json(res, 200, json{{"publications", list}});
  });

  server.Post(R"(/api/v1/publish)", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = api_principal(ctx, req, res);
    if (!who) return;
    if (!who->at_least(Role::publisher))
      return send_error(res, 403, "forbidden", who->name + " may not publish (needs role publisher)");
    std::string reason;
    if (!req.body.empty()) {
      auto body = json_body(req, res, kMaxItemBytes);
      if (!body) return;
      if (body->is_object() && body->contains("reason") && (*body)["reason"].is_string())
        reason = (*body)["reason"];
    }
    const auto out = ctx.publisher.publish_draft(*who, reason);
    if (!out.problems.empty()) {
      return send_json(
          res, 400,
          json{{"error", "invalid"}, {"message", out.problems.front()}, {"problems", out.problems}});
    }
    if (!out.ok) return send_error(res, 500, "publish_failed", out.error);
    send_json(res, 200,
              json{{"version", out.version}, {"new_version", out.new_version}, {"changes", out.diff.size()}});
  });

  server.Put(R"(/api/v1/desks/([^/]+)/status)", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = api_principal(ctx, req, res);
    if (!who) return;
    const std::string id = req.matches[1];
    if (!valid_id(id)) return send_error(res, 400, "invalid", "\"" + id + "\" is not a valid id", "id");
    auto body = json_body(req, res, kMaxItemBytes);
    if (!body) return;
    if (!body->is_object() || !body->contains("status") || !(*body)["status"].is_string()) {
      return send_error(res, 400, "invalid",
                        "send {\"status\": \"free\" | \"booked\" | \"occupied\" | \"out_of_service\", "
                        "\"until\": optional time}",
                        "status");
    }
    std::optional<content::UnixSeconds> until;
    if (body->contains("until") && !(*body)["until"].is_null()) {
      const auto& u = (*body)["until"];
      until = u.is_string() ? content::parse_iso8601(u.get<std::string>()) : std::nullopt;
      if (!until)
        return send_error(res, 400, "invalid",
                          "until: an ISO 8601 time with offset, e.g. 2026-12-03T18:00:00+08:00", "until");
    }
    send_change(res, ctx.items.set_desk_status(*who, id, (*body)["status"], until, ctx.now()), id, false);
  });

  server.Get(R"(/api/v1/([a-z_]+))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!api_principal(ctx, req, res)) return;
    auto c = collection_of(req.matches[1], res);
    if (!c) return;
    json list = json::array();
    for (const auto& r : ctx.items.list(*c)) list.push_back(r.json());
    if (*c == Collection::meta) return send_json(res, 200, list.empty() ? json::object() : list.front());
    send_json(res, 200, json{{std::string(content::collection_name(*c)), list}});
  });

  server.Get(R"(/api/v1/([a-z_]+)/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    auto at = address_of(ctx, req, res);
    if (!at) return;
    auto r = ctx.items.get(at->collection, at->id);
    if (!r)
      return send_error(
          res, 404, "not_found",
          "there is no " + std::string(content::item_kind(at->collection)) + " \"" + at->id + "\"");
    res.set_header("ETag", "\"" + std::to_string(r->revision) + "\"");
    send_json(res, 200, r->json());
  });

  server.Put(R"(/api/v1/([a-z_]+)/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    auto at = address_of(ctx, req, res);
    if (!at) return;
    auto body = json_body(req, res, kMaxItemBytes);
    if (!body) return;
    const auto r = ctx.items.put(at->who, at->collection, at->id, *body, if_match(req), ctx.now());
    send_change(res, r, at->id, r.revision == 1);
  });

  server.Delete(R"(/api/v1/([a-z_]+)/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    auto at = address_of(ctx, req, res);
    if (!at) return;
    auto r = ctx.items.remove(at->who, at->collection, at->id, if_match(req), ctx.now());
    if (r.outcome == ChangeResult::Outcome::saved)
      return send_json(res, 200, json{{"id", at->id}, {"deleted", true}});
    send_change(res, r, at->id, false);
  });
}

}  // namespace kiosk::console
