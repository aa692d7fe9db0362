#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptdv::http {

// True when a and b are equal ignoring ASCII case (HTTP field names, media types, tokens).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// HTTP header fields in arrival order. Lookup ignores the case of the name (RFC 9110 §5.1);
// repeated fields are kept (Set-Cookie). Not thread-safe: a value type owned by one request
// or response.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // Appends a field; an existing field of the same name is kept.
  void Add(std::string name, std::string value);
  // Replaces every field of that name by one field.
  void Set(std::string name, std::string value);
  void Remove(std::string_view name);

  // The first field of that name, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }

  bool empty() const { return fields_.empty(); }
  std::size_t size() const { return fields_.size(); }
  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace ptdv::http
