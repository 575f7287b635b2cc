#include "client/desktop/screenshot.h"

#include <cstring>
#include <vector>

#include <GL/gl.h>
#include <stb/stb_image_write.h>

namespace factdesk::desktop {

Status SaveScreenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return Status::Internal("the window has no size");
  const auto row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return Status::Internal("glReadPixels failed");
  // GL's rows run bottom-up; PNG's top-down. Alpha is forced opaque.
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    std::memcpy(&flipped[static_cast<std::size_t>(y) * row],
                &pixels[static_cast<std::size_t>(height - 1 - y) * row], row);
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)) == 0) {
    return Status::Internal("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace factdesk::desktop
