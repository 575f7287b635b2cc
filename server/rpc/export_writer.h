#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "common/status.h"
#include "factdesk/v1/export.pb.h"

namespace factdesk::rpc {

// The server side of one Export stream: a producer (on a worker thread) writes bytes;
// they leave in chunks of at most 64 KiB, one write in flight, with at most a few
// chunks queued, so an export of any size is held in memory once and only in part.
// A producer that outruns the client waits; a client that stops reading for a minute
// ends the export.
class ExportWriter : public grpc::ServerWriteReactor<v1::ExportChunk> {
 public:
  static constexpr std::size_t kChunkBytes = std::size_t{64} << 10U;
  static constexpr std::size_t kMaxQueuedChunks = 4;

  // gRPC owns the call until OnDone; the producer keeps the writer alive with this.
  static std::shared_ptr<ExportWriter> Create();

  // Producer side (one thread). Append returns false once the call is over (the client
  // cancelled or stopped reading): the producer should stop.
  void SetHeader(std::string content_type, std::string filename);
  bool Append(std::string_view bytes);
  // Sends what is buffered and ends the call with `status`.
  void Close(const Status& status);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  ExportWriter() = default;
  bool PushLocked(std::unique_lock<std::mutex>& lock, std::string bytes);
  void WriteNextLocked(std::unique_lock<std::mutex>& lock);
  // Ends the call once: now if no write is in flight, else when it completes.
  void EndLocked(std::unique_lock<std::mutex>& lock, const Status& status);

  std::shared_ptr<ExportWriter> self_;
  std::mutex mu_;
  std::condition_variable room_;
  std::deque<v1::ExportChunk> queue_;
  std::string buffer_;
  std::string content_type_;
  std::string filename_;
  bool header_sent_ = false;
  bool write_in_flight_ = false;
  bool over_ = false;  // cancelled, failed or closed: produce no more
  bool finished_ = false;
  std::optional<Status> finish_;
  v1::ExportChunk current_;
};

}  // namespace factdesk::rpc
