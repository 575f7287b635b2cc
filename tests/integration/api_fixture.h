#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/test_server.h"

namespace factdesk::testing {

// One server and one workspace "desk" for the API tests, with a member per role and a
// non-member, and the seed podcast transcript and the first debate imported.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static TestServer& server() { return *server_; }

  // Imports `content` as `filename` into `workspace` as `user`.
  static grpc::Status Import(const TestUser& user, std::int64_t workspace,
                             const std::string& filename, const std::string& content,
                             v1::ImportTranscriptResponse* out,
                             v1::TranscriptFormat format = v1::TRANSCRIPT_FORMAT_UNSPECIFIED);
  // All segments of a transcript, fetched page by page.
  static std::vector<v1::Segment> Segments(std::int64_t transcript_id);
  // The first speech segment containing `needle`, and the byte offset of it.
  static v1::Segment SegmentWith(std::int64_t transcript_id, const std::string& needle,
                                 int* offset);
  // Marks the first occurrence of `needle` in the seed transcript as a claim (as ben).
  static v1::Claim Mark(const std::string& needle);

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_;  // admin (owner)
  static TestUser eve_;  // editor
  static TestUser ben_;  // checker
  static TestUser vic_;  // viewer
  static TestUser out_;  // not a member
  static std::int64_t ws_;
  static v1::Transcript seed_;
  static v1::Transcript debate_;
};

// Asserts a refusal: the code, a message containing `text`, and no SQL or internals.
#define EXPECT_REFUSED(status, code, text)                                                    \
  do {                                                                                        \
    const grpc::Status& s_ = (status);                                                        \
    EXPECT_EQ(s_.error_code(), (code)) << s_.error_message();                                 \
    EXPECT_NE(s_.error_message().find(text), std::string::npos) << s_.error_message();        \
    for (const char* leak : {"SELECT", "INSERT", "UPDATE ", "pqxx", "ERROR:", "relation "}) { \
      EXPECT_EQ(s_.error_message().find(leak), std::string::npos) << s_.error_message();      \
    }                                                                                         \
  } while (false)

}  // namespace factdesk::testing
