#include "domain/url.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsHex(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return unicode::AsciiLower(c) - 'a' + 10;
}
char HexUpper(char c) {
  return (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
}

// RFC 3986 section 2.3 and 2.2.
bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool IsSubDelim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

void AppendEscaped(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  out.push_back('%');
  out.push_back(kHexDigits[byte >> 4U]);
  out.push_back(kHexDigits[byte & 0x0FU]);
}

// Carries the field name and the offset of the part being parsed in the caller's string,
// so messages can point at a byte the caller sent.
struct Context {
  std::string field;
  std::size_t base = 0;

  Status Invalid(const std::string& why) const {
    return Status::InvalidArgument(field, "is not a valid URL: " + why);
  }
  Status BadEscape(std::size_t offset) const {
    return Invalid("'%' at byte " + std::to_string(base + offset) +
                   " is not followed by two hex digits");
  }
};

// Percent-encoding normalisation of a path, query or fragment: `extra` lists the
// characters besides unreserved and sub-delims the component may hold literally.
Status NormalizeComponent(const Context& ctx, std::string_view in, std::size_t in_offset,
                          std::string_view extra, std::string& out) {
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size() || !IsHex(in[i + 1]) || !IsHex(in[i + 2])) {
        return ctx.BadEscape(in_offset + i);
      }
      const char decoded = static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      if (IsUnreserved(decoded)) {
        out.push_back(decoded);
      } else {
        out.push_back('%');
        out.push_back(HexUpper(in[i + 1]));
        out.push_back(HexUpper(in[i + 2]));
      }
      i += 3;
      continue;
    }
    if (IsUnreserved(c) || IsSubDelim(c) || extra.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      AppendEscaped(out, c);
    }
    ++i;
  }
  return Status::Ok();
}

// RFC 3986 section 5.2.4 for an absolute path ("/..."): "." segments vanish, ".." drops
// the segment before it; a trailing "." or ".." leaves a trailing slash.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> kept;
  std::string_view rest = path.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment == "." || segment == "..") {
      if (segment == ".." && !kept.empty()) kept.pop_back();
      if (last) kept.emplace_back();
    } else {
      kept.push_back(segment);
    }
    if (last) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  for (const std::string_view segment : kept) {
    out.push_back('/');
    out.append(segment);
  }
  return out.empty() ? "/" : out;
}

// Dotted-quad IPv4 without leading zeros; nullopt when `text` is not one.
std::optional<std::array<int, 4>> ParseIpv4(std::string_view text) {
  std::array<int, 4> parts{};
  for (std::size_t n = 0; n < 4; ++n) {
    const std::size_t dot = text.find('.');
    if ((n < 3) == (dot == std::string_view::npos)) return std::nullopt;
    const std::string_view part = text.substr(0, dot);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
    int value = 0;
    for (const char c : part) {
      if (!IsDigit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return std::nullopt;
    parts[n] = value;
    if (n < 3) text.remove_prefix(dot + 1);
  }
  return parts;
}

// Appends the groups of one side of an IPv6 address ("" or "1:2:3", the last group
// possibly a dotted quad when `allow_ipv4`). False when malformed.
bool ParseIpv6Groups(std::string_view text, bool allow_ipv4, std::vector<std::uint16_t>& groups) {
  if (text.empty()) return true;
  while (true) {
    const std::size_t colon = text.find(':');
    const std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && allow_ipv4 &&
        group.find('.') != std::string_view::npos) {
      const auto ipv4 = ParseIpv4(group);
      if (!ipv4) return false;
      groups.push_back(static_cast<std::uint16_t>((*ipv4)[0] << 8 | (*ipv4)[1]));
      groups.push_back(static_cast<std::uint16_t>((*ipv4)[2] << 8 | (*ipv4)[3]));
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (const char c : group) {
      if (!IsHex(c)) return false;
      value = value * 16 + static_cast<unsigned>(HexValue(c));
    }
    groups.push_back(static_cast<std::uint16_t>(value));
    if (colon == std::string_view::npos) return true;
    text.remove_prefix(colon + 1);
  }
}

std::optional<std::array<std::uint16_t, 8>> ParseIpv6(std::string_view text) {
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!ParseIpv6Groups(text, true, head) || head.size() != 8) return std::nullopt;
  } else {
    const std::string_view after = text.substr(gap + 2);
    if (after.find("::") != std::string_view::npos) return std::nullopt;
    if (!ParseIpv6Groups(text.substr(0, gap), false, head)) return std::nullopt;
    if (!ParseIpv6Groups(after, true, tail)) return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
  }
  std::array<std::uint16_t, 8> groups{};
  std::copy(head.begin(), head.end(), groups.begin());
  std::copy(tail.begin(), tail.end(), groups.end() - static_cast<std::ptrdiff_t>(tail.size()));
  return groups;
}

std::string ToHex(unsigned value) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>(unicode::AsciiLower(kHexDigits[value % 16])));
    value /= 16;
  } while (value != 0);
  return out;
}

// RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of two or more
// zero groups as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d.
std::string FormatIpv6(const std::array<std::uint16_t, 8>& g) {
  if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF) {
    return "::ffff:" + std::to_string(g[6] >> 8U) + "." + std::to_string(g[6] & 0xFFU) + "." +
           std::to_string(g[7] >> 8U) + "." + std::to_string(g[7] & 0xFFU);
  }
  std::size_t best_start = 8;
  std::size_t best_len = 1;
  for (std::size_t i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    out += ToHex(g[i]);
  }
  return out;
}

Result<std::string> NormalizeIpv6Host(const Context& ctx, std::string_view literal) {
  if (literal.find('%') != std::string_view::npos) {
    return ctx.Invalid("IPv6 zone identifiers are not accepted");
  }
  const auto groups = ParseIpv6(literal);
  if (!groups) return ctx.Invalid("'[" + std::string(literal) + "]' is not a valid IPv6 address");
  return "[" + FormatIpv6(*groups) + "]";
}

// The host's bytes with escapes decoded and ASCII lower-cased; refuses what a host
// cannot hold.
Result<std::string> DecodeHost(const Context& ctx, std::string_view host, std::size_t host_offset) {
  std::string out;
  for (std::size_t i = 0; i < host.size();) {
    char c = host[i];
    std::size_t size = 1;
    const bool escaped = c == '%';
    if (escaped) {
      if (i + 2 >= host.size() || !IsHex(host[i + 1]) || !IsHex(host[i + 2])) {
        return ctx.BadEscape(host_offset + i);
      }
      c = static_cast<char>(HexValue(host[i + 1]) * 16 + HexValue(host[i + 2]));
      size = 3;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ') return ctx.Invalid("the host contains a space");
    if (byte < 0x20U || byte == 0x7FU) return ctx.Invalid("the host contains a control character");
    // Escapes are decoded so "b%C3%BCcher.de" and "bücher.de" come out the same; an escaped
    // delimiter ("%2F", "%40") would mean something else to the next parser, so it is refused.
    if (byte < 0x80U && !IsUnreserved(c) && (escaped || !IsSubDelim(c))) {
      return ctx.Invalid(
          std::string(escaped ? "the host contains an escaped '" : "the host contains '") + c +
          "'");
    }
    // Non-ASCII bytes are kept as UTF-8: no IDNA library, so no punycode (see url.h).
    out.push_back(unicode::AsciiLower(c));
    i += size;
  }
  return out;
}

// The decoded host is UTF-8 with no Unicode space or C1 control in it.
Status CheckHostText(const Context& ctx, const std::string& host) {
  if (!utf8::IsValid(host)) return ctx.Invalid("the host is not valid UTF-8 once unescaped");
  for (std::size_t i = 0; i < host.size();) {
    const unicode::CodePoint cp = unicode::DecodeAt(host, i);
    if (unicode::IsWhitespace(cp.value)) return ctx.Invalid("the host contains a space");
    if (cp.value >= 0x80 && cp.value <= 0x9F) {
      return ctx.Invalid("the host contains a control character");
    }
    i += cp.size;
  }
  return Status::Ok();
}

// No empty label, and an all-numeric host is a valid IPv4 address.
Status CheckHostLabels(const Context& ctx, const std::string& host) {
  bool all_numeric = true;
  std::string_view labels = host;
  while (true) {
    const std::size_t dot = labels.find('.');
    const std::string_view label = labels.substr(0, dot);
    if (label.empty()) return ctx.Invalid("the host '" + host + "' has an empty label");
    for (const char c : label) all_numeric = all_numeric && IsDigit(c);
    if (dot == std::string_view::npos) break;
    labels.remove_prefix(dot + 1);
  }
  // All-numeric hosts are IPv4 addresses to every resolver; refuse the ambiguous forms.
  if (all_numeric && !ParseIpv4(host)) {
    return ctx.Invalid("'" + host +
                       "' is not a valid IPv4 address (four numbers from 0 to 255, without "
                       "leading zeros)");
  }
  return Status::Ok();
}

Result<std::string> NormalizeRegName(const Context& ctx, std::string_view host,
                                     std::size_t host_offset) {
  FD_ASSIGN_OR_RETURN(std::string out, DecodeHost(ctx, host, host_offset));
  FD_RETURN_IF_ERROR(CheckHostText(ctx, out));
  // "example.com." names the same (fully qualified) host as "example.com".
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out.empty()) return ctx.Invalid("it has no host");
  FD_RETURN_IF_ERROR(CheckHostLabels(ctx, out));
  return out;
}

// "" when the port is empty or the scheme's default, else ":<port>" without leading zeros.
Result<std::string> NormalizePort(const Context& ctx, std::string_view port,
                                  std::string_view scheme) {
  if (port.empty()) return std::string();
  unsigned value = 0;
  for (const char c : port) {
    if (!IsDigit(c)) return ctx.Invalid("the port must be a number from 1 to 65535");
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 65535) break;
  }
  if (value == 0 || value > 65535) {
    return ctx.Invalid("the port must be a number from 1 to 65535");
  }
  if ((scheme == "http" && value == 80) || (scheme == "https" && value == 443)) {
    return std::string();
  }
  return ":" + std::to_string(value);
}

Status TooLong(const std::string& field, std::size_t size, std::string_view when) {
  return Status::InvalidArgument(field, "must be at most " + std::to_string(kMaxUrlBytes) +
                                            " bytes (got " + std::to_string(size) +
                                            std::string(when) + ")");
}

// Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":", lower-cased; http or https only.
// A candidate with a dot is taken for a host ("example.com:8080/x"), so the message
// suggests the missing scheme.
Result<std::string> ParseScheme(const Context& ctx, std::string_view text, std::size_t colon) {
  const std::string_view scheme_text = text.substr(0, colon);
  bool scheme_ok = colon != std::string_view::npos && !scheme_text.empty() &&
                   IsAlpha(scheme_text[0]) && scheme_text.find('.') == std::string_view::npos;
  for (const char c : scheme_text) {
    scheme_ok = scheme_ok && (IsAlpha(c) || IsDigit(c) || c == '+' || c == '-');
  }
  if (!scheme_ok) return ctx.Invalid("it has no scheme (expected http:// or https://)");
  std::string scheme;
  for (const char c : scheme_text) scheme.push_back(unicode::AsciiLower(c));
  if (scheme != "http" && scheme != "https") {
    if (scheme.size() > 32) scheme = scheme.substr(0, 32) + "...";
    return Status::InvalidArgument(ctx.field,
                                   "only http and https URLs are accepted (got '" + scheme + "')");
  }
  return scheme;
}

// Authority: [userinfo "@"] host [":" port], normalised to host[:port].
Result<std::string> NormalizeAuthority(const Context& ctx, std::string_view authority,
                                       std::size_t authority_offset, std::string_view scheme) {
  if (authority.find('@') != std::string_view::npos) {
    return Status::InvalidArgument(ctx.field, "must not contain a user name or password");
  }
  std::string_view port;
  std::string normalized_host;
  if (!authority.empty() && authority[0] == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return ctx.Invalid("the IPv6 address has no closing ']'");
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after[0] != ':') {
      return ctx.Invalid("unexpected text after the IPv6 address");
    }
    port = after.empty() ? after : after.substr(1);
    FD_ASSIGN_OR_RETURN(normalized_host, NormalizeIpv6Host(ctx, authority.substr(1, close - 1)));
  } else {
    const std::size_t port_colon = authority.find(':');
    const std::string_view host = authority.substr(0, port_colon);
    if (port_colon != std::string_view::npos) port = authority.substr(port_colon + 1);
    if (host.empty()) return ctx.Invalid("it has no host");
    FD_ASSIGN_OR_RETURN(normalized_host, NormalizeRegName(ctx, host, authority_offset));
  }
  FD_ASSIGN_OR_RETURN(const std::string normalized_port, NormalizePort(ctx, port, scheme));
  return normalized_host + normalized_port;
}

// Path, query and fragment (`tail` starts at the authority's end), appended to `out`.
Status AppendTail(const Context& ctx, std::string_view tail, std::size_t tail_offset,
                  std::string& out) {
  const std::size_t hash = tail.find('#');
  const std::string_view before_hash = tail.substr(0, hash);
  const std::size_t question = before_hash.find('?');

  std::string path;
  FD_RETURN_IF_ERROR(
      NormalizeComponent(ctx, before_hash.substr(0, question), tail_offset, ":@/", path));
  out += path.empty() ? "/" : RemoveDotSegments(path);
  if (question != std::string_view::npos) {
    out.push_back('?');
    FD_RETURN_IF_ERROR(NormalizeComponent(ctx, before_hash.substr(question + 1),
                                          tail_offset + question + 1, ":@/?", out));
  }
  if (hash != std::string_view::npos) {
    out.push_back('#');
    FD_RETURN_IF_ERROR(
        NormalizeComponent(ctx, tail.substr(hash + 1), tail_offset + hash + 1, ":@/?", out));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> NormalizeUrl(std::string_view field, std::string_view url) {
  const std::string_view text = unicode::TrimView(url);
  Context ctx{std::string(field), static_cast<std::size_t>(text.data() - url.data())};
  if (text.empty()) return Status::InvalidArgument(ctx.field, "must not be empty");
  if (text.size() > kMaxUrlBytes) return TooLong(ctx.field, text.size(), "");
  if (const auto bad = utf8::FirstInvalidByte(text)) {
    return Status::InvalidArgument(
        ctx.field, "is not valid UTF-8 (byte " + std::to_string(ctx.base + *bad) + ")");
  }

  const std::size_t colon = text.find(':');
  FD_ASSIGN_OR_RETURN(const std::string scheme, ParseScheme(ctx, text, colon));
  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return ctx.Invalid("expected '//' after '" + scheme + ":'");
  rest.remove_prefix(2);
  const std::size_t authority_offset = colon + 3;

  // The authority runs up to the first '/', '?' or '#'.
  const std::size_t authority_end = rest.find_first_of("/?#");
  FD_ASSIGN_OR_RETURN(
      const std::string authority,
      NormalizeAuthority(ctx, rest.substr(0, authority_end), authority_offset, scheme));
  std::string out = scheme + "://" + authority;
  if (authority_end == std::string_view::npos) {
    out.push_back('/');
  } else {
    FD_RETURN_IF_ERROR(
        AppendTail(ctx, rest.substr(authority_end), authority_offset + authority_end, out));
  }
  if (out.size() > kMaxUrlBytes) return TooLong(ctx.field, out.size(), " once normalised");
  return out;
}

}  // namespace factdesk::domain
