// Backup files made with SQLite's online backup API.
//
// A backup is a complete, standalone database (rollback-journal mode, no
// -wal file needed) at <dataDir>/backups/vela-v<version>-<yyyyMMdd-HHmmss-zzz>.sqlite3
// (UTC time). It is written under a ".partial" name and renamed when
// complete, so a crash never leaves a half backup that looks whole.
#pragma once

#include "storage/types.h"

#include <QDateTime>
#include <QString>

#include <vector>

struct sqlite3;

namespace vela::storage::backups {

QString directory(const QString& dataDir);

// Copies every page of `from` (schema "main") into `to` with
// sqlite3_backup_* (https://sqlite.org/c3ref/backup_finish.html). The copy is
// a consistent snapshot even while other connections write.
void copyDatabase(sqlite3* from, sqlite3* to, const QString& what);

// Writes a backup of `source` (a database at schema `version`); returns its path.
QString create(sqlite3* source, const QString& dataDir, int version, const QDateTime& nowUtc);

// The backups in <dataDir>/backups, newest first.
std::vector<BackupInfo> list(const QString& dataDir);

// Deletes all but the newest `keep` backups (never below 1) except `spare`,
// a path that must survive (the one being restored).
void prune(const QString& dataDir, int keep, const QString& spare = {});

} // namespace vela::storage::backups
