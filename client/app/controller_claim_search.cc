// The Claims tab's search: one page of SearchClaims per request, off the UI thread; a
// new search replaces the hits, "more" appends the next page of the same search.
#include "client/app/controller.h"

namespace factdesk::app {

void Controller::Handle(const ui::action::SearchClaims& x) {
  if (!model_.has_workspace()) return;
  ui::ClaimSearchResults& found = session_.claim_search;
  const bool more = !x.request.page_token().empty();
  if (more && (found.loading || x.request.page_token() != found.next_page_token)) return;
  if (!more) found.Restart();
  found.loading = true;
  found.error.clear();
  v1::SearchClaimsRequest req = x.request;
  req.set_workspace_id(model_.workspace().id());
  found.request = req;
  Run<v1::SearchClaimsResponse>(
      [req](Api& api) { return api.Call(&v1::ClaimService::Stub::SearchClaims, req); },
      [this, serial = found.serial](Result<v1::SearchClaimsResponse> r) {
        ui::ClaimSearchResults& s = session_.claim_search;
        if (s.serial != serial) return;  // a newer search replaced this one
        s.loading = false;
        if (!r.ok()) {
          s.error = r.status().message();
          s.next_page_token.clear();
          return;
        }
        s.hits.insert(s.hits.end(), r->hits().begin(), r->hits().end());
        s.total = r->total();
        s.next_page_token = r->next_page_token();
      });
}

}  // namespace factdesk::app
