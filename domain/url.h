#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

// Source links, normalised so the same page added twice is recognisably the same.
namespace factdesk::domain {

// Normalises an http(s) URL (RFC 3986 section 6.2.2 plus scheme-based rules) or refuses it
// with INVALID_ARGUMENT "<field>: <reason>":
//   "must not be empty", "is not valid UTF-8 (byte N)",
//   "must be at most 2048 bytes (got N)"  (before or after normalisation),
//   "only http and https URLs are accepted (got 'ftp')",
//   "must not contain a user name or password",
//   "is not a valid URL: <why>"  (no scheme, no host, bad host character, bad IPv4/IPv6
//                                 literal, bad port, bad percent-escape).
// Normalisation: surrounding whitespace trimmed; scheme and host lowercased; one trailing
// dot of the host removed; default port (80 for http, 443 for https) and an empty port
// dropped; IPv6 literals written in RFC 5952 form; empty path becomes "/"; dot segments
// removed; percent-escapes of unreserved characters decoded, other escapes' hex digits
// uppercased; bytes not allowed in a URI (non-ASCII, space, controls, '"', '<', '>', '\',
// '^', '`', '{', '|', '}', and '[', ']', '#' outside the host) percent-encoded in path,
// query and fragment. Query and fragment are otherwise kept as they are, including an
// empty "?" or "#".
// Hosts: reg-names (no empty labels, no spaces or controls, Unicode ones included),
// dotted-quad IPv4 (no leading zeros: "010" is octal to some parsers) and bracketed IPv6
// (no zone identifiers) are accepted. Percent-escapes in a host are decoded; one that
// decodes to a delimiter ("%2F", "%40") is refused, as it would mean something else to the
// next parser. Internationalised host names are kept as UTF-8 with only their ASCII
// letters lowercased: without an IDNA library there is no punycode (nor Unicode case
// folding), so "bücher.de" and "xn--bcher-kva.de" stay distinct.
Result<std::string> NormalizeUrl(std::string_view field, std::string_view url);

}  // namespace factdesk::domain
