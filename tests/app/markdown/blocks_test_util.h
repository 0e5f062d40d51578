// Test helpers for vela_markdown's blocks: readable QCOMPARE failures and
// short constructors for expected blocks.
#pragma once

#include "markdown/blocks.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <vector>

using Blocks = std::vector<vela::markdown::Block>;

namespace vela::markdown {

// Readable QCOMPARE failures.
inline char* toString(const Block& b)
{
    QString s = b.kind == Block::Kind::Code ? QStringLiteral("Code") : QStringLiteral("Prose");
    if (b.kind == Block::Kind::Code)
        s += QStringLiteral("[%1%2%3]").arg(b.fence, b.language, b.closed ? QString() : QStringLiteral(", open"));
    s += QStringLiteral("(\"%1\")").arg(QString(b.text).replace(u'\n', QStringLiteral("\\n")));
    return qstrdup(s.toUtf8().constData());
}

inline char* toString(const std::vector<Block>& blocks)
{
    QByteArray s = "{";
    for (const Block& b : blocks) {
        char* one = toString(b);
        s += QByteArray(s.size() > 1 ? ", " : "") + one;
        delete[] one;
    }
    return qstrdup((s + "}").constData());
}

} // namespace vela::markdown

Q_DECLARE_METATYPE(Blocks)

namespace blocks_test {

using vela::markdown::Block;

inline Block P(const QString& text) { return Block{Block::Kind::Prose, text, QString(), true, QString()}; }
inline Block C(const QString& text, const QString& language = QString(), bool closed = true,
               const QString& fence = QStringLiteral("```"))
{
    return Block{Block::Kind::Code, text, language, closed, fence};
}
// A code block opened by `fence`.
inline Block F(const QString& fence, const QString& text, bool closed = true)
{
    return C(text, QString(), closed, fence);
}

} // namespace blocks_test
