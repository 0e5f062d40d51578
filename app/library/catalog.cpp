#include "catalog.h"

#include "hub_endpoint.h"

#include "common/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vela::library {

namespace {

[[noreturn]] void bad(const QString& what)
{
    throw InvalidInput(("catalog: " + what).toStdString());
}

} // namespace

bool isSha256Hex(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return re.match(s).hasMatch();
}

QString CatalogEntry::goodForIn(const QString& language) const
{
    const QString text = goodFor.value(language);
    return text.isEmpty() ? goodFor.value(QStringLiteral("en")) : text;
}

Catalog Catalog::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        bad(QStringLiteral("cannot read '%1': %2").arg(path, f.errorString()));
    return parse(f.readAll());
}

Catalog Catalog::parse(const QByteArray& json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        bad(QStringLiteral("not JSON (%1 at offset %2)").arg(err.errorString()).arg(err.offset));
    const QJsonObject root = doc.object();
    if (root["version"].toInt() != 1)
        bad(QStringLiteral("unsupported version %1").arg(root["version"].toInt()));
    Catalog c;
    for (const QJsonValue& v : root["models"].toArray()) {
        const QJsonObject o = v.toObject();
        CatalogEntry e;
        e.id = o["id"].toString();
        e.name = o["name"].toString();
        e.fileName = o["file"].toString();
        e.url = QUrl(o["url"].toString(), QUrl::StrictMode);
        e.size = o["size"].isDouble() ? o["size"].toInteger() : -1;
        e.approxMegabytes = o["size_approx_mb"].toInteger();
        e.sha256 = o["sha256"].toString().toLower();
        e.license = o["license"].toString();
        const QJsonObject goodFor = o["good_for"].toObject();
        for (auto it = goodFor.begin(); it != goodFor.end(); ++it)
            e.goodFor[it.key()] = it.value().toString();
        const QString where = QStringLiteral("entry '%1': ").arg(e.id);
        if (e.id.isEmpty() || e.name.isEmpty())
            bad(QStringLiteral("an entry has no id or name"));
        // The file name becomes a path inside the library: no directories.
        if (!e.fileName.endsWith(QLatin1String(".gguf")) || e.fileName.contains(QLatin1Char('/')) ||
            e.fileName.startsWith(QLatin1Char('.')))
            bad(where + QStringLiteral("'file' must be a plain name ending in .gguf"));
        if (!isTrustedTransport(e.url))
            bad(where + QStringLiteral("'url' must be an https URL"));
        if (!e.sha256.isEmpty() && !isSha256Hex(e.sha256))
            bad(where + QStringLiteral("'sha256' must be 64 hexadecimal digits or null"));
        if (c.find(e.id))
            bad(where + QStringLiteral("duplicate id"));
        c.entries_.append(std::move(e));
    }
    return c;
}

const CatalogEntry* Catalog::find(const QString& idOrFile) const
{
    for (const auto& e : entries_)
        if (e.id == idOrFile || e.fileName == idOrFile)
            return &e;
    return nullptr;
}

} // namespace vela::library
