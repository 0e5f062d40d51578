#include "storage/search_query.h"

#include <QStringList>

namespace vela::storage {

namespace {

// A long paste should not turn into a query that takes seconds.
constexpr int kMaxTerms = 32;

bool searchable(const QString& term)
{
    // unicode61 splits on everything but letters, numbers (and a few marks),
    // so a term without any is an empty phrase: drop it.
    for (QChar c : term)
        if (c.isLetterOrNumber())
            return true;
    return false;
}

QString quoted(QString term)
{
    term.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + term + QLatin1Char('"');
}

} // namespace

QString toFtsQuery(const QString& rawInput)
{
    // Control characters become spaces: FTS5 reads the query as a C string,
    // so a NUL would cut it inside a quoted string (a syntax error), and the
    // others are never part of a word anyway.
    QString userInput = rawInput;
    for (QChar& c : userInput)
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');

    struct Term {
        QString text;
        bool phrase;
    };
    QList<Term> terms;
    const qsizetype n = userInput.size();
    qsizetype i = 0;
    while (i < n && terms.size() < kMaxTerms) {
        if (userInput[i].isSpace()) {
            ++i;
            continue;
        }
        if (userInput[i] == QLatin1Char('"')) {
            const qsizetype close = userInput.indexOf(QLatin1Char('"'), i + 1);
            if (close > i) {
                terms.push_back({userInput.mid(i + 1, close - i - 1), true});
                i = close + 1;
                continue;
            }
            // An unpaired quote is just a character of the word.
        }
        qsizetype end = i;
        while (end < n && !userInput[end].isSpace())
            ++end;
        terms.push_back({userInput.mid(i, end - i), false});
        i = end;
    }

    QStringList parts;
    for (const Term& t : terms)
        if (searchable(t.text))
            parts.push_back(quoted(t.text));
    if (parts.isEmpty())
        return {};
    const bool lastIsBareWord = !terms.isEmpty() && !terms.back().phrase && searchable(terms.back().text);
    if (lastIsBareWord && !userInput.back().isSpace())
        parts.back() += QLatin1Char('*');
    return parts.join(QLatin1Char(' '));
}

} // namespace vela::storage
