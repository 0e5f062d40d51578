// The database schema and its step-by-step migrations.
//
// The schema version lives in PRAGMA user_version, an integer in the file
// header that SQLite itself never touches (https://sqlite.org/pragma.html#pragma_user_version).
// Version 0 is an empty database. Each migration takes version N-1 to N inside
// one transaction, so a crash mid-migration leaves the file at N-1; migrations
// are never edited once released, only new ones appended.
//   v1: conversations and messages
//   v2: FTS5 full-text index over titles, message contents and reasoning
//   v3: messages.writer, the store writing a streaming reply (writers.h)
#pragma once

#include <functional>

namespace vela::storage {

namespace sql {
class Connection;
}

inline constexpr int kSchemaVersion = 3;

// Called with the version about to be migrated from, before its migration
// starts (outside any transaction): ConversationStore makes a backup there.
using BeforeMigration = std::function<void(int fromVersion)>;

int schemaVersion(sql::Connection& db);

// Migrates to targetVersion (at most kSchemaVersion). Throws StorageError
// (TooNew) when the database is newer than this code. Returns the version
// found before migrating. Tests use a smaller target to build old databases.
int migrate(sql::Connection& db, int targetVersion = kSchemaVersion,
            const BeforeMigration& before = {});

} // namespace vela::storage
