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

bool ParseEventPayload(const std::string& payload, std::int64_t* workspace_id, std::int64_t* seq) {
  const auto colon = payload.find(':');
  if (colon == std::string::npos) return false;
  const char* begin = payload.data();
  const char* end = begin + payload.size();
  auto a = std::from_chars(begin, begin + colon, *workspace_id);
  auto b = std::from_chars(begin + colon + 1, end, *seq);
  return a.ec == std::errc() && a.ptr == begin + colon && b.ec == std::errc() && b.ptr == end;
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
        std::int64_t ws = 0;
        std::int64_t seq = 0;
        if (ParseEventPayload(payload, &ws, &seq)) callbacks_.on_event(ws, seq);
      });
      Receiver presence(conn, "factdesk_presence", callbacks_.on_presence);
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
