// The server's paths and the methods each takes, said once: the router answers
// 404 and 405 (with Allow) from it, and /metrics labels requests by it, so that
// requests to random paths count under one label instead of one series each.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sparkify {

struct HttpRoute {
  std::string_view path;
  std::string_view allow;  // the Allow header's value: "POST", "GET, HEAD"
};

// The route of a request path, when there is one.
std::optional<HttpRoute> find_route(std::string_view path);

// Whether the route takes the method (HEAD wherever GET is).
bool route_allows(const HttpRoute& route, std::string_view method);

// The metrics label of a request path: the route's path, else "other".
std::string_view route_label(std::string_view path);

// "/v1/events, /v1/songs, ...": for the 404 message.
std::string route_paths();

}  // namespace sparkify
