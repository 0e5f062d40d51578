#include "storage/schema.h"

#include "storage/sqlite.h"

#include <array>
#include <string>

namespace vela::storage {

namespace {

// v0 → v1: the two tables.
//  * AUTOINCREMENT so an id is never reused after a delete
//    (https://sqlite.org/autoinc.html): undo re-inserts a deleted
//    conversation with its old ids, and message ids double as chat order.
//  * Times are integer ms since the epoch, UTC.
//  * Text columns are NOT NULL DEFAULT '' so "absent" has one spelling;
//    sampling columns are nullable: NULL means "use the preset".
//  * messages(conversation_id, id) serves both the per-conversation listing
//    and the ON DELETE CASCADE lookup, which otherwise scans the table
//    (https://sqlite.org/foreignkeys.html#fk_indexes).
//  * The partial index on streaming rows makes crash recovery at open touch
//    only those rows (https://sqlite.org/partialindex.html).
constexpr const char* kV1 = R"sql(
CREATE TABLE conversations (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  title             TEXT    NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  pinned            INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  model             TEXT    NOT NULL DEFAULT '',
  system_prompt     TEXT    NOT NULL DEFAULT '',
  temperature       REAL,
  top_k             INTEGER,
  top_p             REAL,
  min_p             REAL,
  repeat_penalty    REAL,
  presence_penalty  REAL,
  frequency_penalty REAL,
  max_tokens        INTEGER,
  context_length    INTEGER,
  thinking          INTEGER NOT NULL DEFAULT 1 CHECK (thinking IN (0, 1)),
  answer_language   TEXT    NOT NULL DEFAULT 'auto' CHECK (answer_language IN ('auto', 'en', 'es')),
  completion_mode   INTEGER NOT NULL DEFAULT 0 CHECK (completion_mode IN (0, 1))
);
CREATE INDEX conversations_by_order ON conversations (pinned DESC, updated_at DESC);

CREATE TABLE messages (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role              TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
  content           TEXT    NOT NULL DEFAULT '',
  reasoning         TEXT    NOT NULL DEFAULT '',
  thinking_ms       INTEGER,
  prompt_tokens     INTEGER,
  generated_tokens  INTEGER,
  tokens_per_second REAL,
  model             TEXT    NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  status            TEXT    NOT NULL DEFAULT 'complete'
                    CHECK (status IN ('complete', 'stopped', 'failed', 'streaming')),
  error             TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
)sql";

// v1 → v2: full-text search (https://sqlite.org/fts5.html).
//  * Ordinary FTS5 tables holding their own copy of the text, not
//    external-content ones: deleting by rowid then needs no old values, so a
//    trigger can never desynchronise the index
//    (https://sqlite.org/fts5.html#external_content_tables warns about that).
//  * unicode61 with remove_diacritics 2 folds case and accents, so "cancion"
//    finds "canción" (https://sqlite.org/fts5.html#unicode61_tokenizer).
//  * Streaming replies are indexed only once they end: the updates every
//    500 ms then skip the index entirely (the WHEN clause), and a reply is
//    indexed once, in its final form.
constexpr const char* kV2 = R"sql(
CREATE VIRTUAL TABLE conversation_fts USING fts5 (
  title, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE message_fts USING fts5 (
  content, reasoning, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO conversation_fts (rowid, title) SELECT id, title FROM conversations;
INSERT INTO message_fts (rowid, content, reasoning)
  SELECT id, content, reasoning FROM messages WHERE status <> 'streaming';

CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO conversation_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
  DELETE FROM conversation_fts WHERE rowid = old.id;
  INSERT INTO conversation_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
  DELETE FROM conversation_fts WHERE rowid = old.id;
END;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
WHEN new.status <> 'streaming' BEGIN
  INSERT INTO message_fts (rowid, content, reasoning) VALUES (new.id, new.content, new.reasoning);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, reasoning, status ON messages
WHEN old.status <> 'streaming' OR new.status <> 'streaming' BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
  INSERT INTO message_fts (rowid, content, reasoning)
    SELECT new.id, new.content, new.reasoning WHERE new.status <> 'streaming';
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
END;
)sql";

// v2 → v3: the writer of a streaming reply, the id of the ConversationStore
// that began it (writers.h), so that recovery at open stops only replies
// whose writer is gone and leaves another live store's reply alone. Only
// meaningful while the row is 'streaming'. Rows from before have '': no
// lock to ask, their writer was a Vela that recovered everything, and it
// is treated as gone. ADD COLUMN with a constant default rewrites no rows
// (https://sqlite.org/lang_altertable.html#altertabaddcol).
constexpr const char* kV3 = R"sql(
ALTER TABLE messages ADD COLUMN writer TEXT NOT NULL DEFAULT '';
)sql";

// kMigrations[n] takes version n to n + 1. A future migration that rebuilds
// a table must follow https://sqlite.org/lang_altertable.html#otheralter
// (foreign_keys can only be switched off outside a transaction).
constexpr std::array<const char*, kSchemaVersion> kMigrations = {kV1, kV2, kV3};

} // namespace

int schemaVersion(sql::Connection& db)
{
    return static_cast<int>(db.queryInt("PRAGMA user_version"));
}

int migrate(sql::Connection& db, int targetVersion, const BeforeMigration& before)
{
    const int found = schemaVersion(db);
    if (found > kSchemaVersion || found < 0)
        throw StorageError(ErrorKind::TooNew,
                           QStringLiteral("The database has schema version %1; this version of Vela "
                                          "understands up to %2. Update Vela to open it.")
                               .arg(found)
                               .arg(kSchemaVersion));
    if (targetVersion > kSchemaVersion)
        targetVersion = kSchemaVersion;

    for (int v = found; v < targetVersion; ++v) {
        if (before)
            before(v);
        sql::Transaction tx(db);
        // Another process may have migrated between our read and the write
        // lock (two Velas started at once); then there is nothing to do.
        const int now = schemaVersion(db);
        if (now != v) {
            if (now < v || now > kSchemaVersion)
                throw StorageError(ErrorKind::Internal,
                                   QStringLiteral("Schema version changed to %1 during migration").arg(now));
            v = now - 1;
            continue;
        }
        const std::string context = "Migrating the database from version " + std::to_string(v) +
                                    " to " + std::to_string(v + 1);
        db.exec(kMigrations[static_cast<std::size_t>(v)], context.c_str());
        // PRAGMA takes no parameters; the number is ours. user_version is
        // part of the transaction (it lives on page 1).
        const std::string bump = "PRAGMA user_version = " + std::to_string(v + 1);
        db.exec(bump.c_str(), context.c_str());
        tx.commit();
    }
    return found;
}

} // namespace vela::storage
