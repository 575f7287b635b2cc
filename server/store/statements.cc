#include "server/store/account_store.h"
#include "server/store/archive_store.h"
#include "server/store/claim_link_store.h"
#include "server/store/claim_match_store.h"
#include "server/store/claim_search_store.h"
#include "server/store/claim_store.h"
#include "server/store/dashboard_store.h"
#include "server/store/event_store.h"
#include "server/store/export_store.h"
#include "server/store/idempotency_store.h"
#include "server/store/live_transcript_store.h"
#include "server/store/note_store.h"
#include "server/store/review_store.h"
#include "server/store/scale_store.h"
#include "server/store/segment_revision_store.h"
#include "server/store/source_store.h"
#include "server/store/statement.h"
#include "server/store/suggestion_match_store.h"
#include "server/store/suggestion_store.h"
#include "server/store/token_store.h"
#include "server/store/transcript_store.h"
#include "server/store/webhook_store.h"

namespace factdesk::store {

std::vector<Statement> AllStatements() {
  std::vector<Statement> all;
  for (const auto group :
       {AccountStatements(),        EventStatements(),          TranscriptStatements(),
        ClaimStatements(),          ClaimSearchStatements(),    SourceStatements(),
        NoteStatements(),           ScaleStatements(),          ReviewStatements(),
        DashboardStatements(),      TokenStatements(),          ExportStatements(),
        IdempotencyStatements(),    WebhookStatements(),        ArchiveStatements(),
        ClaimLinkStatements(),      ClaimMatchStatements(),     SuggestionStatements(),
        LiveTranscriptStatements(), SegmentRevisionStatements()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  const auto suggestion_matches = SuggestionMatchStatements();
  all.insert(all.end(), suggestion_matches.begin(), suggestion_matches.end());
  return all;
}

}  // namespace factdesk::store
