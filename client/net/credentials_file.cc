#include "client/net/credentials_file.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace factdesk::client {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::InvalidArgument("credentials",
                                 what + " " + path + ": " + std::generic_category().message(errno));
}

// Creates `dir` and its missing parents with mode 0700.
Status MakePrivateDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!dir.parent_path().empty() && !std::filesystem::exists(dir.parent_path(), ec)) {
    FD_RETURN_IF_ERROR(MakePrivateDir(dir.parent_path()));
  }
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("cannot create", dir);
  return Status::Ok();
}

}  // namespace

Result<std::string> CredentialsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') return std::string(xdg) + "/factdesk/credentials";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return std::string(home) + "/.config/factdesk/credentials";
  return Status::InvalidArgument("credentials", "neither XDG_CONFIG_HOME nor HOME is set");
}

Result<Credentials> LoadCredentials(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return Credentials{};
    return Errno("cannot read", path);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const auto json = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return Status::InvalidArgument("credentials",
                                   path + " is not valid JSON; run `factdesk login` again");
  }
  Credentials c;
  auto field = [&](const char* name, std::string& out) {
    if (const auto it = json.find(name); it != json.end() && it->is_string()) out = *it;
  };
  field("server", c.server);
  field("token", c.token);
  field("ca", c.ca);
  return c;
}

Status SaveCredentials(const std::string& path, const Credentials& c) {
  const std::filesystem::path file(path);
  FD_RETURN_IF_ERROR(MakePrivateDir(file.parent_path()));
  // An existing directory may have been created with a looser mode by someone else.
  if (chmod(file.parent_path().c_str(), 0700) != 0) return Errno("cannot chmod", path);

  nlohmann::json json = {{"server", c.server}, {"token", c.token}, {"ca", c.ca}};
  const std::string body = json.dump(2) + "\n";
  const std::string tmp = path + ".tmp";
  // O_EXCL|0600 from the start: the token is never in a file others can open.
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot create", tmp);
  bool ok = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size());
  ok = ok && ::fsync(fd) == 0;
  int err = ok ? 0 : errno;
  ::close(fd);
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    errno = err;
    return Errno("cannot write", path);
  }
  return Status::Ok();
}

Status FillFromSavedLogin(Credentials& given) {
  if (!given.server.empty() && !given.token.empty()) return Status::Ok();
  FD_ASSIGN_OR_RETURN(const std::string path, CredentialsPath());
  FD_ASSIGN_OR_RETURN(const Credentials saved, LoadCredentials(path));
  if (given.server.empty()) given.server = saved.server;
  if (given.token.empty()) given.token = saved.token;
  // The saved CA belongs to the saved server only.
  if (given.ca.empty() && given.server == saved.server) given.ca = saved.ca;
  return Status::Ok();
}

Result<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::InvalidArgument(
        "--token-file", "cannot read " + path + ": " + std::generic_category().message(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string token = ss.str();
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!token.empty() && is_space(token.back())) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && is_space(token[start])) ++start;
  token.erase(0, start);
  if (token.empty()) return Status::InvalidArgument("--token-file", path + " holds no token");
  if (std::any_of(token.begin(), token.end(), is_space)) {
    return Status::InvalidArgument("--token-file",
                                   path + " holds more than one word; expected one token");
  }
  return token;
}

}  // namespace factdesk::client
