#include "server/store/digest.h"

#include <array>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace factdesk::store {

std::string Sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  return {reinterpret_cast<const char*>(md.data()), len};
}

std::string Sha256Hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : Sha256(data)) {
    out.push_back(kHex[c >> 4U]);
    out.push_back(kHex[c & 0xFU]);
  }
  return out;
}

Result<std::string> NewToken() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return Status::Internal("the system random generator failed");
  }
  std::string token = "fd_";
  // 6 bits per character; 256 bits -> 43 characters.
  unsigned int acc = 0;
  int bits = 0;
  for (const unsigned char b : bytes) {
    acc = (acc << 8U) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      token.push_back(kAlphabet[(acc >> static_cast<unsigned>(bits)) & 0x3FU]);
    }
  }
  if (bits > 0) token.push_back(kAlphabet[(acc << static_cast<unsigned>(6 - bits)) & 0x3FU]);
  return token;
}

}  // namespace factdesk::store
