#include "server/rpc/metrics.h"

#include <mutex>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace factdesk::rpc {

// Gauges whose values are read at scrape time, so nothing has to keep them current.
class Metrics::GaugeCollector : public prometheus::Collectable {
 public:
  void Add(std::string name, std::string help, prometheus::MetricType type,
           std::function<double()> read) {
    std::lock_guard lock(mu_);
    gauges_.push_back({std::move(name), std::move(help), type, std::move(read)});
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::lock_guard lock(mu_);
    std::vector<prometheus::MetricFamily> out;
    for (const auto& g : gauges_) {
      prometheus::MetricFamily family;
      family.name = g.name;
      family.help = g.help;
      family.type = g.type;
      prometheus::ClientMetric metric;
      if (g.type == prometheus::MetricType::Counter) {
        metric.counter.value = g.read();
      } else {
        metric.gauge.value = g.read();
      }
      family.metric.push_back(std::move(metric));
      out.push_back(std::move(family));
    }
    return out;
  }

 private:
  struct Gauge {
    std::string name;
    std::string help;
    prometheus::MetricType type;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::vector<Gauge> gauges_;
};

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      gauges_(std::make_shared<GaugeCollector>()),
      requests_(prometheus::BuildCounter()
                    .Name("factdesk_requests_total")
                    .Help("RPCs handled, by method and status code")
                    .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("factdesk_request_duration_seconds")
                   .Help("RPC latency, by method and status code")
                   .Register(*registry_)) {}

Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view method, Code code, double seconds) {
  const prometheus::Labels labels = {{"method", std::string(method)}, {"code", CodeName(code)}};
  requests_.Add(labels).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  latency_.Add(labels, kBuckets).Observe(seconds);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  gauges_->Add(std::move(name), std::move(help), prometheus::MetricType::Gauge, std::move(read));
}

void Metrics::AddCounter(std::string name, std::string help, std::function<double()> read) {
  gauges_->Add(std::move(name), std::move(help), prometheus::MetricType::Counter, std::move(read));
}

Status Metrics::Expose(const std::string& address) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address, 1);
  } catch (const std::exception& e) {
    return Status::Unavailable("cannot serve metrics on " + address + ": " + e.what());
  }
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(gauges_);
  return Status::Ok();
}

int Metrics::port() const {
  if (!exposer_) return 0;
  const auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace factdesk::rpc
