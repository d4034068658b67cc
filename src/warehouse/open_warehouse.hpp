// Chooses and opens the warehouse engine for a target.
#pragma once

#include <memory>
#include <string>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// Targets: "sqlite:PATH" or a plain file path for the embedded engine.
std::unique_ptr<Warehouse> open_warehouse(const std::string& target);

}  // namespace sparkify
