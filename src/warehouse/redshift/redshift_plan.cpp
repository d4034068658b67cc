#include "warehouse/redshift/redshift_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "warehouse/embedded_sql.hpp"
#include "warehouse/redshift/redshift_staging_writer.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify::redshift {
namespace {

std::string_view sql(std::string_view name) {
  return engine_statement("redshift", name);
}

void step(std::string& out, std::string_view name, std::string_view params = {}) {
  out += fmt::format("-- [{}]{}{}\n", name, params.empty() ? "" : " ", params);
  std::string_view text = sql(name);
  while (text.ends_with('\n'))
    text.remove_suffix(1);
  out += text;
  if (!text.ends_with(';'))
    out += ';';
  out += "\n\n";
}

void transforms(std::string& out) {
  for (const auto& s : engine_statement_names("redshift", "transform"))
    step(out, s, "$1 = the batch id");
}

// The head of a multi-row INSERT ("INSERT INTO t (a, b) VALUES") without its line ends.
std::string_view insert_head(std::string_view name) {
  std::string_view text = sql(name);
  while (text.ends_with('\n') || text.ends_with(' '))
    text.remove_suffix(1);
  return text;
}

// "($1, $2, $3)": one row of the head's columns as placeholders, numbered from `first`.
std::string placeholder_row(std::string_view head, std::size_t first) {
  const auto open = head.find('(');
  const auto close = head.find(')', open);
  const auto columns = std::count(head.begin() + static_cast<std::ptrdiff_t>(open),
                                  head.begin() + static_cast<std::ptrdiff_t>(close), ',') +
                       std::size_t{1};
  std::string row = "(";
  for (std::size_t c = 0; c < columns; ++c)
    row += fmt::format("{}${}", c == 0 ? "" : ", ", first + c);
  return row + ")";
}

void begin_batch(std::string& out, std::string_view kind) {
  out += "BEGIN;\nLOCK etl_batch;\n\n";
  step(out, "ledger/next_batch_id", "-> the batch id");
  step(out, "ledger/begin_batch",
       fmt::format("$1 = the batch id, $2 = '{}', $3 = now (UTC)", kind));
}

void finish_batch(std::string& out) {
  step(out, "ledger/finish_batch",
       "$1 = the batch id, $2 = 'committed', $3 = now, $4.. = the batch's counts");
  out += "COMMIT;\n";
}

}  // namespace

std::string init_plan(const RedshiftOptions& options) {
  std::string out = fmt::format(
      "-- sparkify init, Redshift dialect (d_time distribution {}). Runs in one transaction,\n"
      "-- only the schema versions not yet in etl_schema_version.\nBEGIN;\n",
      to_string(options.d_time));
  out += redshift_init_script(options);
  out +=
      "-- The name-to-gender table (schema 2 and later), filled when it is empty or\n"
      "-- holds an earlier embedded table:\n";
  step(out, "names/state", "-> source, checksum, rows; nothing more when they match");
  step(out, "names/clear");
  const std::string_view insert = insert_head("names/insert");
  out += fmt::format(
      "-- [names/insert] the table's rows as bound parameters, at most {} per statement\n"
      "-- (two rows shown)\n{}\n  {}, {};\n\n",
      kMaxBoundParameters, insert, placeholder_row(insert, 1), placeholder_row(insert, 5));
  step(out, "names/record", "$1 = source, $2 = SHA-256 of the table, $3 = rows, $4 = now");
  step(out, "names/refresh_users");
  step(out, "transform/80_a_regender_users", "$1 = NULL: every user");
  out += "COMMIT;\n";
  return out;
}

std::string load_plan(const RedshiftOptions& options, const std::optional<CopySpec>& copy) {
  std::string out =
      "-- sparkify load, Redshift dialect. Per batch of new objects (one transaction):\n";
  step(out, "ledger/loaded_between",
       "$1, $2 = the first and last key of each window of the listing, as it is listed");
  begin_batch(out, "load");
  step(out, "staging/create_temp");
  step(out, "staging/clear_songs");
  step(out, "staging/clear_events");
  step(out, "staging/clear_objects");
  if (copy) {
    out += "-- Event logs: server-side COPY of exactly the batch's new event objects. Before it,\n";
    out += fmt::format("-- PUT the manifest (each object mandatory) to {}\n", copy->manifest_url);
    out += fmt::format(
        "-- (named by the batch id) and, unless [S3] LOG_JSONPATH names one,\n"
        "-- PUT sql/copy/event_jsonpaths.json to {}.\n",
        copy->jsonpaths_url);
    step(out, "copy/clear_raw");
    out += render_copy(sql("copy/copy_events"), *copy);
    out += "\n\n";
    step(out, "copy/load_errors", "$1 = the batch id, $2 = now");
    step(out, "copy/invalid_rejects", "$1 = the batch id, $2 = now, $3 = the manifest URL");
    step(out, "copy/merge_raw_events", "$1 = the batch id, $2 = now, $3 = the manifest URL");
    step(out, "copy/clear_raw");
    step(out, "copy/file_lines", "-> per object: lines read and rejected, for its etl_object row");
    out += "-- Song files: multi-row INSERTs as below.\n";
  }
  out += fmt::format(
      "-- Multi-row INSERTs, as many rows as fit in {} bytes; every value a literal of\n"
      "-- redshift::literal (quotes and backslashes doubled; NUL and invalid UTF-8 refused),\n"
      "-- shown as $1, $2, ... (one row shown):\n",
      options.max_statement_bytes);
  const auto heads = staging_insert_heads();
  for (const auto& [kind, head] : {std::pair{"songs", &heads.songs},
                                   {"events", &heads.events},
                                   {"rejects", &heads.rejects},
                                   {"objects", &heads.objects}}) {
    out += fmt::format("-- [{}]\n{}\n  {};\n\n", kind, *head, placeholder_row(*head, 1));
  }
  out += "-- After each round of rows (and whenever an id repeats within one):\n";
  step(out, "staging/merge_songs_delete");
  step(out, "staging/merge_songs_insert");
  step(out, "staging/clear_songs");
  step(out, "staging/merge_events");
  step(out, "staging/clear_events");
  step(out, "staging/merge_objects");
  step(out, "staging/clear_objects");
  step(out, "ledger/unprocessed_counts", "$1 = the batch id");
  transforms(out);
  finish_batch(out);
  return out;
}

std::string replay_plan(const RedshiftOptions& /*options*/) {
  std::string out = "-- sparkify replay, Redshift dialect: one transaction.\n";
  begin_batch(out, "replay");
  step(out, "replay/reset");
  step(out, "ledger/unprocessed_counts", "$1 = the batch id");
  transforms(out);
  finish_batch(out);
  return out;
}

}  // namespace sparkify::redshift
