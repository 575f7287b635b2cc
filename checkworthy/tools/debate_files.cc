#include "checkworthy/tools/debate_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace factdesk::checkworthy::tools {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(path.string(),
                                   std::string("cannot read: ") + std::strerror(errno));
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> TsvFiles(const std::string& dir, std::error_code& error) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Result<std::vector<Debate>> ReadDebates(const std::string& dir) {
  std::error_code error;
  const std::vector<fs::path> files = TsvFiles(dir, error);
  if (error) return Status::InvalidArgument(dir, "cannot list: " + error.message());
  if (files.empty()) return Status::NotFound(dir + ": no .tsv files");
  std::vector<Debate> debates;
  for (const fs::path& path : files) {
    FD_ASSIGN_OR_RETURN(const std::string bytes, ReadFile(path));
    FD_ASSIGN_OR_RETURN(std::vector<ClefLine> lines, ParseClefTsv(bytes, path.filename().string()));
    if (!lines.front().worthy.has_value()) {
      return Status::InvalidArgument(path.filename().string(), "the lines have no labels");
    }
    debates.push_back({path.stem().string(), std::move(lines)});
  }
  return debates;
}

std::vector<Example> ExamplesOf(const std::vector<Debate>& debates, int skip) {
  std::vector<Example> examples;
  for (std::size_t d = 0; d < debates.size(); ++d) {
    if (static_cast<int>(d) == skip) continue;
    for (const ClefLine& line : debates[d].lines) {
      examples.push_back({line.text, line.worthy.value_or(false)});
    }
  }
  return examples;
}

std::string Fingerprint(const std::string& dir, const std::vector<Debate>& debates) {
  std::uint64_t hash = 14695981039346656037ULL;
  const auto mix = [&hash](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  };
  for (const Debate& d : debates) {
    const auto bytes = ReadFile(fs::path(dir) / (d.name + ".tsv"));
    mix(d.name);
    mix(bytes.ok() ? *bytes : "");
  }
  return fmt::format("{:016x}", hash);
}

Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) return Status::InvalidArgument(path, "cannot write the file");
  return Status::Ok();
}

}  // namespace factdesk::checkworthy::tools
