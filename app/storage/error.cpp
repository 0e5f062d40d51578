#include "storage/error.h"

#include <sqlite3.h>

namespace vela::storage {

const char* errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Io: return "io";
    case ErrorKind::DiskFull: return "disk-full";
    case ErrorKind::ReadOnly: return "read-only";
    case ErrorKind::Busy: return "busy";
    case ErrorKind::Corrupt: return "corrupt";
    case ErrorKind::NotFound: return "not-found";
    case ErrorKind::InvalidArgument: return "invalid-argument";
    case ErrorKind::InvalidImport: return "invalid-import";
    case ErrorKind::TooNew: return "too-new";
    case ErrorKind::Internal: return "internal";
    }
    return "unknown";
}

StorageError::StorageError(ErrorKind kind, const QString& message, int sqliteCode)
    : vela::Error(message.toStdString()), kind_(kind), sqliteCode_(sqliteCode)
{
}

ErrorKind errorKindFromSqlite(int code)
{
    // The primary code is the low byte of an extended code
    // (https://sqlite.org/rescode.html#primary_result_codes_versus_extended_result_codes).
    switch (code & 0xff) {
    case SQLITE_FULL: return ErrorKind::DiskFull;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return ErrorKind::ReadOnly;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::Busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return ErrorKind::Corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL: return ErrorKind::Io;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE: return ErrorKind::InvalidArgument;
    default: return ErrorKind::Internal;
    }
}

} // namespace vela::storage
