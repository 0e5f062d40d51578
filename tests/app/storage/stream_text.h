// The deterministic text storage_stream_writer streams, shared with the
// test that kills it, so the test knows what every prefix must look like.
#pragma once

#include <QString>
#include <QStringList>

namespace vela::storage::test {

inline constexpr int kStreamWords = 80; // words per reply

// Word i of the reply in round r: multi-byte UTF-8 on purpose, so a torn
// write would show as broken text, not just a shorter string.
inline QString streamWord(int round, int i)
{
    static const QStringList words = {
        QStringLiteral("señal"), QStringLiteral("rápido"), QStringLiteral("🚀"),   QStringLiteral("naïve"),
        QStringLiteral("token"), QStringLiteral("año"),    QStringLiteral("zeta"), QStringLiteral("über"),
        QStringLiteral("中文"),  QStringLiteral("café"),   QStringLiteral("x"),
    };
    return words[(i * 7 + round * 3) % words.size()] + QString::number(i);
}

// The first `count` words of round r's reply, each followed by a space.
inline QString streamText(int round, int count)
{
    QString s;
    for (int i = 0; i < count; ++i)
        s += streamWord(round, i) + QLatin1Char(' ');
    return s;
}

inline QString streamReasoning(int round, int count) { return QStringLiteral("thinking ") + streamText(round + 100, count / 2); }

inline QString userQuestion(const QString& tag, int round) { return QStringLiteral("question %1-%2").arg(tag).arg(round); }

} // namespace vela::storage::test
