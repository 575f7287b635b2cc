#pragma once

#include "client/desktop/desktop_options.h"
#include "common/status.h"

namespace factdesk::desktop {

// Where the desktop's server, token and CA come from, the first one given winning, as
// in the CLI: the command line (--server, --token-file or --token, --ca); the
// environment (FACTDESK_SERVER, FACTDESK_TOKEN, FACTDESK_CA); the login `factdesk login`
// saved (~/.config/factdesk/credentials). With a server and a token the desktop signs
// in at once; otherwise the connect screen asks. INVALID_ARGUMENT naming the file when
// --token-file cannot be read; a saved login that cannot be read is warned about on
// stderr and left out.
Status ResolveLogin(DesktopOptions& options);

}  // namespace factdesk::desktop
