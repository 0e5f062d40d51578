#include "storage/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace vela::storage::sql {

void fail(sqlite3* db, int rc, const QString& context)
{
    // Prefer the connection's extended code and message: they say which
    // I/O operation failed (https://sqlite.org/c3ref/errcode.html).
    int code = rc;
    QString detail = QString::fromUtf8(sqlite3_errstr(rc));
    if (db != nullptr && sqlite3_errcode(db) == (rc & 0xff)) {
        code = sqlite3_extended_errcode(db);
        detail = QString::fromUtf8(sqlite3_errmsg(db));
    }
    throw StorageError(errorKindFromSqlite(code), context + QStringLiteral(": ") + detail, code);
}

Statement::Statement(sqlite3* db, const char* sql, bool persistent) : db_(db)
{
    // SQLITE_PREPARE_PERSISTENT tells SQLite the statement lives long, so it
    // avoids its lookaside memory (https://sqlite.org/c3ref/c_prepare_normalize.html).
    const int rc =
        sqlite3_prepare_v3(db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        fail(db, rc, QStringLiteral("Preparing \"%1\"").arg(QString::fromUtf8(sql).simplified()));
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const QString& text) { return bind(index, text.toUtf8()); }

Statement& Statement::bind(int index, const QByteArray& utf8)
{
    // SQLITE_TRANSIENT: SQLite copies the bytes, the QByteArray may go away.
    const int rc = sqlite3_bind_text64(stmt_, index, utf8.constData(),
                                       static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
    if (rc != SQLITE_OK)
        fail(db_, rc, QStringLiteral("Binding text parameter %1").arg(index));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK)
        fail(db_, rc, QStringLiteral("Binding integer parameter %1").arg(index));
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK)
        fail(db_, rc, QStringLiteral("Binding real parameter %1").arg(index));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK)
        fail(db_, rc, QStringLiteral("Binding null parameter %1").arg(index));
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(db_, rc, QStringLiteral("Running \"%1\"").arg(QString::fromUtf8(sqlite3_sql(stmt_)).simplified()));
}

void Statement::run()
{
    while (step()) {
    }
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

QString Statement::text(int column) const
{
    // column_text before column_bytes, as https://sqlite.org/c3ref/column_blob.html advises.
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    return p != nullptr ? QString::fromUtf8(p, n) : QString();
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

std::optional<double> Statement::optionalReal(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return real(column);
}

void Statement::reset()
{
    // The step error (if any) was already reported; reset repeats it, ignore.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

Connection::Connection(const QString& path, bool create, bool readOnly)
{
    int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readOnly)
        flags |= SQLITE_OPEN_CREATE;
    // EXRESCODE: extended result codes from the start, so "disk I/O error"
    // says which call failed (https://sqlite.org/c3ref/open.html).
    flags |= SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        QString context = QStringLiteral("Opening %1").arg(path);
        sqlite3* db = db_;
        db_ = nullptr;
        try {
            sql::fail(db, rc, context);
        } catch (...) {
            sqlite3_close_v2(db);
            throw;
        }
    }
}

Connection::~Connection() { close(); }

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_))
{
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

void Connection::close()
{
    cache_.clear(); // statements first: close_v2 would otherwise defer
    if (db_ != nullptr)
        sqlite3_close_v2(db_);
    db_ = nullptr;
}

void Connection::exec(const char* sqlText, const char* context)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sqlText, nullptr, nullptr, &message);
    sqlite3_free(message); // errmsg on the connection carries the same text
    if (rc != SQLITE_OK)
        fail(rc, context);
}

Use Connection::cached(const char* sqlText)
{
    auto& slot = cache_[sqlText];
    if (!slot)
        slot = std::make_unique<Statement>(db_, sqlText, true);
    return Use(*slot);
}

void Connection::clearCache() { cache_.clear(); }

QString Connection::queryText(const char* sqlText)
{
    Statement s(db_, sqlText, false);
    return s.step() ? s.text(0) : QString();
}

std::int64_t Connection::queryInt(const char* sqlText)
{
    Statement s(db_, sqlText, false);
    return s.step() ? s.int64(0) : 0;
}

int Connection::changes() const { return sqlite3_changes(db_); }

void Connection::fail(int rc, const char* context) const
{
    sql::fail(db_, rc, QString::fromUtf8(context));
}

Transaction::Transaction(Connection& c, Mode mode) : c_(c)
{
    c_.exec(mode == Write ? "BEGIN IMMEDIATE" : "BEGIN", "Starting a transaction");
}

Transaction::~Transaction()
{
    if (!done_ && c_.isOpen()) {
        // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already
        // rolled back (https://sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction);
        // only roll back what is still open.
        if (sqlite3_get_autocommit(c_.handle()) == 0)
            sqlite3_exec(c_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit()
{
    c_.exec("COMMIT", "Committing");
    done_ = true;
}

} // namespace vela::storage::sql
