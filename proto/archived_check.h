#pragma once

#include "archive/archived_check.h"
#include "factdesk/v1/archive.pb.h"

// The one mapping between the archive's check and factdesk.v1's.
namespace factdesk::v1 {

ArchivedCheck ToProto(const archive::ArchivedCheck& check);
archive::ArchivedCheck FromProto(const ArchivedCheck& check);

}  // namespace factdesk::v1
