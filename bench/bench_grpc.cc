#include "bench/bench_grpc.h"

#include <stdexcept>

#include "factdesk/v1/transcript.grpc.pb.h"
#include "tests/support/test_server.h"

namespace factdesk::bench {

std::shared_ptr<grpc::Channel> OwnChannel(int port, int id) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("factdesk.bench.channel", id);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials(), args);
}

ImportedDebate ImportDebate(int port, const std::string& token, std::int64_t workspace_id,
                            PgConn& conn) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(workspace_id);
  req.set_filename("debate.tsv");
  req.set_content(testing::ReadFile(
      testing::SharedPath("data/debates/clef2018-task1-english-1st-Presidential.tsv")));
  v1::ImportTranscriptResponse resp;
  const auto status = v1::TranscriptService::NewStub(OwnChannel(port, -1))
                          ->ImportTranscript(testing::Ctx(token).get(), req, &resp);
  if (!status.ok()) throw std::runtime_error("import: " + status.error_message());
  ImportedDebate debate;
  debate.transcript_id = resp.transcript().id();
  for (const auto& row : conn.Query(
           "SELECT id FROM segments WHERE transcript_id = $1 AND kind = 'speech' "
           "AND octet_length(text) >= 20 AND left(text, 20) ~ '^[ -~]{20}$' ORDER BY ordinal",
           {std::to_string(debate.transcript_id)})) {
    debate.segments.push_back(std::stoll(row[0]));
  }
  if (debate.segments.empty()) throw std::runtime_error("no segments to mark claims in");
  return debate;
}

}  // namespace factdesk::bench
