// Helpers shared by the vela_storage tests.
#pragma once

#include "storage/conversation_store.h"
#include "storage/sqlite.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>

namespace vela::storage::test {

// A clock that starts at a fixed instant and moves 1 s per reading, so
// every created/updated time differs and orderings are deterministic.
inline StoreOptions steppingClock(std::int64_t startMs = 1'700'000'000'000)
{
    auto t = std::make_shared<std::int64_t>(startMs);
    StoreOptions o;
    o.clock = [t] { return *t += 1000; };
    return o;
}

inline Message textMessage(Role role, const QString& content, const QString& reasoning = {})
{
    Message m;
    m.role = role;
    m.content = content;
    m.reasoning = reasoning;
    return m;
}

inline QString dbPath(const QString& dir) { return QDir(dir).filePath(QLatin1String(ConversationStore::kFileName)); }

// A direct connection to a store's file, for looking behind the API.
inline sql::Connection rawConnection(const QString& dir) { return sql::Connection(dbPath(dir), false); }

inline std::int64_t rawCount(const QString& dir, const char* query)
{
    auto c = rawConnection(dir);
    return c.queryInt(query);
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace vela::storage::test

// QVERIFY_THROWS_EXCEPTION with a check of the kind.
#define VELA_EXPECT_STORAGE_ERROR(expr, expectedKind)                                              \
    do {                                                                                           \
        bool thrown_ = false;                                                                      \
        try {                                                                                      \
            (void)(expr);                                                                          \
        } catch (const vela::storage::StorageError& e_) {                                          \
            thrown_ = true;                                                                        \
            if (e_.kind() != (expectedKind))                                                       \
                QFAIL(qPrintable(QStringLiteral("wrong error kind %1: %2")                         \
                                     .arg(QLatin1String(vela::storage::errorKindName(e_.kind())),  \
                                          QString::fromUtf8(e_.what()))));                         \
        }                                                                                          \
        if (!thrown_)                                                                              \
            QFAIL("expected a StorageError from " #expr);                                          \
    } while (false)
