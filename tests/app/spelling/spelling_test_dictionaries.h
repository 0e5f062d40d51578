// Small Hunspell dictionaries written by the tests, so that both encodings
// (UTF-8 and ISO8859-1) are covered whatever the system has installed.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringConverter>

#include "spelling/dictionaries.h"

namespace vela::spelling::test {

// Writes <dir>/<locale>.aff and .dic with the given words in the encoding
// ("UTF-8" or "ISO8859-1"); TRY lists the letters suggestions may swap in.
inline bool writeDictionary(const QString& dir, const QString& locale, const QByteArray& encoding,
                            const QStringList& words)
{
    const bool latin1 = encoding == "ISO8859-1";
    auto encode = [latin1](const QString& s) { return latin1 ? s.toLatin1() : s.toUtf8(); };
    QFile aff(QDir(dir).filePath(locale + QStringLiteral(".aff")));
    QFile dic(QDir(dir).filePath(locale + QStringLiteral(".dic")));
    if (!aff.open(QIODevice::WriteOnly) || !dic.open(QIODevice::WriteOnly))
        return false;
    aff.write("SET " + encoding + "\n");
    aff.write("TRY " + encode(QStringLiteral("aeioóuníñcsrtl")) + "\n");
    dic.write(QByteArray::number(words.size()) + "\n");
    for (const QString& w : words)
        dic.write(encode(w) + "\n");
    return true;
}

inline bool systemHas(const QString& language)
{
    return findDictionary(language).isValid();
}

} // namespace vela::spelling::test
