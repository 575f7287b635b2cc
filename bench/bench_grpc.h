// What the benchmarks that talk to a real server over gRPC share: channels with their own
// TCP connection, and a debate imported to mark claims in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "bench/bench_support.h"

namespace factdesk::bench {

// A channel with its own TCP connection (gRPC shares subchannels between channels with
// equal arguments unless told not to); `id` tells the channels apart.
std::shared_ptr<grpc::Channel> OwnChannel(int port, int id);

// A transcript imported into a workspace, and its speech segments whose first 20 bytes
// are printable ASCII (a claim over bytes 0..20 anchors in any of them).
struct ImportedDebate {
  std::int64_t transcript_id = 0;
  std::vector<std::int64_t> segments;
};

// Imports ../shared's first 2016 presidential debate (TSV) into `workspace_id` as the
// token's user through the server on `port`; throws when the import fails.
ImportedDebate ImportDebate(int port, const std::string& token, std::int64_t workspace_id,
                            PgConn& conn);

}  // namespace factdesk::bench
