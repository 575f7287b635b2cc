#pragma once

#include <string>

#include "common/status.h"

namespace factdesk::desktop {

// Saves the current GL back buffer (width x height, after rendering, before the swap)
// as a PNG: read with glReadPixels, flipped to top-down rows, written by stb_image_write.
Status SaveScreenshot(const std::string& path, int width, int height);

}  // namespace factdesk::desktop
