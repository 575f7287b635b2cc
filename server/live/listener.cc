#include "server/live/listener.h"

#include <charconv>
#include <chrono>
#include <stdexcept>

#include <pqxx/connection>
#include <pqxx/notification>
#include <spdlog/spdlog.h>

namespace factdesk::live {
namespace {

class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, const std::string& channel,
           std::function<void(const std::string&)> handler)
      : pqxx::notification_receiver(conn, channel), handler_(std::move(handler)) {}
  void operator()(const std::string& payload, int /*backend_pid*/) override { handler_(payload); }

 private:
  std::function<void(const std::string&)> handler_;
};

}  // namespace

std::optional<EventNotice> ParseEventPayload(std::string_view payload) {
  EventNotice notice;
  const char* p = payload.data();
  const char* end = p + payload.size();
  const auto ws = std::from_chars(p, end, notice.workspace_id);
  if (ws.ec != std::errc() || ws.ptr == end || *ws.ptr != ':') return std::nullopt;
  const auto seq = std::from_chars(ws.ptr + 1, end, notice.seq);
  if (seq.ec != std::errc()) return std::nullopt;
  if (seq.ptr == end) return notice;
  if (*seq.ptr != ':' || seq.ptr + 1 == end) return std::nullopt;
  notice.kind = payload.substr(static_cast<std::size_t>(seq.ptr + 1 - p));
  return notice;
}

Listener::Listener(std::string database_url, Callbacks callbacks)
    : url_(std::move(database_url)), callbacks_(std::move(callbacks)) {}

Listener::~Listener() {
  Stop();
}

void Listener::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Listener::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Listener::Run() {
  auto backoff = std::chrono::milliseconds(100);
  bool first = true;
  while (!stop_) {
    try {
      reconnect_ = false;
      pqxx::connection conn(url_);
      Receiver events(conn, "factdesk_events", [this](const std::string& payload) {
        if (const auto n = ParseEventPayload(payload)) {
          callbacks_.on_event(n->workspace_id, n->seq, n->kind);
        }
      });
      Receiver presence(conn, "factdesk_presence", callbacks_.on_presence);
      Receiver tokens(conn, "factdesk_tokens", [this](const std::string& payload) {
        std::int64_t id = 0;
        const auto r = std::from_chars(payload.data(), payload.data() + payload.size(), id);
        if (r.ec == std::errc() && callbacks_.on_token_revoked) callbacks_.on_token_revoked(id);
      });
      conn.get_notifs();  // LISTEN takes effect before we report ourselves connected
      connected_ = true;
      backoff = std::chrono::milliseconds(100);
      if (!first) {
        spdlog::info("live: LISTEN connection restored");
        ++reconnects_;
        callbacks_.on_reconnect();
      }
      first = false;
      // Wakes every 200 ms to check stop_ and reconnect_.
      while (!stop_ && !reconnect_) conn.await_notification(0, 200000);
      if (reconnect_) throw std::runtime_error("the database health probe failed");
    } catch (const std::exception& e) {
      if (connected_.exchange(false) || first) {
        spdlog::warn("live: LISTEN connection lost: {}", e.what());
      }
      first = false;
      const auto deadline = std::chrono::steady_clock::now() + backoff;
      while (!stop_ && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      // At most 2 s: after a failover, the new primary is found soon after it is promoted.
      backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
    }
  }
  connected_ = false;
}

}  // namespace factdesk::live
