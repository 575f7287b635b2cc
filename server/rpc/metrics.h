#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "common/result.h"

namespace factdesk::rpc {

// The server's Prometheus metrics: request counts and latency by method and status,
// live subscribers, events, database pool use, embedded database up.
class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;
  ~Metrics();

  void ObserveRequest(std::string_view method, Code code, double seconds);
  // A value read when Prometheus scrapes: a gauge (subscribers, pool in use, ...) or a
  // counter kept elsewhere (events fanned out by the live hub).
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  void AddCounter(std::string name, std::string help, std::function<double()> read);

  // Serves /metrics on `address` (host:port; port 0 picks one).
  Status Expose(const std::string& address);
  // The port /metrics listens on, 0 when not exposed.
  int port() const;

  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

 private:
  class GaugeCollector;

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<GaugeCollector> gauges_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace factdesk::rpc
