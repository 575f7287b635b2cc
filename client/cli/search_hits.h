#pragma once

#include <vector>

#include "client/cli/command_client.h"
#include "common/status.h"

namespace factdesk::cli {

// A ranked search's first `limit` hits, read page by page, and the server's total.
template <typename Hit>
struct SearchHits {
  std::vector<Hit> hits;
  int total = 0;
};

template <typename Hit, typename Method, typename Req>
Status ReadSearchHits(CommandClient& api, Method method, const Req& req, int limit,
                      SearchHits<Hit>& out) {
  return api.Pages(method, req, [&](const auto& page) {
    out.total = page.total();
    for (const auto& h : page.hits()) {
      if (static_cast<int>(out.hits.size()) == limit) return false;
      out.hits.push_back(h);
    }
    return static_cast<int>(out.hits.size()) < limit;
  });
}

}  // namespace factdesk::cli
