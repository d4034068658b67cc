// Placeholders by which a statement names a staged record's columns without spelling
// them out, so that staging_row.hpp stays their one order:
//   {song_columns} {event_columns} {reject_columns} {object_columns}
//     the record's columns, comma-separated, in staging_row.hpp's order, without
//     processed (which each statement sets its own way);
//   {song_parameters} {event_parameters} {reject_parameters} {object_parameters}
//     one parameter per column, "$1, $2, ...", as the inserts that bind a record take them
//     (SQLite numbers them in the order they appear; a "?" after them is the next);
//   {event_log_columns}
//     the event's columns that are the log's own fields (event_log_columns()), as
//     Redshift's COPY from the logs lists them.
// The embedded statements are written out once, at first use (embedded_sql.cpp).
#pragma once

#include <string>
#include <string_view>

namespace sparkify {

// The text with every placeholder replaced; the rest unchanged.
std::string expand_column_placeholders(std::string_view sql);

}  // namespace sparkify
