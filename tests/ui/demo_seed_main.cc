// desktop_demo_seed: fills a workspace with demo work (used by
// client/desktop/make_screenshots.sh for the README screenshots).
//   desktop_demo_seed --server ADDR --workspace SLUG --editor-token T --checker-token T
//                     --second-checker-token T --file TRANSCRIPT [--title TITLE]
// Prints "transcript=ID claim=ID claims=N".
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "client/net/connection.h"
#include "tests/ui/demo_data.h"

int main(int argc, char** argv) {
  CLI::App app{"desktop_demo_seed: demo data for the desktop's screenshots"};
  factdesk::client::ConnectionOptions connection;
  factdesk::testing::DemoPeople people;
  std::string slug;
  std::string file;
  std::string title;
  app.add_option("--server", connection.address)->required();
  app.add_option("--workspace", slug)->required();
  app.add_option("--editor-token", people.editor_token)->required();
  app.add_option("--checker-token", people.checker_token)->required();
  app.add_option("--second-checker-token", people.second_checker_token)->required();
  app.add_option("--file", file)->required();
  app.add_option("--title", title);
  CLI11_PARSE(app, argc, argv);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "desktop_demo_seed: cannot read " << file << "\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto channel = factdesk::client::OpenChannel(connection);
  if (!channel.ok()) {
    std::cerr << "desktop_demo_seed: " << channel.status().message() << "\n";
    return 1;
  }
  const std::string name = file.substr(file.find_last_of('/') + 1);
  auto seeded = factdesk::testing::SeedDemo(*channel, people, slug, name, ss.str(), title);
  if (!seeded.ok()) {
    std::cerr << "desktop_demo_seed: " << seeded.status().ToString() << "\n";
    return 1;
  }
  std::cout << "transcript=" << seeded->transcript_id << " claim=" << seeded->showcase_claim_id
            << " claims=" << seeded->claims << "\n";
  return 0;
}
