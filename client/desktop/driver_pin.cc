#include "client/desktop/driver_pin.h"

#include <dlfcn.h>
#include <link.h>

namespace factdesk::desktop {

void PinLoadedLibraries() {
#if defined(__SANITIZE_ADDRESS__)
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void*) {
        if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') {
          // RTLD_NOLOAD: only touches what is already loaded; RTLD_NODELETE: never unload.
          (void)dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
        }
        return 0;
      },
      nullptr);
#endif
}

}  // namespace factdesk::desktop
