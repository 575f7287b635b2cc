#include "server/jobs/webhook_signature.h"

#include <array>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace factdesk::jobs {
namespace {

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4U]);
    out.push_back(kDigits[bytes[i] & 0x0FU]);
  }
  return out;
}

}  // namespace

std::string WebhookSignature(std::string_view secret, std::int64_t timestamp,
                             std::string_view body) {
  const std::string message = fmt::format("{}.{}", timestamp, body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size);
  return Hex(mac.data(), size);
}

std::string SignatureHeaderValue(std::string_view secret, std::int64_t timestamp,
                                 std::string_view body) {
  return fmt::format("t={},v1={}", timestamp, WebhookSignature(secret, timestamp, body));
}

Result<std::string> NewWebhookSecret() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return Status::Internal("the system random generator failed");
  }
  return "whsec_" + Hex(bytes.data(), bytes.size());
}

}  // namespace factdesk::jobs
