#include "domain/url.h"

#include <string>

#include <gtest/gtest.h>

#include "domain/limits.h"

namespace factdesk::domain {
namespace {

struct Accepted {
  std::string input;
  std::string normalized;
};

TEST(NormalizeUrl, NormalisesAcceptedUrls) {
  const Accepted kCases[] = {
      // Scheme, host, trailing dot, whitespace.
      {"https://example.com", "https://example.com/"},
      {"HTTP://Example.COM/Path", "http://example.com/Path"},
      {"HtTpS://WWW.Example.Org", "https://www.example.org/"},
      {"  https://example.com/a  ", "https://example.com/a"},
      {"\u00A0https://example.com/a\u3000", "https://example.com/a"},
      {"https://example.com./a", "https://example.com/a"},
      {"https://EX%41MPLE.com/", "https://example.com/"},
      {"https://sub_domain.example.com/", "https://sub_domain.example.com/"},
      // Ports.
      {"https://example.com:443/", "https://example.com/"},
      {"http://example.com:80/x", "http://example.com/x"},
      {"https://example.com:80/", "https://example.com:80/"},
      {"http://example.com:443/", "http://example.com:443/"},
      {"http://example.com:8080", "http://example.com:8080/"},
      {"http://example.com:/x", "http://example.com/x"},
      {"http://example.com:0080/", "http://example.com/"},
      {"http://example.com:65535/", "http://example.com:65535/"},
      // Paths: dot segments.
      {"https://example.com/a/./b/../c", "https://example.com/a/c"},
      {"https://example.com/../../a", "https://example.com/a"},
      {"https://example.com/a/b/..", "https://example.com/a/"},
      {"https://example.com/a/b/.", "https://example.com/a/b/"},
      {"https://example.com/a/%2e%2E/b", "https://example.com/b"},
      {"https://example.com/a//b/", "https://example.com/a//b/"},
      {"https://example.com/a/.../b", "https://example.com/a/.../b"},
      // Percent-encoding.
      {"https://example.com/%7euser/%41%62c", "https://example.com/~user/Abc"},
      {"https://example.com/a%2fb%3fc", "https://example.com/a%2Fb%3Fc"},
      {"https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"},
      {"https://example.com/café", "https://example.com/caf%C3%A9"},
      {"https://example.com/a b?q=a b#c d", "https://example.com/a%20b?q=a%20b#c%20d"},
      {"https://example.com/a\tb", "https://example.com/a%09b"},
      {"https://example.com/{x}|^`\"<>\\", "https://example.com/%7Bx%7D%7C%5E%60%22%3C%3E%5C"},
      {"https://example.com/a:b@c!$&'()*+,;=", "https://example.com/a:b@c!$&'()*+,;="},
      // Query and fragment: kept apart from percent-encoding.
      {"https://example.com?q=1", "https://example.com/?q=1"},
      {"https://example.com#top", "https://example.com/#top"},
      {"https://example.com/search?q=Fact+Check&lang=EN",
       "https://example.com/search?q=Fact+Check&lang=EN"},
      {"https://example.com/?", "https://example.com/?"},
      {"https://example.com/#", "https://example.com/#"},
      {"https://example.com/a?x=%7E&y=%2f", "https://example.com/a?x=~&y=%2F"},
      {"https://example.com/a?next=/b/../c", "https://example.com/a?next=/b/../c"},
      {"https://example.com/a#/b/../c?d", "https://example.com/a#/b/../c?d"},
      {"https://example.com/a?b[]=1", "https://example.com/a?b%5B%5D=1"},
      {"https://example.com/#a#b", "https://example.com/#a%23b"},
      {"https://example.com/?q=ünïcode", "https://example.com/?q=%C3%BCn%C3%AFcode"},
      // IPv4 and IPv6.
      {"http://192.168.0.1:8080/status", "http://192.168.0.1:8080/status"},
      {"http://0.0.0.0/", "http://0.0.0.0/"},
      {"http://[2001:DB8::1]/", "http://[2001:db8::1]/"},
      {"http://[2001:0db8:0000:0000:0000:0000:0000:0001]:8443/x", "http://[2001:db8::1]:8443/x"},
      {"http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]/"},
      {"http://[2001:db8:0:1:1:1:1:1]/", "http://[2001:db8:0:1:1:1:1:1]/"},
      {"http://[::]/", "http://[::]/"},
      {"http://[1::]/", "http://[1::]/"},
      {"http://[::FFFF:192.0.2.1]/", "http://[::ffff:192.0.2.1]/"},
      {"http://[::ffff:c000:0201]/", "http://[::ffff:192.0.2.1]/"},
      {"http://[64:ff9b::192.0.2.33]/", "http://[64:ff9b::c000:221]/"},
      {"https://[::1]:443", "https://[::1]/"},
      // Internationalised hosts stay UTF-8; only ASCII letters are lowercased.
      {"https://Bücher.DE/straße", "https://bücher.de/stra%C3%9Fe"},
      {"https://xn--bcher-kva.de/", "https://xn--bcher-kva.de/"},
      {"https://b%C3%BCcher.de/", "https://bücher.de/"},
      {"https://b%c3%bccher.DE/", "https://bücher.de/"},
      {"https://例え.テスト/", "https://例え.テスト/"},
  };
  for (const auto& [input, normalized] : kCases) {
    SCOPED_TRACE(input);
    const Result<std::string> result = NormalizeUrl("url", input);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(*result, normalized);
    // Normalising twice changes nothing.
    const Result<std::string> again = NormalizeUrl("url", *result);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, normalized);
  }
}

struct Refused {
  std::string input;
  std::string message;
};

TEST(NormalizeUrl, RefusesWithTheReason) {
  const std::string kIpv4 =
      "' is not a valid IPv4 address (four numbers from 0 to 255, without leading zeros)";
  const std::string kPort = "url: is not a valid URL: the port must be a number from 1 to 65535";
  const Refused kCases[] = {
      {"", "url: must not be empty"},
      {" \t ", "url: must not be empty"},
      // Schemes.
      {"ftp://example.com/", "url: only http and https URLs are accepted (got 'ftp')"},
      {"FTP://example.com/", "url: only http and https URLs are accepted (got 'ftp')"},
      {"javascript:alert(1)", "url: only http and https URLs are accepted (got 'javascript')"},
      {"mailto:desk@example.com", "url: only http and https URLs are accepted (got 'mailto')"},
      {"file:///etc/passwd", "url: only http and https URLs are accepted (got 'file')"},
      {"example.com/path",
       "url: is not a valid URL: it has no scheme (expected http:// or https://)"},
      {"www.example.com:8080/x",
       "url: is not a valid URL: it has no scheme (expected http:// or https://)"},
      {"/relative/path",
       "url: is not a valid URL: it has no scheme (expected http:// or https://)"},
      {"://example.com",
       "url: is not a valid URL: it has no scheme (expected http:// or https://)"},
      {"http:example.com", "url: is not a valid URL: expected '//' after 'http:'"},
      {"https:/example.com", "url: is not a valid URL: expected '//' after 'https:'"},
      // Hosts.
      {"https://", "url: is not a valid URL: it has no host"},
      {"https:///path", "url: is not a valid URL: it has no host"},
      {"https://:443/", "url: is not a valid URL: it has no host"},
      {"https://./", "url: is not a valid URL: it has no host"},
      {"https://?q", "url: is not a valid URL: it has no host"},
      {"https://exa mple.com/", "url: is not a valid URL: the host contains a space"},
      {"https://exa\x01mple.com/",
       "url: is not a valid URL: the host contains a control character"},
      {"https://exa<mple.com/", "url: is not a valid URL: the host contains '<'"},
      {"https://exa%20mple.com/", "url: is not a valid URL: the host contains a space"},
      {"https://exa\u00A0mple.com/", "url: is not a valid URL: the host contains a space"},
      {"https://exa\u3000mple.com/", "url: is not a valid URL: the host contains a space"},
      {"https://exa%0Ample.com/", "url: is not a valid URL: the host contains a control character"},
      {"https://exa\u0085mple.com/", "url: is not a valid URL: the host contains a space"},
      {"https://exa\u0090mple.com/",
       "url: is not a valid URL: the host contains a control character"},
      {"https://evil.com%2F.example.com/",
       "url: is not a valid URL: the host contains an escaped '/'"},
      {"https://user%40example.com/", "url: is not a valid URL: the host contains an escaped '@'"},
      {"https://a%21b.com/", "url: is not a valid URL: the host contains an escaped '!'"},
      {"https://b%C3cher.de/",
       "url: is not a valid URL: the host is not valid UTF-8 once unescaped"},
      {"https://example.com\\@evil.com/", "url: must not contain a user name or password"},
      {"https://example.com\\evil/", "url: is not a valid URL: the host contains '\\'"},
      {"https://a..b/", "url: is not a valid URL: the host 'a..b' has an empty label"},
      {"https://.example.com/",
       "url: is not a valid URL: the host '.example.com' has an empty label"},
      // User info.
      {"https://user:pass@example.com/", "url: must not contain a user name or password"},
      {"https://user@example.com/", "url: must not contain a user name or password"},
      {"https://@example.com/", "url: must not contain a user name or password"},
      // Ports.
      {"https://example.com:99999/", kPort},
      {"https://example.com:65536/", kPort},
      {"https://example.com:0/", kPort},
      {"https://example.com:8o/", kPort},
      {"https://example.com:80:80/", kPort},
      {"https://example.com:-1/", kPort},
      // Percent-escapes: the byte offset is into what the caller sent.
      {"https://example.com/%zz",
       "url: is not a valid URL: '%' at byte 20 is not followed by two hex digits"},
      {"https://example.com/a?q=100%",
       "url: is not a valid URL: '%' at byte 27 is not followed by two hex digits"},
      {"https://example.com/#%4",
       "url: is not a valid URL: '%' at byte 21 is not followed by two hex digits"},
      {"  https://example.com/%",
       "url: is not a valid URL: '%' at byte 22 is not followed by two hex digits"},
      {"https://ex%ample.com",
       "url: is not a valid URL: '%' at byte 10 is not followed by two hex digits"},
      // IPv4.
      {"http://256.1.1.1/", "url: is not a valid URL: '256.1.1.1" + kIpv4},
      {"http://010.0.0.1/", "url: is not a valid URL: '010.0.0.1" + kIpv4},
      {"http://1.2.3/", "url: is not a valid URL: '1.2.3" + kIpv4},
      {"http://1.2.3.4.5/", "url: is not a valid URL: '1.2.3.4.5" + kIpv4},
      {"http://123/", "url: is not a valid URL: '123" + kIpv4},
      // IPv6.
      {"https://[::1/", "url: is not a valid URL: the IPv6 address has no closing ']'"},
      {"https://[::1]x/", "url: is not a valid URL: unexpected text after the IPv6 address"},
      {"https://[1::2::3]/", "url: is not a valid URL: '[1::2::3]' is not a valid IPv6 address"},
      {"https://[12345::1]/", "url: is not a valid URL: '[12345::1]' is not a valid IPv6 address"},
      {"https://[1:2:3:4:5:6:7]/",
       "url: is not a valid URL: '[1:2:3:4:5:6:7]' is not a valid IPv6 address"},
      {"https://[1:2:3:4:5:6:7:8:9]/",
       "url: is not a valid URL: '[1:2:3:4:5:6:7:8:9]' is not a valid IPv6 address"},
      {"https://[::1:2:3:4:5:6:7:8]/",
       "url: is not a valid URL: '[::1:2:3:4:5:6:7:8]' is not a valid IPv6 address"},
      {"https://[:1::2]/", "url: is not a valid URL: '[:1::2]' is not a valid IPv6 address"},
      {"https://[1.2.3.4::]/",
       "url: is not a valid URL: '[1.2.3.4::]' is not a valid IPv6 address"},
      {"https://[::1.2.3.256]/",
       "url: is not a valid URL: '[::1.2.3.256]' is not a valid IPv6 address"},
      {"https://[]/", "url: is not a valid URL: '[]' is not a valid IPv6 address"},
      {"https://[v1.fe]/", "url: is not a valid URL: '[v1.fe]' is not a valid IPv6 address"},
      {"https://[fe80::1%25eth0]/",
       "url: is not a valid URL: IPv6 zone identifiers are not accepted"},
      // Encoding.
      {"https://example.com/\xff", "url: is not valid UTF-8 (byte 20)"},
  };
  for (const auto& [input, message] : kCases) {
    SCOPED_TRACE(input);
    const Result<std::string> result = NormalizeUrl("url", input);
    ASSERT_FALSE(result.ok()) << *result;
    EXPECT_EQ(result.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(result.status().message(), message);
  }
}

TEST(NormalizeUrl, NamesTheFieldItWasGiven) {
  const Result<std::string> result = NormalizeUrl("source.url", "ftp://example.com/");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "source.url: only http and https URLs are accepted (got 'ftp')");
}

TEST(NormalizeUrl, AcceptsExactlyTheMaximumLength) {
  const std::string base = "https://example.com/";
  const std::string at_limit = base + std::string(kMaxUrlBytes - base.size(), 'a');
  const Result<std::string> result = NormalizeUrl("url", at_limit);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, at_limit);
}

TEST(NormalizeUrl, RefusesOneByteOverTheMaximumLength) {
  const std::string base = "https://example.com/";
  const Result<std::string> result =
      NormalizeUrl("url", base + std::string(kMaxUrlBytes + 1 - base.size(), 'a'));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "url: must be at most 2048 bytes (got 2049)");
}

TEST(NormalizeUrl, RefusesAUrlThatPercentEncodingMakesTooLong) {
  std::string url = "https://example.com/";
  while (url.size() < kMaxUrlBytes) url += "é";  // 20 + 1014 * 2 = 2048 bytes
  ASSERT_EQ(url.size(), kMaxUrlBytes);
  const Result<std::string> result = NormalizeUrl("url", url);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "url: must be at most 2048 bytes (got 6104 once normalised)");
}

TEST(NormalizeUrl, SurroundingWhitespaceDoesNotCountTowardsTheLimit) {
  const std::string base = "https://example.com/";
  const std::string at_limit = base + std::string(kMaxUrlBytes - base.size(), 'a');
  const Result<std::string> result = NormalizeUrl("url", "  " + at_limit + "\n");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, at_limit);
}

TEST(NormalizeUrl, EquivalentSpellingsNormaliseToOneUrl) {
  const std::string variants[] = {
      "https://www.example.com/news/2024/claim",
      "HTTPS://WWW.EXAMPLE.COM/news/2024/claim",
      "https://www.example.com:443/news/2024/claim",
      "https://www.example.com./news/./2024/../2024/claim",
      "https://www.example.com/%6Eews/2024/%63laim",
      " https://www.example.com/news/2024/claim ",
  };
  for (const std::string& variant : variants) {
    SCOPED_TRACE(variant);
    const Result<std::string> result = NormalizeUrl("url", variant);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(*result, "https://www.example.com/news/2024/claim");
  }
}

}  // namespace
}  // namespace factdesk::domain
