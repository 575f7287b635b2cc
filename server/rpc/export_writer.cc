#include "server/rpc/export_writer.h"

#include "common/tsan_handoff.h"

namespace factdesk::rpc {
namespace {

constexpr auto kStalledClient = std::chrono::seconds(60);

grpc::Status ToGrpcStatus(const Status& s) {
  return {static_cast<grpc::StatusCode>(s.code()), s.message()};
}

}  // namespace

std::shared_ptr<ExportWriter> ExportWriter::Create() {
  std::shared_ptr<ExportWriter> writer(new ExportWriter());
  writer->self_ = writer;
  return writer;
}

void ExportWriter::SetHeader(std::string content_type, std::string filename) {
  std::lock_guard lock(mu_);
  content_type_ = std::move(content_type);
  filename_ = std::move(filename);
}

bool ExportWriter::Append(std::string_view bytes) {
  std::unique_lock lock(mu_);
  if (over_) return false;
  buffer_.append(bytes);
  while (buffer_.size() >= kChunkBytes) {
    std::string chunk = buffer_.substr(0, kChunkBytes);
    buffer_.erase(0, kChunkBytes);
    if (!PushLocked(lock, std::move(chunk))) return false;
  }
  return true;
}

bool ExportWriter::PushLocked(std::unique_lock<std::mutex>& lock, std::string bytes) {
  const bool room = room_.wait_for(lock, kStalledClient,
                                   [this] { return over_ || queue_.size() < kMaxQueuedChunks; });
  if (over_) return false;
  if (!room) {
    over_ = true;
    EndLocked(lock, Status(Code::kDeadlineExceeded, "the client stopped reading the export"));
    return false;
  }
  v1::ExportChunk chunk;
  chunk.set_data(std::move(bytes));
  if (!header_sent_) {
    chunk.set_content_type(content_type_);
    chunk.set_filename(filename_);
    header_sent_ = true;
  }
  queue_.push_back(std::move(chunk));
  WriteNextLocked(lock);
  return true;
}

void ExportWriter::Close(const Status& status) {
  std::unique_lock lock(mu_);
  if (over_) {
    EndLocked(lock, Status(Code::kCancelled, "the export was cancelled"));
    return;
  }
  if (status.ok() && (!buffer_.empty() || !header_sent_)) {
    if (!PushLocked(lock, std::exchange(buffer_, {}))) return;
  }
  over_ = true;
  if (!status.ok()) queue_.clear();  // a failed export must not look complete
  EndLocked(lock, status);
}

void ExportWriter::EndLocked(std::unique_lock<std::mutex>& lock, const Status& status) {
  if (!finish_) finish_ = status;
  room_.notify_all();
  if (finished_ || write_in_flight_ || !queue_.empty()) return;
  finished_ = true;
  const Status s = *finish_;
  lock.unlock();
  HandOff(this);
  Finish(ToGrpcStatus(s));
  lock.lock();
}

void ExportWriter::WriteNextLocked(std::unique_lock<std::mutex>& lock) {
  if (write_in_flight_ || queue_.empty() || finished_) return;
  current_ = std::move(queue_.front());
  queue_.pop_front();
  write_in_flight_ = true;
  room_.notify_all();
  lock.unlock();
  HandOff(this);
  StartWrite(&current_);
  lock.lock();
}

void ExportWriter::OnWriteDone(bool ok) {
  TakeOver(this);
  std::unique_lock lock(mu_);
  write_in_flight_ = false;
  if (!ok) {
    over_ = true;
    queue_.clear();
    EndLocked(lock, Status(Code::kCancelled, "the client went away"));
    return;
  }
  if (!queue_.empty()) {
    WriteNextLocked(lock);
    return;
  }
  room_.notify_all();
  if (finish_) EndLocked(lock, *finish_);
}

void ExportWriter::OnCancel() {
  TakeOver(this);
  std::unique_lock lock(mu_);
  over_ = true;
  queue_.clear();
  EndLocked(lock, Status(Code::kCancelled, "the client cancelled the export"));
}

void ExportWriter::OnDone() {
  TakeOver(this);
  // Dropping gRPC's reference; the producer may still hold one.
  auto last = std::move(self_);
}

}  // namespace factdesk::rpc
