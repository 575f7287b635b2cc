#include "server/store/database.h"

namespace factdesk::store {

Result<Database> OpenDatabase(const DatabaseOptions& options, bool allow_shared) {
  Database db;
  if (!options.url.empty()) {
    db.url = options.url;
    return db;
  }
  if (allow_shared && DataDirInUse(options.embedded.data_dir)) {
    FD_ASSIGN_OR_RETURN(db.url, AttachToRunning(options.embedded.data_dir));
    return db;
  }
  FD_ASSIGN_OR_RETURN(db.embedded, EmbeddedPostgres::Start(options.embedded));
  db.url = db.embedded->Url();
  return db;
}

}  // namespace factdesk::store
