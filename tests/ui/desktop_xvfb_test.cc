// Two factdesk-desktop processes on one factdesk-server process, under an Xvfb the test
// starts (Mesa software OpenGL): a claim marked through the first appears in the second
// within a second, and both windows' screenshots are real pictures that show it.
#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include "client/net/connection.h"
#include "client/net/credentials_file.h"
#include "client/ui/claim_style.h"
#include "tests/support/process.h"
#include "tests/support/test_postgres.h"
#include "tests/support/test_server.h"
#include "tests/ui/demo_data.h"
#include "tests/ui/reference_font.h"
#include "tests/ui/xvfb_session.h"

namespace factdesk::testing {
namespace {

constexpr auto kCommand = std::chrono::seconds(120);

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Describe(const ChildProcess& p) {
  return "--- stdout ---\n" + p.out().substr(0, 6000) + "\n--- stderr ---\n" +
         p.err().substr(0, 6000);
}

// A decoded PNG.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;

  static Image Load(const std::string& path) {
    Image img;
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 3);
    if (data != nullptr) {
      img.rgb.assign(data, data + static_cast<std::size_t>(img.width) * img.height * 3);
      stbi_image_free(data);
    }
    return img;
  }
  int Distinct(int cap = 64) const {
    std::set<std::uint32_t> colors;
    for (std::size_t i = 0; i + 2 < rgb.size() && static_cast<int>(colors.size()) < cap; i += 3) {
      colors.insert((std::uint32_t{rgb[i]} << 16U) | (std::uint32_t{rgb[i + 1]} << 8U) |
                    rgb[i + 2]);
    }
    return static_cast<int>(colors.size());
  }
  // Pixels within `tolerance` of a colour.
  int Count(ui::Rgba c, int tolerance = 2) const {
    int n = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
      if (std::abs(rgb[i] - c.r) <= tolerance && std::abs(rgb[i + 1] - c.g) <= tolerance &&
          std::abs(rgb[i + 2] - c.b) <= tolerance) {
        ++n;
      }
    }
    return n;
  }
};

// The number after " NAME=" (or at the start) in a hook's output line; -1 when absent.
std::int64_t Field(const std::string& line, const std::string& name) {
  std::size_t at = line.rfind(name + "=", 0) == 0 ? 0 : line.find(" " + name + "=");
  if (at == std::string::npos) return -1;
  at = line.find('=', at) + 1;
  std::size_t end = at;
  while (end < line.size() &&
         (std::isdigit(static_cast<unsigned char>(line[end])) != 0 || line[end] == '-'))
    ++end;
  return end > at ? std::stoll(line.substr(at, end - at)) : -1;
}

class DesktopXvfbTest : public ::testing::Test {
 protected:
  ProcessResult Admin(const std::vector<std::string>& args) {
    ProcessOptions o;
    o.argv = {ServerBinary(), "admin", "--data-dir", data_dir_};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    return RunProcess(o, kCommand);
  }
  std::string Token(const std::string& handle, const std::string& name, const std::string& role) {
    EXPECT_EQ(Admin({"create-user", handle, "--name", name}).exit_code, 0);
    if (!role.empty()) {
      EXPECT_EQ(Admin({"add-member", "desk", handle, "--role", role}).exit_code, 0);
    }
    const ProcessResult r = Admin({"issue-token", handle});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trimmed(r.out);
  }
  std::unique_ptr<ChildProcess> Desktop(const std::string& name, const std::string& token,
                                        const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--server", server_->address(), "--token", token};
    args.insert(args.end(), extra.begin(), extra.end());
    return DesktopWithArgs(name, args, {});
  }
  // The window with only these arguments (and --workspace desk --timeout 90), in a home
  // of its own (dir_/NAME, its config in NAME/config), with `env` added.
  std::unique_ptr<ChildProcess> DesktopWithArgs(
      const std::string& name, const std::vector<std::string>& extra,
      const std::vector<std::pair<std::string, std::string>>& env) {
    ProcessOptions o;
    o.argv = {DesktopBinary(), "--workspace", "desk", "--timeout", "90"};
    o.argv.insert(o.argv.end(), extra.begin(), extra.end());
    const std::string home = dir_.path() + "/" + name;
    std::filesystem::create_directories(home);
    o.env = {{"DISPLAY", xvfb_->display()},
             {"HOME", home},
             {"XDG_CONFIG_HOME", home + "/config"},
             {"LIBGL_ALWAYS_SOFTWARE", "1"},
             // No leak check at exit in these windows: LeakSanitizer's tracer crashes now and
             // then stopping this process's threads ("Tracer caught signal 11"), a failure
             // of the sanitizer, not of the windows, and only in these GLFW/Mesa processes.
             // The same client code is leak-checked in process by desktop_ui_tests.
             {"LSAN_OPTIONS", "detect_leaks=0"}};
    o.unset_env = {"WAYLAND_DISPLAY", "XAUTHORITY", "FACTDESK_SERVER", "FACTDESK_TOKEN"};
    for (const auto& [name, value] : env) o.env[name] = value;
    return std::make_unique<ChildProcess>(o);
  }

  // Xvfb, a server process and the workspace "desk" owned by ana; ana's token.
  std::string StartDesk() {
    xvfb_ = std::make_unique<XvfbSession>();
    server_ = std::make_unique<ServerProcess>(data_dir_);
    EXPECT_EQ(Admin({"create-user", "ana", "--name", "Ana Moreno"}).exit_code, 0);
    EXPECT_EQ(
        Admin({"create-workspace", "desk", "--name", "Debate desk", "--owner", "ana"}).exit_code,
        0);
    return Trimmed(Admin({"issue-token", "ana"}).out);
  }

  TempDir dir_;
  std::string data_dir_ = dir_.path() + "/data";
  std::unique_ptr<XvfbSession> xvfb_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(DesktopXvfbTest, AClaimMarkedInOneWindowAppearsInTheOtherWithinASecond) {
  const std::string ana = StartDesk();
  ASSERT_FALSE(ana.empty());
  const std::string ben = Token("ben", "Ben Okafor", "checker");
  ASSERT_FALSE(ben.empty());

  // The transcript, imported through the API; the claim will be its first speech
  // segment's first five words.
  client::ConnectionOptions c;
  c.address = server_->address();
  auto channel = client::OpenChannel(c);
  ASSERT_TRUE(channel.ok());
  auto transcript = ImportTranscript(*channel, ben, "desk", "000_964967168d34df55.txt",
                                     ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
  ASSERT_TRUE(transcript.ok()) << transcript.status().ToString();
  auto segments = AllSegments(*channel, ben, transcript->id());
  ASSERT_TRUE(segments.ok());
  const v1::Segment* seg = nullptr;
  for (const auto& s : *segments) {
    if (s.kind() == v1::SEGMENT_KIND_SPEECH && s.text().size() > 40) {
      seg = &s;
      break;
    }
  }
  ASSERT_NE(seg, nullptr);
  std::size_t end = 0;
  for (int w = 0; w < 5; ++w) end = seg->text().find(' ', end + 1);
  const std::string quote = seg->text().substr(0, end);
  const std::string mark = std::to_string(transcript->id()) + ":" + std::to_string(seg->ordinal()) +
                           ":0:" + std::to_string(end);

  // Second window first: following the stream, waiting for one claim to screenshot it.
  const std::string shot_b = dir_.path() + "/b.png";
  auto b = Desktop("b", ben, {"--report-changes", "--wait-claims", "1", "--screenshot", shot_b});
  ASSERT_TRUE(b->WaitFor(R"(ready workspace=)", std::chrono::seconds(90))) << Describe(*b);

  // The first window marks the claim the way Ctrl+M does.
  const std::string shot_a = dir_.path() + "/a.png";
  auto a = Desktop("a", ana, {"--mark", mark, "--screenshot", shot_a});
  const auto created =
      a->WaitFor(R"((claim-created id=[0-9]+ .* t_ms=[0-9]+))", std::chrono::seconds(90));
  ASSERT_TRUE(created) << Describe(*a);
  const std::int64_t claim_id = Field(*created, "id");
  const std::int64_t created_ms = Field(*created, "t_ms");
  EXPECT_NE(created->find("quote=" + quote), std::string::npos) << *created;

  const auto seen =
      b->WaitFor("(change seq=[0-9]+ subject=claim what=created claim=" + std::to_string(claim_id) +
                     " by_self=0 t_ms=[0-9]+)",
                 std::chrono::seconds(30));
  ASSERT_TRUE(seen) << Describe(*b);
  const std::int64_t seen_ms = Field(*seen, "t_ms");
  EXPECT_LT(seen_ms - created_ms, 1000)
      << "the claim took " << seen_ms - created_ms << " ms to reach the second window";
  EXPECT_TRUE(b->WaitFor("claims " + std::to_string(claim_id), std::chrono::seconds(10)));

  // Both take their screenshots and exit cleanly.
  const auto a_exit = a->Wait(std::chrono::seconds(90));
  const auto b_exit = b->Wait(std::chrono::seconds(90));
  ASSERT_TRUE(a_exit.has_value()) << Describe(*a);
  ASSERT_TRUE(b_exit.has_value()) << Describe(*b);
  EXPECT_EQ(*a_exit, 0) << Describe(*a);
  EXPECT_EQ(*b_exit, 0) << Describe(*b);

  const ui::Rgba open_fill = ui::HighlightFillFor(ui::StatusColor(v1::CLAIM_STATUS_OPEN));
  for (const auto& [name, path] : {std::pair{"first", shot_a}, std::pair{"second", shot_b}}) {
    ASSERT_TRUE(std::filesystem::exists(path)) << name;
    EXPECT_GT(std::filesystem::file_size(path), 1000U) << name;
    const Image img = Image::Load(path);
    ASSERT_EQ(img.width, 1280) << name;
    ASSERT_EQ(img.height, 800) << name;
    EXPECT_GT(img.Distinct(), 8) << name << "'s screenshot is (nearly) one flat colour";
    // The open claim's highlight is on screen (opaque, so its exact colour is there).
    EXPECT_GT(img.Count(open_fill), 200) << name << "'s screenshot does not show the claim";
  }
}

TEST_F(DesktopXvfbTest, ChineseNamesOutsideTheCommonSetStillRender) {
  const std::string ana = StartDesk();
  ASSERT_FALSE(ana.empty());
  client::ConnectionOptions c;
  c.address = server_->address();
  auto channel = client::OpenChannel(c);
  ASSERT_TRUE(channel.ok());
  // 李雯 and 鑫 (U+674E is common; U+96EF and U+946B are not in the atlas's fixed set).
  const std::string vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:06.000\n"
      "<v Li Wen>My name is Li Wen, \xE6\x9D\x8E\xE9\x9B\xAF, and I run the "
      "\xE9\x91\xAB bakery.\n";
  ASSERT_TRUE(ImportTranscript(*channel, ana, "desk", "names.vtt", vtt).ok());

  const std::string shot = dir_.path() + "/names.png";
  auto d = Desktop("names", ana, {"--screenshot", shot});
  const auto exit = d->Wait(std::chrono::seconds(90));
  ASSERT_TRUE(exit.has_value()) << Describe(*d);
  EXPECT_EQ(*exit, 0) << Describe(*d);
  // The reader reported both characters and the atlas was rebuilt with them before the
  // screenshot.
  EXPECT_NE(d->err().find("font atlas grew to 2 characters beyond its fixed set"),
            std::string::npos)
      << Describe(*d);
  EXPECT_TRUE(std::filesystem::exists(shot));
}

// What the hook reported for U+`code`: "glyph U+2019 advance=5.0 width=2.0"; -1 if absent.
float ReportedAdvance(const std::string& out, unsigned code) {
  char want[16];
  std::snprintf(want, sizeof want, "glyph U+%04X ", code);
  const std::size_t at = out.find(want);
  if (at == std::string::npos) return -1;
  return std::stof(out.substr(out.find("advance=", at) + 8));
}

TEST_F(DesktopXvfbTest, TheSeedsCurlyQuotesAreDrawnFromTheLatinFont) {
  const std::string ana = StartDesk();
  ASSERT_FALSE(ana.empty());
  client::ConnectionOptions c;
  c.address = server_->address();
  auto channel = client::OpenChannel(c);
  ASSERT_TRUE(channel.ok());
  // The seed podcast, read in place: its first paragraph has "China’s" and
  // "technologies—such".
  ASSERT_TRUE(ImportTranscript(*channel, ana, "desk", "000_964967168d34df55.txt",
                               ReadFile(SharedPath("seeds/000_964967168d34df55.txt")))
                  .ok());

  const std::string shot = dir_.path() + "/seed.png";
  auto d = Desktop("seed", ana, {"--report-glyphs", "--screenshot", shot});
  const auto exit = d->Wait(std::chrono::seconds(90));
  ASSERT_TRUE(exit.has_value()) << Describe(*d);
  ASSERT_EQ(*exit, 0) << Describe(*d);
  std::smatch size;
  const std::string err = d->err();
  ASSERT_TRUE(std::regex_search(err, size, std::regex(R"(font .* at ([0-9]+) px)"))) << err;
  const float pixels = std::stof(size[1]);
  const ReferenceFont latin(kDejaVuSans, 0, pixels);
  const ReferenceFont cjk(kNotoSansCjk, kNotoSansCjkSc, pixels);
  for (const unsigned code : {0x2019U, 0x2014U}) {  // ’ and —, as drawn on screen
    SCOPED_TRACE(code);
    const float drawn = ReportedAdvance(d->out(), code);
    ASSERT_GT(drawn, 0) << "the window never drew it\n" << Describe(*d);
    EXPECT_EQ(drawn, latin.Advance(static_cast<ImWchar>(code)));
    EXPECT_NE(drawn, cjk.Advance(static_cast<ImWchar>(code)));
  }
  // Plain letters too (the reader's text is not the fallback box).
  EXPECT_EQ(ReportedAdvance(d->out(), 'C'), latin.Advance('C'));
  EXPECT_EQ(ReportedAdvance(d->out(), 0x25A1), -1) << "a character fell back to the box";
}

// The whole command line of a running process, its arguments joined by spaces.
std::string CommandLineOf(pid_t pid) {
  std::string cmdline = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
  return cmdline;
}

TEST_F(DesktopXvfbTest, SignsInWithTheCliSavedLoginOrATokenFromTheEnvironment) {
  const std::string ana = StartDesk();
  ASSERT_FALSE(ana.empty());
  // What `factdesk login` leaves behind, in the window's own config directory.
  const std::string config = dir_.path() + "/saved/config";
  ASSERT_TRUE(
      client::SaveCredentials(config + "/factdesk/credentials", {server_->address(), ana, ""})
          .ok());
  auto saved = DesktopWithArgs("saved", {"--report-changes"}, {});
  const auto ready = saved->WaitFor("(ready workspace=[0-9]+)", std::chrono::seconds(90));
  ASSERT_TRUE(ready) << Describe(*saved);
  EXPECT_EQ(CommandLineOf(saved->pid()).find(ana), std::string::npos);

  // No saved login: the server from the command line, the token from the environment.
  auto env = DesktopWithArgs("env", {"--server", server_->address(), "--report-changes"},
                             {{"FACTDESK_TOKEN", ana}});
  ASSERT_TRUE(env->WaitFor("(ready workspace=[0-9]+)", std::chrono::seconds(90))) << Describe(*env);
  EXPECT_EQ(CommandLineOf(env->pid()).find(ana), std::string::npos);
}

}  // namespace
}  // namespace factdesk::testing
