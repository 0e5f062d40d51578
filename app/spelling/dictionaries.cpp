#include "dictionaries.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace vela::spelling {

namespace {

DictionaryFiles filesFor(const QString& dir, const QString& locale)
{
    const QString base = QDir(dir).filePath(locale);
    const QString aff = base + QStringLiteral(".aff");
    const QString dic = base + QStringLiteral(".dic");
    if (QFileInfo(aff).isReadable() && QFileInfo(dic).isReadable())
        return {locale, aff, dic};
    return {};
}

QString preferredLocale(const QString& language)
{
    if (language == QStringLiteral("en"))
        return QStringLiteral("en_US");
    if (language == QStringLiteral("es"))
        return QStringLiteral("es_ES");
    return language;
}

// Encoding names compared as Hunspell writes them and as people do
// (ISO8859-1, ISO-8859-1, utf8): case and punctuation aside.
QByteArray normalized(const QByteArray& name)
{
    QByteArray out;
    for (char c : name) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += char(c - 'A' + 'a');
    }
    return out;
}

} // namespace

QStringList defaultDictionaryDirs()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("DICPATH");
    for (const QString& d : env.split(u':', Qt::SkipEmptyParts))
        dirs << d;
    dirs << QStringLiteral("/usr/local/share/hunspell") << QStringLiteral("/usr/share/hunspell")
         << QStringLiteral("/usr/share/myspell") << QStringLiteral("/usr/share/myspell/dicts");
    return dirs;
}

DictionaryFiles findDictionary(const QString& language, const QStringList& dirs)
{
    const QString preferred = preferredLocale(language);
    for (const QString& dir : dirs) {
        if (auto f = filesFor(dir, preferred); f.isValid())
            return f;
    }
    // Another variant of the language: a Mexican Spanish dictionary beats none.
    for (const QString& dir : dirs) {
        const QStringList affs = QDir(dir).entryList({language + QStringLiteral("_*.aff")}, QDir::Files,
                                                     QDir::Name);
        for (const QString& aff : affs) {
            if (auto f = filesFor(dir, aff.chopped(4)); f.isValid())
                return f;
        }
        if (auto f = filesFor(dir, language); f.isValid())
            return f;
    }
    return {};
}

QByteArray affEncoding(const QString& affPath)
{
    QFile f(affPath);
    if (f.open(QIODevice::ReadOnly)) {
        // SET comes first in practice; a few hundred lines is plenty.
        for (int i = 0; i < 500 && !f.atEnd(); ++i) {
            const QByteArray line = f.readLine().trimmed();
            if (line.startsWith("SET ") || line.startsWith("SET\t"))
                return line.mid(4).trimmed();
        }
    }
    return QByteArrayLiteral("ISO8859-1");
}

WordCodec::WordCodec(const QByteArray& encodingName) : name_(normalized(encodingName))
{
    if (name_ == "utf8" || name_ == "iso88591" || name_ == "latin1") {
        valid_ = true;
        return;
    }
    // Other 8-bit sets (ISO8859-15, KOI8-R…) where Qt can convert them.
    name_ = encodingName;
    valid_ = QStringEncoder(name_.constData()).isValid();
}

bool WordCodec::encode(const QString& word, std::string& bytes) const
{
    // Typographic apostrophes arrive from other apps; dictionaries spell
    // "don't" with the ASCII one.
    QString w = word;
    w.replace(QChar(0x2019), u'\'');
    if (name_ == "utf8") {
        const QByteArray b = w.toUtf8();
        bytes.assign(b.constData(), size_t(b.size()));
        return true;
    }
    if (name_ == "iso88591" || name_ == "latin1") {
        for (QChar c : w) {
            if (c.unicode() > 0xff)
                return false;
        }
        const QByteArray b = w.toLatin1();
        bytes.assign(b.constData(), size_t(b.size()));
        return true;
    }
    QStringEncoder encoder(name_.constData());
    const QByteArray b = encoder.encode(w);
    if (encoder.hasError())
        return false;
    bytes.assign(b.constData(), size_t(b.size()));
    return true;
}

QString WordCodec::decode(const std::string& bytes) const
{
    const QByteArrayView view(bytes.data(), qsizetype(bytes.size()));
    if (name_ == "utf8")
        return QString::fromUtf8(view);
    if (name_ == "iso88591" || name_ == "latin1")
        return QString::fromLatin1(view);
    QStringDecoder decoder(name_.constData());
    return decoder.decode(view);
}

} // namespace vela::spelling
