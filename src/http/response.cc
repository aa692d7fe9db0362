#include "http/response.h"

#include <utility>

namespace ptdv::http {

Response Response::Json(std::string json, int status) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(json);
  return response;
}

Response Response::Text(std::string text, int status) {
  Response response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

Response Response::Empty(int status) {
  Response response;
  response.status = status;
  return response;
}

}  // namespace ptdv::http
