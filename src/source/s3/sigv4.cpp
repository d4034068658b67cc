#include "source/s3/sigv4.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <map>
#include <stdexcept>

#include "core/ascii_text.hpp"

namespace sparkify::s3 {
namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Trims both ends and collapses runs of spaces inside, as the specification asks
// (the test suite shows this applies inside quotes too).
std::string trim_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c) || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c);
  }
  return out;
}

// RFC 3986 remove_dot_segments plus collapsing of empty segments ("//").
std::string normalise_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::string_view segment;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos)
      end = path.size();
    segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty())
        segments.pop_back();
    } else if (segment != "." && !segment.empty()) {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  // A path ending in "/", "/." or "/.." names a folder: keep its trailing slash.
  const bool trailing_slash = segment.empty() || segment == "." || segment == "..";
  std::string out = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0)
      out.push_back('/');
    out.append(segments[i]);
  }
  if (!segments.empty() && trailing_slash)
    out.push_back('/');
  return out;
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  std::size_t length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
                out.size(), &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed (OpenSSL EVP_Q_mac)");
  }
  return {reinterpret_cast<const char*>(out.data()), length};
}

std::string uri_encode(std::string_view text, bool encode_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view decoded_path, SigningFlavour flavour) {
  if (decoded_path.empty())
    return "/";
  if (flavour == SigningFlavour::kGeneric) {
    return uri_encode(normalise_path(decoded_path), false);
  }
  return uri_encode(decoded_path, false);
}

std::string canonical_query(const std::vector<QueryParam>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(uri_encode(name, true), uri_encode(value, true));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty())
      out.push_back('&');
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  std::string key = hmac_sha256("AWS4" + std::string(secret), date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  return hmac_sha256(key, "aws4_request");
}

std::string amz_date(std::chrono::system_clock::time_point when) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 17> out{};
  std::strftime(out.data(), out.size(), "%Y%m%dT%H%M%SZ", &utc);
  return out.data();
}

Signature sign(const RequestToSign& request, const Credentials& credentials,
               const SigningScope& scope, SigningFlavour flavour) {
  if (scope.date_time.size() < 8) {
    throw std::invalid_argument("SigV4: the signing time must look like 20150830T123600Z");
  }
  // Canonical headers: lower-case names, sorted; values of repeated headers joined with ','
  // in the order they appear.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    auto [it, inserted] = headers.try_emplace(ascii_lower(name), trim_header_value(value));
    if (!inserted)
      it->second.append(",").append(trim_header_value(value));
  }
  Signature out;
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers.append(name).append(":").append(value).append("\n");
    if (!out.signed_headers.empty())
      out.signed_headers.push_back(';');
    out.signed_headers.append(name);
  }

  out.canonical_request = request.method + "\n" + canonical_uri(request.path, flavour) + "\n" +
                          canonical_query(request.query) + "\n" + canonical_headers + "\n" +
                          out.signed_headers + "\n" + request.payload_hash;

  const std::string date = scope.date_time.substr(0, 8);
  const std::string credential_scope =
      date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  out.string_to_sign = "AWS4-HMAC-SHA256\n" + scope.date_time + "\n" + credential_scope + "\n" +
                       sha256_hex(out.canonical_request);

  const std::string key =
      signing_key(credentials.secret_access_key, date, scope.region, scope.service);
  out.signature = to_hex(hmac_sha256(key, out.string_to_sign));
  out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" +
                      credential_scope + ", SignedHeaders=" + out.signed_headers +
                      ", Signature=" + out.signature;
  return out;
}

std::vector<Header> s3_auth_headers(std::string_view method, std::string_view host,
                                    std::string_view decoded_path,
                                    const std::vector<QueryParam>& query,
                                    std::string_view payload_hash, const Credentials& credentials,
                                    std::string_view region,
                                    std::chrono::system_clock::time_point when) {
  RequestToSign request;
  request.method = std::string(method);
  request.path = std::string(decoded_path);
  request.query = query;
  request.payload_hash = std::string(payload_hash);
  const std::string date_time = amz_date(when);
  request.headers = {{"host", std::string(host)},
                     {"x-amz-content-sha256", std::string(payload_hash)},
                     {"x-amz-date", date_time}};
  if (!credentials.session_token.empty()) {
    request.headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  const Signature signature =
      sign(request, credentials, SigningScope{date_time, std::string(region), "s3"},
           SigningFlavour::kS3);
  std::vector<Header> out(request.headers.begin() + 1, request.headers.end());
  out.emplace_back("Authorization", signature.authorization);
  return out;
}

}  // namespace sparkify::s3
