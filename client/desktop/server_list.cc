#include "client/desktop/server_list.h"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace factdesk::desktop {

std::vector<ui::SavedServer> LoadServers(const std::string& path) {
  std::vector<ui::SavedServer> out;
  std::ifstream in(path);
  if (!in) return out;
  std::stringstream ss;
  ss << in.rdbuf();
  const auto json = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return out;
  for (const auto& e : json) {
    if (!e.is_object()) continue;
    ui::SavedServer s;
    s.address = e.value("address", std::string());
    s.token = e.value("token", std::string());
    s.tls = e.value("tls", false);
    s.ca_file = e.value("ca_file", std::string());
    if (!s.address.empty()) out.push_back(std::move(s));
  }
  return out;
}

Status SaveServers(const std::string& path, const std::vector<ui::SavedServer>& servers) {
  nlohmann::json json = nlohmann::json::array();
  for (const auto& s : servers) {
    json.push_back(
        {{"address", s.address}, {"token", s.token}, {"tls", s.tls}, {"ca_file", s.ca_file}});
  }
  const std::string text = json.dump(2) + "\n";
  // Written to a private temporary file and renamed: never world-readable, never half-written.
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Internal("cannot write " + tmp + ": " + std::generic_category().message(errno));
  }
  ::fchmod(fd, 0600);
  const ssize_t n = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size())) return Status::Internal("cannot write " + tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Internal("cannot replace " + path + ": " +
                            std::generic_category().message(errno));
  }
  return Status::Ok();
}

void Remember(std::vector<ui::SavedServer>& servers, const ui::SavedServer& server) {
  std::erase_if(servers, [&](const ui::SavedServer& s) { return s.address == server.address; });
  servers.insert(servers.begin(), server);
}

}  // namespace factdesk::desktop
