#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

namespace factdesk::testing {

// grpc.health.v1.Health/Check, as a load balancer asks it: "SERVING", "NOT_SERVING",
// "SERVICE_UNKNOWN", "UNKNOWN", or "error: CODE message" when the call itself failed.
// `service` "" is the server's overall status. The two messages are a string field and
// an enum field, encoded here by hand: the C++ packages ship no stub for them.
std::string HealthCheck(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                        std::chrono::milliseconds timeout = std::chrono::seconds(2));

}  // namespace factdesk::testing
