// The review workflow driven from the command line, as an editor's scripts would: a
// member added and removed, claims assigned and taken, a dispute decided by an editor
// and another ended by agreement, publication, correction, reopening, dismissal, and
// the rating scale saved, edited and set again.
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

class CliWorkflowTest : public CliTest {
 protected:
  // A checker of "desk" made for the test (admin commands), logged in with the CLI.
  static CliUser NewChecker(const std::string& handle) {
    const CliUser u = CreateUser(handle, "Cara Diaz");
    const ProcessResult added =
        Cli(ana_, {"member", "set", handle, "-w", "desk", "--role", "checker"});
    EXPECT_EQ(added.exit_code, 0) << Describe(added);
    EXPECT_NE(added.out.find(handle + " is now checker in desk"), std::string::npos) << added.out;
    const ProcessResult login =
        Cli(u, {"login", "--server", server_->address(), "--token", u.token});
    EXPECT_EQ(login.exit_code, 0) << Describe(login);
    return u;
  }

  static json Claim(const std::string& id) {
    return ParseJson(Cli(vic_, {"claim", "show", id, "--json"}))["claim"];
  }

  static std::vector<std::string> Assignees(const json& claim) {
    std::vector<std::string> out;
    for (const auto& u : claim["assignees"]) out.push_back(u["handle"]);
    return out;
  }
};

TEST_F(CliWorkflowTest, AssignReviewDisputeDecidePublishCorrectAndReopen) {
  const CliUser cara = NewChecker("cara");
  const std::string id = MarkInDebate("we owe $20 trillion", "we owe $20 trillion");
  ASSERT_FALSE(id.empty());

  // Only editors assign; assigning starts the review.
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "assign", id, "--to", "ben"}), "PERMISSION_DENIED",
                        "needs the editor role"));
  const ProcessResult assigned = Cli(ana_, {"claim", "assign", id, "--to", "ben,cara", "--json"});
  ASSERT_CLI_OK(assigned);
  EXPECT_EQ(ParseJson(assigned)["status"], "CLAIM_STATUS_IN_REVIEW");
  EXPECT_EQ(Assignees(ParseJson(assigned)), (std::vector<std::string>{"ben", "cara"}));
  const ProcessResult mine =
      Cli(cara, {"claim", "list", "-w", "desk", "--assignee", "cara", "--json"});
  ASSERT_CLI_OK(mine);
  ASSERT_EQ(ParseJson(mine).size(), 1U);
  EXPECT_EQ(ParseJson(mine)[0]["id"], id);
  // Someone else's claim cannot be taken.
  EXPECT_TRUE(FailsWith(Cli(cara, {"claim", "take", id}), "FAILED_PRECONDITION",
                        "is already assigned to ben, cara"));

  // Blind reviews: cara sees ben's verdict only once she has given her own.
  ASSERT_CLI_OK(Cli(ben_, {"source", "add", id, "--url", "https://fiscaldata.treasury.gov/",
                           "--stance", "supports"}));
  ASSERT_CLI_OK(Cli(ben_, {"review", "submit", id, "--verdict", "True", "--rationale",
                           "Treasury's debt to the penny, Sept. 2016.", "--confidence", "high"}));
  const ProcessResult blind = Cli(cara, {"review", "list", id});
  ASSERT_CLI_OK(blind);
  EXPECT_NE(blind.out.find("ben: hidden until you submit your own"), std::string::npos)
      << blind.out;
  EXPECT_EQ(blind.out.find("Treasury"), std::string::npos) << blind.out;
  const ProcessResult second = Cli(
      cara, {"review", "submit", id, "--verdict", "Mostly false", "--rationale",
             "Gross debt was $19.5 trillion; the public part far less.", "--confidence", "medium"});
  ASSERT_CLI_OK(second);
  EXPECT_NE(second.out.find("DISPUTED"), std::string::npos) << second.out;
  const ProcessResult open_reviews = Cli(cara, {"review", "list", id});
  EXPECT_NE(open_reviews.out.find("ben: True (high confidence"), std::string::npos)
      << open_reviews.out;

  // The dispute, side by side, with its own thread.
  const ProcessResult disputes = Cli(vic_, {"dispute", "list", "-w", "desk", "--open", "--json"});
  ASSERT_CLI_OK(disputes);
  std::string dispute_id;
  for (const auto& d : ParseJson(disputes)) {
    if (d["claim_id"] == id) dispute_id = d["id"];
  }
  ASSERT_FALSE(dispute_id.empty()) << disputes.out;
  // A viewer who gave no verdict sees none while the dispute is open; editors see all.
  const ProcessResult viewer = Cli(vic_, {"dispute", "show", "--claim", id});
  ASSERT_CLI_OK(viewer);
  EXPECT_NE(viewer.out.find("cara: hidden until you submit your own"), std::string::npos)
      << viewer.out;
  EXPECT_EQ(viewer.out.find("Gross debt"), std::string::npos) << viewer.out;
  const ProcessResult side_by_side = Cli(ana_, {"dispute", "show", "--claim", id});
  ASSERT_CLI_OK(side_by_side);
  EXPECT_NE(side_by_side.out.find("waiting for an editor's decision (split 1"), std::string::npos)
      << side_by_side.out;
  EXPECT_NE(side_by_side.out.find("Gross debt was $19.5 trillion"), std::string::npos)
      << side_by_side.out;
  EXPECT_NE(side_by_side.out.find("https://fiscaldata.treasury.gov/"), std::string::npos);
  ASSERT_CLI_OK(Cli(ben_, {"note", "add", id, "--dispute", "--body", "Gross or public debt?"}));

  // Only an editor decides, with a label of the scale.
  EXPECT_TRUE(FailsWith(
      Cli(ben_, {"dispute", "decide", dispute_id, "--verdict", "True", "--reasoning", "x"}),
      "PERMISSION_DENIED", "needs the editor role"));
  EXPECT_TRUE(FailsWith(
      Cli(ana_, {"dispute", "decide", dispute_id, "--verdict", "Truish", "--reasoning", "x"}),
      "INVALID_ARGUMENT", "'Truish' is not on this workspace's rating scale"));
  const ProcessResult decided =
      Cli(ana_, {"dispute", "decide", dispute_id, "--verdict", "True", "--reasoning",
                 "Candidates quote gross debt; it was $19.5 trillion and rising."});
  ASSERT_CLI_OK(decided);
  EXPECT_NE(decided.out.find("decided dispute " + dispute_id + " on claim " + id + ": True"),
            std::string::npos)
      << decided.out;
  EXPECT_EQ(Claim(id)["status"], "CLAIM_STATUS_RESOLVED");

  // Published, corrected with a reason, reopened with a reason.
  ASSERT_CLI_OK(Cli(ana_, {"claim", "publish", id}));
  EXPECT_TRUE(FailsWith(Cli(ana_, {"claim", "correct", id, "--reason", "", "--verdict", "False"}),
                        "INVALID_ARGUMENT", "reason"));
  const ProcessResult corrected =
      Cli(ana_, {"claim", "correct", id, "--reason", "He said $20 trillion; it was $19.5 trillion.",
                 "--verdict", "Mostly true", "--json"});
  ASSERT_CLI_OK(corrected);
  EXPECT_EQ(ParseJson(corrected)["status"], "CLAIM_STATUS_PUBLISHED");
  EXPECT_EQ(ParseJson(corrected)["final_verdict"]["label"], "Mostly true");
  EXPECT_EQ(ParseJson(corrected)["correction_count"], 1);
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "reopen", id, "--reason", "x"}), "PERMISSION_DENIED",
                        "needs the editor role"));
  const ProcessResult reopened =
      Cli(ana_, {"claim", "reopen", id, "--reason", "Treasury revised the figure", "--json"});
  ASSERT_CLI_OK(reopened);
  EXPECT_EQ(ParseJson(reopened)["status"], "CLAIM_STATUS_IN_REVIEW");

  // Reopened, the claim is undecided again: a viewer's history keeps its verdicts blind
  // (issue 17.3) until it settles.
  const ProcessResult viewers = Cli(vic_, {"claim", "history", id});
  ASSERT_CLI_OK(viewers);
  EXPECT_EQ(viewers.out.find("Mostly true"), std::string::npos) << viewers.out;
  // An editor's history tells the whole story, old and new values included.
  const ProcessResult history = Cli(ana_, {"claim", "history", id});
  ASSERT_CLI_OK(history);
  for (const char* line :
       {"ana  claim.assigned", "assignees: (none) \xE2\x86\x92 \"ben, cara\"",
        "cara  review.submitted", "status: \"IN_REVIEW\" \xE2\x86\x92 \"DISPUTED\"",
        "ana  dispute.decided", "ana  claim.published", "ana  claim.corrected",
        "verdict: \"True\" \xE2\x86\x92 \"Mostly true\"", "ana  claim.reopened",
        "reason: \"He said $20 trillion; it was $19.5 trillion.\" \xE2\x86\x92 \"Treasury revised "
        "the figure\""}) {
    EXPECT_NE(history.out.find(line), std::string::npos) << line << "\n" << history.out;
  }

  // cara holds a claim under review: she stays until it is reassigned.
  EXPECT_TRUE(FailsWith(Cli(ana_, {"member", "remove", "cara", "-w", "desk"}),
                        "FAILED_PRECONDITION", "reassign them before cara can be removed"));
  ASSERT_CLI_OK(Cli(ana_, {"claim", "assign", id, "--to", "ben"}));
  const ProcessResult removed = Cli(ana_, {"member", "remove", "cara", "-w", "desk"});
  ASSERT_CLI_OK(removed);
  EXPECT_NE(removed.out.find("removed cara from desk"), std::string::npos) << removed.out;
  // Once removed, cara hears what anyone outside the workspace hears (17.10).
  EXPECT_TRUE(
      FailsWith(Cli(cara, {"claim", "show", id}), "NOT_FOUND", "claim " + id + " does not exist"));
}

TEST_F(CliWorkflowTest, ReviewersWhoChangeTheirMindsEndTheDisputeByAgreeing) {
  const std::string id = MarkInDebate("$13 trillion in family wealth", "$13 trillion");
  ASSERT_FALSE(id.empty());
  const ProcessResult taken = Cli(ben_, {"claim", "take", id, "--json"});
  ASSERT_CLI_OK(taken);
  EXPECT_EQ(Assignees(ParseJson(taken)), std::vector<std::string>{"ben"});
  ASSERT_CLI_OK(Cli(ben_, {"source", "add", id, "--url", "https://www.federalreserve.gov/",
                           "--stance", "supports"}));
  ASSERT_CLI_OK(Cli(ben_, {"review", "submit", id, "--verdict", "Mostly true", "--rationale",
                           "Household net worth fell about $13 trillion.", "--confidence", "low"}));
  ASSERT_CLI_OK(Cli(ana_, {"review", "submit", id, "--verdict", "True", "--rationale",
                           "Fed Z.1: $13 trillion, 2007-2009.", "--confidence", "high"}));
  EXPECT_EQ(Claim(id)["status"], "CLAIM_STATUS_DISPUTED");
  const ProcessResult revised =
      Cli(ben_, {"review", "submit", id, "--verdict", "True", "--rationale",
                 "Ana's Z.1 table settles it.", "--confidence", "high"});
  ASSERT_CLI_OK(revised);
  EXPECT_NE(revised.out.find("revised review"), std::string::npos) << revised.out;
  EXPECT_NE(revised.out.find("RESOLVED: True"), std::string::npos) << revised.out;
  const ProcessResult disputes = Cli(vic_, {"dispute", "list", "-w", "desk", "--json"});
  bool agreed = false;
  for (const auto& d : ParseJson(disputes)) {
    if (d["claim_id"] == id) {
      agreed = d["resolution"] == "DISPUTE_RESOLUTION_AGREEMENT" &&
               d["status"] == "DISPUTE_STATUS_CLOSED";
    }
  }
  EXPECT_TRUE(agreed) << disputes.out;
}

TEST_F(CliWorkflowTest, DismissingNeedsAnEditorAndAReasonAndReopeningUndoesIt) {
  const std::string id = MarkInDebate("most extreme version", "the most extreme version");
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "dismiss", id, "--reason", "opinion"}),
                        "PERMISSION_DENIED", "needs the editor role"));
  const ProcessResult dismissed =
      Cli(ana_, {"claim", "dismiss", id, "--reason", "opinion", "--explanation",
                 "A characterisation, not a checkable figure.", "--json"});
  ASSERT_CLI_OK(dismissed);
  EXPECT_EQ(ParseJson(dismissed)["status"], "CLAIM_STATUS_DISMISSED");
  EXPECT_EQ(ParseJson(dismissed)["dismiss_reason"], "DISMISS_REASON_OPINION");
  EXPECT_TRUE(FailsWith(Cli(ana_, {"claim", "dismiss", id, "--reason", "opinion"}),
                        "FAILED_PRECONDITION", "DISMISSED"));
  const ProcessResult listed =
      Cli(vic_, {"claim", "list", "-w", "desk", "--status", "DISMISSED", "--json"});
  bool found = false;
  for (const auto& c : ParseJson(listed)) found = found || c["id"] == id;
  EXPECT_TRUE(found) << listed.out;
  const ProcessResult reopened =
      Cli(ana_, {"claim", "reopen", id, "--reason", "The tax-cut size is checkable", "--json"});
  ASSERT_CLI_OK(reopened);
  EXPECT_EQ(ParseJson(reopened)["status"], "CLAIM_STATUS_OPEN");
}

// How many requests to `method` ben sent, by the server's request log.
int SentByBen(const std::string& log, const std::string& method) {
  const std::string line = method + " user=ben ";
  int n = 0;
  for (std::size_t at = log.find(line); at != std::string::npos; at = log.find(line, at + 1)) {
    ++n;
  }
  return n;
}

TEST_F(CliWorkflowTest, ARefusedChangeIsTheServersOwnRefusalAndIsNeverSent) {
  const std::string dismissed =
      MarkInDebate("raise taxes $1.3 trillion", "raise taxes $1.3 trillion");
  const std::string open =
      MarkInDebate("increased them to China", "increased them to China 50 percent");
  ASSERT_FALSE(dismissed.empty() || open.empty());
  ASSERT_CLI_OK(Cli(ana_, {"claim", "dismiss", dismissed, "--reason", "opinion"}));
  const std::string log = server_->log();
  const int updates = SentByBen(log, "UpdateClaim");
  const int sources = SentByBen(log, "AddSource");
  const int takes = SentByBen(log, "TakeClaim");
  const int histories = SentByBen(log, "GetClaimHistory");

  // The rules refuse, in the server's words and with its exit status.
  const ProcessResult edit = Cli(ben_, {"claim", "update", dismissed, "--summary", "A tax rise"});
  EXPECT_EQ(edit.exit_code, 1) << Describe(edit);
  EXPECT_EQ(edit.err,
            "factdesk: FAILED_PRECONDITION: claim is DISMISSED: claims can be edited only while a "
            "claim is OPEN, IN_REVIEW, DISPUTED or RESOLVED; reopen it first\n");
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "take", dismissed}), "FAILED_PRECONDITION",
                        "claim is DISMISSED: claims can be taken only while a claim is OPEN or "
                        "IN_REVIEW; reopen it first"));
  // The request's own fields come first, as on the server: a bad URL is named before the
  // claim's state.
  EXPECT_TRUE(FailsWith(Cli(ben_, {"source", "add", dismissed, "--url", "ftp://example.org/x",
                                   "--stance", "supports"}),
                        "INVALID_ARGUMENT", "url: "));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"source", "add", dismissed, "--url", "https://example.org/x",
                                   "--stance", "supports"}),
                        "FAILED_PRECONDITION", "sources can be added only while"));
  // A stale --version is the server's to answer (ABORTED), never the rules'.
  ASSERT_CLI_OK(Cli(ben_, {"claim", "update", open, "--summary", "Exports to China rose 50%"}));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "update", open, "--version", "1", "--summary", "x"}),
                        "ABORTED", "changed since you read it"));

  // None of the refused requests reached the server; the next one does.
  ASSERT_CLI_OK(Cli(ben_, {"claim", "history", dismissed}));
  for (int i = 0; i < 400 && SentByBen(server_->log(), "GetClaimHistory") == histories; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string after = server_->log();
  ASSERT_EQ(SentByBen(after, "GetClaimHistory"), histories + 1) << "the request log is not read";
  EXPECT_EQ(SentByBen(after, "UpdateClaim"), updates + 2);  // the edit of `open`, the stale one
  EXPECT_EQ(SentByBen(after, "AddSource"), sources);
  EXPECT_EQ(SentByBen(after, "TakeClaim"), takes);
}

TEST_F(CliWorkflowTest, TheScaleIsSavedEditedAndSetAgainWithoutRewritingVerdicts) {
  const std::string saved = dir_->path() + "/scale.json";
  const ProcessResult shown = Cli(ana_, {"scale", "show", "-w", "desk", "--json"});
  ASSERT_CLI_OK(shown);
  json scale = ParseJson(shown);
  ASSERT_EQ(scale["labels"][0]["label"], "True");

  // A claim resolved under the default scale.
  ASSERT_CLI_OK(Cli(ana_, {"policy", "set", "-w", "desk", "--required-reviews", "1"}));
  const std::string id =
      MarkInDebate("5 percent of the world's population", "5 percent of the world's population");
  ASSERT_CLI_OK(Cli(ben_, {"source", "add", id, "--url", "https://www.census.gov/popclock/",
                           "--stance", "supports"}));
  ASSERT_CLI_OK(Cli(ana_, {"review", "submit", id, "--verdict", "Half true", "--rationale",
                           "4.4 percent in 2016.", "--confidence", "medium"}));
  ASSERT_CLI_OK(Cli(ana_, {"policy", "set", "-w", "desk", "--required-reviews", "2"}));

  // Edited: the first label renamed; set back from the edited file.
  scale["labels"][0]["label"] = "Accurate";
  std::ofstream(saved) << scale.dump();
  EXPECT_TRUE(FailsWith(Cli(ben_, {"scale", "set", "-w", "desk", "--file", saved}),
                        "PERMISSION_DENIED", "needs the admin role"));
  const ProcessResult set = Cli(ana_, {"scale", "set", "-w", "desk", "--file", saved, "--json"});
  ASSERT_CLI_OK(set);
  const json now = ParseJson(set);
  EXPECT_EQ(now["labels"][0]["label"], "Accurate");
  EXPECT_EQ(now["labels"].size(), scale["labels"].size());
  EXPECT_EQ(now["labels"][5]["label"], "Unverifiable");
  EXPECT_EQ(now["labels"][5]["ordered"], false);
  EXPECT_EQ(now["best"], 5);
  EXPECT_EQ(Claim(id)["final_verdict"]["label"], "Half true");

  // A bad file is refused by name, and the scale stays as it was.
  std::ofstream(saved) << R"([{"label": "Same", "value": 1}, {"label": "same", "value": 2}])";
  EXPECT_TRUE(FailsWith(Cli(ana_, {"scale", "set", "-w", "desk", "--file", saved}),
                        "INVALID_ARGUMENT", "label 'Same' and label 'same' are the same label"));
  std::ofstream(saved) << "[";
  EXPECT_TRUE(FailsWith(Cli(ana_, {"scale", "set", "-w", "desk", "--file", saved}),
                        "INVALID_ARGUMENT", "must hold a JSON array"));
  EXPECT_EQ(ParseJson(Cli(vic_, {"scale", "show", "-w", "desk", "--json"}))["labels"][0]["label"],
            "Accurate");

  // Restored for the other tests.
  std::ofstream(saved) << shown.out;
  ASSERT_CLI_OK(Cli(ana_, {"scale", "set", "-w", "desk", "--file", saved}));
}

}  // namespace
}  // namespace factdesk::testing
