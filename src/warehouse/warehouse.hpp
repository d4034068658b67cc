// The warehouse engine interface: one connection to one warehouse (SQLite file,
// PostgreSQL database, Redshift cluster). The pipeline decides *when* to run
// which named SQL statement; each engine's .sql files decide *how* the data is
// shaped. Named statements have the same name and the same positional
// parameters (?1.. in SQLite, $1.. in PostgreSQL) on every engine.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "core/table.hpp"

namespace sparkify {

// What a staging writer did.
struct StagingCounts {
  std::int64_t songs_staged = 0;   // s_song rows inserted, or replaced by changed content
  std::int64_t events_staged = 0;  // s_songplay_event rows inserted
  std::int64_t duplicates = 0;     // records already staged with the same content or id
  std::int64_t rejects = 0;        // etl_reject rows inserted
};

// Who puts a batch's staged rows into the star schema. A load transforms its own
// rows in the same transaction, so they are staged already flagged processed:
// nobody can see them before they are in the star schema, and the transform
// saves an UPDATE of every row. The server's ingest stages rows that wait for a
// later transform batch. An engine may stage both kinds as waiting (Redshift
// does: its transforms take only waiting rows), which is slower but as correct.
enum class StagedRows { transformed_by_this_batch, waiting };

// How a batch writes its staged rows: with every key in place, or on the bulk path
// (pipeline/bulk_write.hpp), whose caller has set aside the keys the engine lists in
// bulk/keys for staging, so that an engine may write rows straight into the staging
// tables and remove the repeats after, as its in-place path would have skipped them.
enum class WritePath { incremental, bulk };

// How a batch writes, told to the warehouse before its transaction begins
// (pipeline/bulk_write.hpp's LargeBatch).
struct BatchWrite {
  // Large next to what the warehouse held when the run began (the first load, a
  // backfill): an engine may commit it another way (SQLite: through a rollback journal,
  // not the write-ahead log).
  bool large = false;
  // On the bulk path: an engine whose foreign keys cannot be set aside inside the
  // transaction may check them once, at its commit, instead of row by row (SQLite).
  bool bulk = false;
};

// Writes staged rows and rejects of one batch. Rows are streamed: an engine may
// buffer a bounded amount, never the whole batch.
class StagingWriter {
 public:
  virtual ~StagingWriter() = default;
  virtual void add(const SongRecord& song) = 0;
  virtual void add(const EventRecord& event) = 0;
  virtual void add(const Reject& reject) = 0;
  // A ledger row: the object was read in this batch.
  virtual void add(const LoadedObject& object) = 0;
  // Flushes everything added so far into the warehouse (inside the open transaction).
  virtual void flush() = 0;
  // What was written so far (complete after flush()).
  virtual StagingCounts counts() const = 0;
  // The bulk path (WritePath::bulk): rows written while a key was set aside may repeat
  // what the key refuses. Called when building that key again fails: removes the later
  // copies (the first staged stays, as with the key in place) and counts them as
  // duplicates. Default: nothing to remove.
  virtual void remove_repeats() {}

  // Server-side loading: an engine that loads objects of a kind ("song", "event")
  // itself, from where they are stored (Redshift: COPY from S3), returns true
  // here; the loader then neither reads nor parses them, and passes them to
  // load_server_side() once per batch, after flush(). Default: none.
  virtual bool loads_server_side(std::string_view /*kind*/) const { return false; }
  // Loads the listed objects (key, version, kind, size) and writes their staged
  // rows, rejects and ledger rows, inside the open transaction.
  virtual void load_server_side(const std::vector<LoadedObject>& /*objects*/) {
    throw std::logic_error("this warehouse loads nothing server-side");
  }
};

class Warehouse {
 public:
  virtual ~Warehouse() = default;

  // "sqlite", "postgresql" or "redshift".
  virtual std::string engine() const = 0;
  // What this warehouse is, for messages; never contains a password.
  virtual std::string describe() const = 0;

  // The engine's folder under src/warehouse/ ("sqlite", "postgres", "redshift"): its
  // schema files, and the statements its dialect writes differently from the portable
  // SQL of src/warehouse/sql/.
  virtual std::string_view sql_dir() const = 0;

  // Creates or upgrades the schema (idempotent). Returns the schema version in place.
  virtual int migrate() = 0;
  // The schema version in place, 0 when the warehouse has not been initialised.
  int schema_version();

  // Takes the single-writer lock until this connection closes, or throws WarehouseBusy.
  virtual void lock_writer() = 0;

  // Whether a second connection may transform staged rows into the star schema while
  // this one stages more, neither waiting for the other. PostgreSQL: yes, with the
  // transforming connection in snapshot transactions (transform_in_snapshots()).
  // SQLite and Redshift take one writer at a time: their transforms and staging
  // commits take turns.
  virtual bool transforms_beside_staging() const { return false; }
  // From now on, every transaction of this connection sees the warehouse as of its
  // first statement, so a transform marks processed exactly the staged rows it put
  // into the star schema, whatever another connection commits meanwhile.
  virtual void transform_in_snapshots() {}

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  // Between transactions: how the next ones write their batch (BatchWrite); the default
  // ignores it.
  virtual void set_batch_write(BatchWrite /*how*/) {}

  // The most input one batch of a load reads unless told otherwise (LoadOptions): what a
  // failure loses at most, and what one transaction writes. 1 GiB; an engine whose large
  // batches cost no more per row than small ones raises it (PostgreSQL).
  virtual std::uint64_t default_batch_max_bytes() const { return 1ULL << 30; }

  // The text of a named statement of this engine (e.g. "ledger/begin_batch"): the
  // engine's own when its dialect has one, else the portable one.
  std::string_view statement(std::string_view name) const;
  // Names of the transform steps, in the order they run.
  std::vector<std::string> transform_steps() const;
  // Names of the statements in one folder of this engine's SQL, sorted
  // (e.g. "check" -> {"check/10_non_empty", ...}).
  std::vector<std::string> statement_names(std::string_view folder) const;

  // Runs SQL (one or more statements) with positional parameters; returns rows changed.
  virtual std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one query and returns its rows.
  virtual Table query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Inserts many rows (each the same columns, in the statement's order) with the
  // named statement `name`, inside the caller's transaction; returns the rows
  // inserted. By default the statement is one row's INSERT with positional
  // parameters, run once per row; an engine with a faster bulk path gives the
  // statement its own form (PostgreSQL: COPY ... FROM STDIN; Redshift: the head
  // of a multi-row INSERT ... VALUES whose rows are bound parameters).
  virtual std::int64_t insert_rows(std::string_view name,
                                   const std::vector<std::vector<Value>>& rows) {
    const std::string_view sql = statement(name);
    std::int64_t inserted = 0;
    for (const auto& row : rows)
      inserted += execute(sql, row);
    return inserted;
  }
  // Runs one statement of someone else's SQL that must only read: throws
  // WarehouseQueryRejected for anything that could write, or for more than one
  // statement, before it runs; the engine also runs it read-only (SQLite: a
  // read-only connection and query_only; PostgreSQL: a READ ONLY transaction).
  virtual Table query_read_only(std::string_view sql, const std::vector<Value>& params = {}) = 0;

  // A writer for the staged rows and rejects of batch_id, inside the open transaction.
  virtual std::unique_ptr<StagingWriter> open_staging(std::int64_t batch_id,
                                                      const std::string& staged_at, StagedRows rows,
                                                      WritePath path) = 0;
};

// Classified like SQLSTATE classes, so callers can decide what to do.
class WarehouseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Another writer holds the warehouse; retrying later may succeed.
class WarehouseBusy : public WarehouseError {
 public:
  using WarehouseError::WarehouseError;
};
// A statement given to query_read_only() that writes, or is not one statement.
class WarehouseQueryRejected : public WarehouseError {
 public:
  using WarehouseError::WarehouseError;
};
// The statement given to query_read_only() is not valid SQL, or names a table or
// column that does not exist: the error of whoever wrote it, with where it is.
class WarehouseStatementError : public WarehouseQueryRejected {
 public:
  WarehouseStatementError(const std::string& message, std::optional<std::size_t> offset)
      : WarehouseQueryRejected(message), offset_(offset) {}
  // The byte offset in the statement where the error is, when the engine says.
  std::optional<std::size_t> offset() const { return offset_; }

 private:
  std::optional<std::size_t> offset_;
};
// The connection was lost; the open transaction is gone. Retrying may succeed.
class WarehouseUnavailable : public WarehouseError {
 public:
  using WarehouseError::WarehouseError;
};

}  // namespace sparkify
