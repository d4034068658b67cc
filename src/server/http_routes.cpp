#include "server/http_routes.hpp"

#include <algorithm>
#include <array>

namespace sparkify {
namespace {

constexpr std::array kRoutes{
    HttpRoute{"/v1/events", "POST"},      HttpRoute{"/v1/songs", "POST"},
    HttpRoute{"/health", "GET, HEAD"},    HttpRoute{"/metrics", "GET, HEAD"},
    HttpRoute{"/v1/status", "GET, HEAD"},
};

}  // namespace

std::optional<HttpRoute> find_route(std::string_view path) {
  const auto* route = std::find_if(kRoutes.begin(), kRoutes.end(),
                                   [path](const HttpRoute& r) { return r.path == path; });
  if (route == kRoutes.end())
    return std::nullopt;
  return *route;
}

bool route_allows(const HttpRoute& route, std::string_view method) {
  std::string_view allow = route.allow;
  while (!allow.empty()) {
    const auto comma = allow.find(", ");
    if (allow.substr(0, comma) == method)
      return true;
    allow = comma == std::string_view::npos ? std::string_view() : allow.substr(comma + 2);
  }
  return false;
}

std::string_view route_label(std::string_view path) {
  const auto route = find_route(path);
  return route ? route->path : "other";
}

std::string route_paths() {
  std::string paths;
  for (const auto& route : kRoutes)
    paths += std::string(paths.empty() ? "" : ", ") + std::string(route.path);
  return paths;
}

}  // namespace sparkify
