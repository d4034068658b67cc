// The bytes of data/names/name_gender.csv, compiled into the binary by
// cmake/embed_text.cmake so the product needs no data file at run time.
#pragma once

#include <string_view>

namespace sparkify::names {

std::string_view embedded_name_gender_csv();

}  // namespace sparkify::names
