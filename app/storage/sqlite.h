// A thin RAII layer over the SQLite C API, used only inside vela_storage (and
// by its tests to build old-version databases by hand).
//
// We use the C API directly rather than Qt SQL because the online backup API
// (https://sqlite.org/backup.html) is not reachable through QSqlDatabase.
// Every failing call throws StorageError carrying the extended result code and
// sqlite3_errmsg(), prefixed with what we were doing.
#pragma once

#include "storage/error.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace vela::storage::sql {

class Statement {
public:
    Statement(sqlite3* db, const char* sql, bool persistent);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Bind by 1-based index (https://sqlite.org/c3ref/bind_blob.html).
    Statement& bind(int index, const QString& text);
    Statement& bind(int index, const QByteArray& utf8);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
    Statement& bind(int index, double value);
    Statement& bindNull(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Runs one step: true while a row is available, false when done.
    bool step();
    // Steps to completion, for statements that return no rows.
    void run();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<double> optionalReal(int column) const;

    // Ready for the next use: keeps the compiled program, drops bindings.
    void reset();

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Connection;

// A cached statement borrowed for one use; resets it when it goes out of
// scope so a later caller (or a failed step) never leaves it half-run, which
// would hold a read transaction open.
class Use {
public:
    explicit Use(Statement& s) : s_(&s) {}
    ~Use() { s_->reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Statement* operator->() const { return s_; }
    Statement& operator*() const { return *s_; }

private:
    Statement* s_;
};

class Connection {
public:
    Connection() = default;
    // Opens (creating if asked) the file; throws on failure.
    Connection(const QString& path, bool create, bool readOnly = false);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;

    bool isOpen() const { return db_ != nullptr; }
    sqlite3* handle() const { return db_; }
    void close();

    // Runs one or more statements with no parameters (schema scripts, pragmas).
    void exec(const char* sql, const char* context);
    // A statement prepared once and reused (the hot paths run it every few
    // hundred milliseconds), keyed by its text.
    Use cached(const char* sql);
    void clearCache();

    // The first column of the first row of a parameterless query, as text.
    QString queryText(const char* sql);
    std::int64_t queryInt(const char* sql);
    int changes() const;

    [[noreturn]] void fail(int rc, const char* context) const;

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN ... COMMIT, rolled back by the destructor unless committed. Write
// transactions use BEGIN IMMEDIATE, which takes the write lock up front, so
// a writer never fails half way with SQLITE_BUSY when upgrading from a read
// transaction (https://sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions);
// read-only ones use a plain (deferred) BEGIN and never block writers in WAL.
class Transaction {
public:
    enum Mode { Write, Read };
    explicit Transaction(Connection& c, Mode mode = Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& c_;
    bool done_ = false;
};

// Throws StorageError(kind from rc) with "context: sqlite message".
[[noreturn]] void fail(sqlite3* db, int rc, const QString& context);

} // namespace vela::storage::sql
