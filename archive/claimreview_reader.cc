#include "archive/claimreview_reader.h"

#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/check_rules.h"
#include "domain/unicode.h"

namespace factdesk::archive {
namespace {

using nlohmann::json;

// "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" name one type.
bool IsType(const json& node, std::string_view type) {
  const auto it = node.find("@type");
  if (it == node.end()) return false;
  auto named = [type](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s == type ||
           (s.size() > type.size() && s.ends_with(type) &&
            (s[s.size() - type.size() - 1] == ':' || s[s.size() - type.size() - 1] == '/'));
  };
  if (it->is_array()) {
    for (const json& t : *it) {
      if (named(t)) return true;
    }
    return false;
  }
  return named(*it);
}

std::string TypeName(const json& node) {
  const auto it = node.find("@type");
  if (it == node.end()) return "no @type";
  if (it->is_string()) return "@type " + it->get<std::string>();
  return "@type " + it->dump().substr(0, 60);
}

// Reads the fields of one ClaimReview, checking each: the first problem is the item's.
class CheckBuilder {
 public:
  explicit CheckBuilder(const json& review) : review_(review) {}

  Result<ArchivedCheck> Build() {
    ArchivedCheck c;
    FD_ASSIGN_OR_RETURN(c.url, Text(review_, "url", "url"));
    FD_ASSIGN_OR_RETURN(c.claim_reviewed, Text(review_, "claimReviewed", "claimReviewed"));
    FD_ASSIGN_OR_RETURN(c.headline, Text(review_, "headline", "headline"));
    if (c.headline.empty()) {
      FD_ASSIGN_OR_RETURN(c.headline, Text(review_, "name", "name"));
    }
    FD_ASSIGN_OR_RETURN(c.date_published, Text(review_, "datePublished", "datePublished"));
    FD_ASSIGN_OR_RETURN(c.in_language, Language(review_));
    FD_ASSIGN_OR_RETURN(c.author_name, NameOf(review_, "author"));
    FD_ASSIGN_OR_RETURN(c.author_url, Member(review_, "author", "url"));
    FD_RETURN_IF_ERROR(ReadRating(c));
    FD_RETURN_IF_ERROR(ReadItemReviewed(c));
    FD_RETURN_IF_ERROR(ValidateArchivedCheck(c));
    return c;
  }

 private:
  // A node's value that the field allows: an object (or the first of an array of them).
  static const json* FirstNode(const json& parent, const char* key) {
    const auto it = parent.find(key);
    if (it == parent.end()) return nullptr;
    if (it->is_array()) return it->empty() ? nullptr : &it->front();
    return &*it;
  }

  // A string field, trimmed, whitespace runs made single spaces; empty when absent.
  Result<std::string> Text(const json& parent, const char* key, const std::string& field) {
    const json* value = FirstNode(parent, key);
    if (value == nullptr || value->is_null()) return std::string();
    if (value->is_number()) return value->dump();
    if (!value->is_string()) {
      return Status::InvalidArgument(field,
                                     fmt::format("must be text, not {}", value->type_name()));
    }
    return Clean(field, value->get_ref<const std::string&>());
  }

  Result<std::string> Clean(const std::string& field, std::string_view text) {
    if (text.size() > kMaxCheckFieldBytes) {
      return Status::InvalidArgument(
          field, fmt::format("is {} bytes long; at most {}", text.size(), kMaxCheckFieldBytes));
    }
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
      const domain::unicode::CodePoint cp = domain::unicode::DecodeAt(text, i);
      if (domain::unicode::IsWhitespace(cp.value)) {
        space = !out.empty();
      } else if (cp.value < 0x20 || (cp.value >= 0x7F && cp.value < 0xA0)) {
        return Status::InvalidArgument(
            field, fmt::format("holds the control character U+{:04X}", std::uint32_t{cp.value}));
      } else {
        if (space) out += ' ';
        space = false;
        out.append(text.substr(i, cp.size));
      }
      i += cp.size;
    }
    return out;
  }

  // A person or organisation: a name, or an object with a `name`.
  Result<std::string> NameOf(const json& parent, const char* key) {
    const json* node = FirstNode(parent, key);
    if (node == nullptr || !node->is_object()) return Text(parent, key, key);
    return Text(*node, "name", std::string(key) + ".name");
  }

  Result<std::string> Member(const json& parent, const char* key, const char* member) {
    const json* node = FirstNode(parent, key);
    if (node == nullptr || !node->is_object()) return std::string();
    return Text(*node, member, fmt::format("{}.{}", key, member));
  }

  Result<std::string> Language(const json& parent) {
    const json* node = FirstNode(parent, "inLanguage");
    if (node != nullptr && node->is_object()) {
      return Text(*node, "alternateName", "inLanguage.alternateName");
    }
    return Text(parent, "inLanguage", "inLanguage");
  }

  Status ReadRating(ArchivedCheck& c) {
    const json* rating = FirstNode(review_, "reviewRating");
    if (rating == nullptr) return Status::Ok();
    if (!rating->is_object()) {
      return Status::InvalidArgument("reviewRating",
                                     fmt::format("must be a Rating, not {}", rating->type_name()));
    }
    FD_ASSIGN_OR_RETURN(c.rating_name,
                        Text(*rating, "alternateName", "reviewRating.alternateName"));
    if (c.rating_name.empty()) {
      FD_ASSIGN_OR_RETURN(c.rating_name, Text(*rating, "name", "reviewRating.name"));
    }
    FD_ASSIGN_OR_RETURN(c.rating_value, Text(*rating, "ratingValue", "reviewRating.ratingValue"));
    FD_ASSIGN_OR_RETURN(c.best_rating, Text(*rating, "bestRating", "reviewRating.bestRating"));
    FD_ASSIGN_OR_RETURN(c.worst_rating, Text(*rating, "worstRating", "reviewRating.worstRating"));
    return Status::Ok();
  }

  Status ReadItemReviewed(ArchivedCheck& c) {
    const json* item = FirstNode(review_, "itemReviewed");
    if (item == nullptr) return Status::Ok();
    if (!item->is_object()) {
      return Status::InvalidArgument("itemReviewed",
                                     fmt::format("must be a Claim, not {}", item->type_name()));
    }
    FD_ASSIGN_OR_RETURN(c.claimant, NameOf(*item, "author"));
    FD_ASSIGN_OR_RETURN(c.claim_date, Text(*item, "datePublished", "itemReviewed.datePublished"));
    const auto appearance = item->find("appearance");
    if (appearance == item->end()) return Status::Ok();
    const json all = appearance->is_array() ? *appearance : json::array({*appearance});
    for (const json& a : all) {
      const json& where = a.is_object() && a.contains("url") ? a["url"] : a;
      if (!where.is_string()) continue;  // an appearance without a URL says nothing to link
      FD_ASSIGN_OR_RETURN(std::string url,
                          Clean("itemReviewed.appearance", where.get<std::string>()));
      if (!url.empty()) c.appearances.push_back(std::move(url));
    }
    return Status::Ok();
  }

  const json& review_;
};

// A SAX handler that builds one item at a time. Arrays at the top level and under
// `@graph` or `dataFeedElement` are streams: each element is handed over when it ends and
// never kept, so memory follows the largest item, not the file.
class StreamingHandler final : public json::json_sax_t {
 public:
  StreamingHandler(const std::function<Status(ArchivedCheck)>& on_check, const ReadOptions& options)
      : on_check_(on_check), options_(options) {}

  const Status& status() const { return status_; }
  ReadSummary& summary() { return summary_; }
  bool saw_shape() const { return saw_shape_; }

  bool null() override { return Value(nullptr); }
  bool boolean(bool v) override { return Value(v); }
  bool number_integer(number_integer_t v) override { return Value(v); }
  bool number_unsigned(number_unsigned_t v) override { return Value(v); }
  bool number_float(number_float_t v, const string_t& /*as_written*/) override { return Value(v); }
  bool string(string_t& v) override { return Value(std::move(v)); }
  bool binary(binary_t& /*v*/) override { return Value(nullptr); }
  bool key(string_t& k) override {
    frames_.back().key = std::move(k);
    return true;
  }
  bool start_object(std::size_t /*elements*/) override { return Open(json::object(), false); }
  bool start_array(std::size_t /*elements*/) override {
    const bool stream =
        frames_.empty() ||
        (frames_.back().value.is_object() &&
         (frames_.back().key == "@graph" || frames_.back().key == "dataFeedElement"));
    return Open(json::array(), stream);
  }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    std::string why = ex.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error ..."
    if (const auto at = why.find("parse error"); at != std::string::npos) why = why.substr(at);
    status_ = Status::InvalidArgument(
        "file", fmt::format("is not valid JSON ({}; byte {})", why.substr(0, 200), position));
    return false;
  }

 private:
  struct Frame {
    json value;
    std::string key;  // an object's key for the value being read
    bool stream = false;
    bool in_graph = false;  // a stream under @graph (other nodes there are not errors)
  };

  bool Open(json value, bool stream) {
    if (frames_.size() >= options_.max_depth) {
      status_ = Status::InvalidArgument(
          "file",
          fmt::format("nests arrays and objects deeper than {} levels", options_.max_depth));
      return false;
    }
    const bool in_graph = stream && !frames_.empty() && frames_.back().key == "@graph";
    if (stream) saw_shape_ = true;
    frames_.push_back(Frame{std::move(value), {}, stream, in_graph});
    return true;
  }

  bool Close() {
    Frame done = std::move(frames_.back());
    frames_.pop_back();
    if (frames_.empty()) return done.stream || Item(done.value, Where::kTop);
    Frame& parent = frames_.back();
    if (parent.stream) return Item(done.value, parent.in_graph ? Where::kGraph : Where::kStream);
    return Value(std::move(done.value));
  }

  bool Value(json v) {
    if (frames_.empty()) {
      status_ = Status::InvalidArgument("file", "holds a single value, not ClaimReview JSON-LD");
      return false;
    }
    Frame& top = frames_.back();
    if (top.stream) return Item(v, top.in_graph ? Where::kGraph : Where::kStream);
    if (top.value.is_array()) {
      top.value.push_back(std::move(v));
    } else {
      top.value[top.key] = std::move(v);
    }
    return true;
  }

  enum class Where { kTop, kStream, kGraph };

  // One element of a stream, or the file's outermost object.
  bool Item(const json& node, Where where) {
    const bool review =
        node.is_object() && (IsType(node, "ClaimReview") || IsType(node, "DataFeedItem"));
    if (node.is_object() && IsType(node, "DataFeed") && node.contains("dataFeedElement")) {
      saw_shape_ = true;
      for (const json& element : node["dataFeedElement"]) {
        if (!Item(element, Where::kStream)) return false;
      }
      return true;
    }
    if (where == Where::kTop && !review) {
      if (node.contains("@graph") || node.contains("dataFeedElement")) return true;  // streamed
      status_ = Status::InvalidArgument(
          "file", fmt::format("holds no ClaimReview: its object has {}; expected a ClaimReview, an "
                              "array of them, an @graph or a DataFeed",
                              TypeName(node)));
      return false;
    }
    if (where == Where::kGraph && !review) {
      ++summary_.ignored;  // an Organization or WebPage beside the reviews
      return true;
    }
    ++summary_.items;
    saw_shape_ = true;
    const Status read = ReadItem(node);
    if (read.ok()) return true;
    if (!status_.ok()) return false;  // the caller stopped the read
    ++summary_.malformed;
    ItemError error{summary_.items, std::string(read.message())};
    if (options_.strict) {
      status_ = Status::InvalidArgument(
          "file",
          fmt::format("item {}: {} (--strict refuses the file)", error.position, error.message));
      return false;
    }
    if (summary_.errors.size() < options_.max_errors_kept) summary_.errors.push_back(error);
    return true;
  }

  Status ReadItem(const json& node) {
    if (!node.is_object()) {
      return Status::InvalidArgument("item",
                                     fmt::format("is {}, not a ClaimReview", node.type_name()));
    }
    const json* review = &node;
    if (IsType(node, "DataFeedItem")) {
      const auto item = node.find("item");
      if (item == node.end() || !item->is_object()) {
        return Status::InvalidArgument("item", "is a DataFeedItem without an `item` object");
      }
      review = &*item;
    }
    if (!IsType(*review, "ClaimReview")) {
      return Status::InvalidArgument("@type",
                                     fmt::format("is not ClaimReview ({})", TypeName(*review)));
    }
    Result<ArchivedCheck> check = CheckBuilder(*review).Build();
    if (!check.ok()) return check.status();
    ++summary_.read;
    status_ = on_check_(std::move(*check));
    return status_;
  }

  const std::function<Status(ArchivedCheck)>& on_check_;
  const ReadOptions& options_;
  std::vector<Frame> frames_;
  ReadSummary summary_;
  Status status_;
  bool saw_shape_ = false;
};

}  // namespace

Result<ReadSummary> ReadClaimReviews(std::istream& in,
                                     const std::function<Status(ArchivedCheck)>& on_check,
                                     const ReadOptions& options) {
  StreamingHandler handler(on_check, options);
  const bool parsed = json::sax_parse(in, &handler);
  if (!handler.status().ok()) return handler.status();
  if (!parsed) return Status::InvalidArgument("file", "is not valid JSON");
  if (!handler.saw_shape()) {
    return Status::InvalidArgument(
        "file",
        "holds no ClaimReview: expected a ClaimReview, an array of them, an @graph or a "
        "DataFeed");
  }
  return std::move(handler.summary());
}

}  // namespace factdesk::archive
