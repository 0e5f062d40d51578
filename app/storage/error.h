// The one error type of vela_storage.
//
// Every failure of the storage layer is reported by throwing StorageError;
// nothing else escapes (std::bad_alloc aside). Lookups of something that may
// legitimately be absent return std::optional instead. The kind lets the UI
// choose its message ("the disk is full" vs "the database is damaged")
// without parsing text; what() is a complete sentence for logs.
#pragma once

#include "common/error.h"

#include <QString>

namespace vela::storage {

enum class ErrorKind {
    Io,              // the OS refused or failed a read/write (SQLITE_IOERR, SQLITE_CANTOPEN)
    DiskFull,        // SQLITE_FULL: no space left (or the configured page limit reached)
    ReadOnly,        // SQLITE_READONLY / SQLITE_PERM: the file or directory is not writable
    Busy,            // another process held the database longer than busy_timeout
    Corrupt,         // SQLITE_CORRUPT / SQLITE_NOTADB found while working
    NotFound,        // a conversation or message id that does not exist (or is not streaming)
    InvalidArgument, // the caller passed something the schema cannot hold
    InvalidImport,   // an import file is malformed; nothing was imported
    TooNew,          // the database was written by a newer Vela (schema version unknown)
    Internal,        // any other SQLite error (a bug on our side)
};

const char* errorKindName(ErrorKind kind);

class StorageError : public vela::Error {
public:
    StorageError(ErrorKind kind, const QString& message, int sqliteCode = 0);

    ErrorKind kind() const { return kind_; }
    // The extended SQLite result code when SQLite reported the failure, else 0.
    int sqliteCode() const { return sqliteCode_; }

private:
    ErrorKind kind_;
    int sqliteCode_;
};

// Maps an (extended) SQLite result code to an ErrorKind; see
// https://sqlite.org/rescode.html for the codes.
ErrorKind errorKindFromSqlite(int code);

} // namespace vela::storage
