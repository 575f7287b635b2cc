#pragma once

#include <string>

#include "factdesk/v1/live.pb.h"

namespace factdesk::events {

// What the actor did, in people's words and without the actor:
//   "added a source: Police annual report (refutes)", "published the check".
// A review the reader may not see yet (`hidden`) says only that it was submitted.
// The server's claim history shows this beside the actor's name.
std::string DescribeAction(const v1::Event& event);

// The whole sentence, actor first: "Ben Okafor added a source: Police annual report
// (refutes)". The server's admin commands act as "An administrator".
std::string DescribeEvent(const v1::Event& event);

}  // namespace factdesk::events
