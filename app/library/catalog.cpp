#include "catalog.h"

#include "hub_endpoint.h"

#include "common/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>
#include <utility>

namespace vela::library {

namespace {

[[noreturn]] void bad(const QString& what)
{
    throw InvalidInput(("catalog: " + what).toStdString());
}

constexpr std::array<std::pair<CatalogKind, const char*>, 3> kKinds{{
    {CatalogKind::Chat, "chat"},
    {CatalogKind::Base, "base"},
    {CatalogKind::Embedding, "embedding"},
}};

// A string field that may be null or absent; anything else is an error.
QString optionalString(const QJsonObject& o, const char* field, const QString& where)
{
    const QJsonValue v = o[QLatin1String(field)];
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isString())
        bad(where + QStringLiteral("'%1' must be a string or null").arg(QLatin1String(field)));
    return v.toString();
}

CatalogEntry parseEntry(const QJsonObject& o)
{
    CatalogEntry e;
    e.id = o["id"].toString();
    e.name = o["name"].toString();
    if (e.id.isEmpty() || e.name.isEmpty())
        bad(QStringLiteral("an entry has no id or name"));
    const QString where = QStringLiteral("entry '%1': ").arg(e.id);
    if (o.contains(QLatin1String("url")))
        bad(where + QStringLiteral("'url' is not part of version 2: the URL is built from 'repo', 'revision' "
                                   "and 'file'"));

    const QString kind = o["kind"].toString();
    bool known = false;
    for (const auto& [k, name] : kKinds)
        if (kind == QLatin1String(name)) {
            e.kind = k;
            known = true;
        }
    if (!known)
        bad(where + QStringLiteral("'kind' must be \"chat\", \"base\" or \"embedding\""));

    e.repo = o["repo"].toString();
    if (!isRepoId(e.repo))
        bad(where + QStringLiteral("'repo' must be a Hugging Face repository \"OWNER/NAME\""));
    e.revision = optionalString(o, "revision", where);
    if (!e.revision.isEmpty() && !isCommitId(e.revision))
        bad(where + QStringLiteral("'revision' must be a full commit id (40 lower-case hexadecimal digits) or null"));

    e.fileName = o["file"].toString();
    // The file name becomes a path inside the library: no directories.
    if (!e.fileName.endsWith(QLatin1String(".gguf")) || e.fileName.contains(QLatin1Char('/')) ||
        e.fileName.contains(QLatin1Char('\\')) || e.fileName.startsWith(QLatin1Char('.')))
        bad(where + QStringLiteral("'file' must be a plain name ending in .gguf"));

    const QJsonValue size = o["size"];
    if (size.isDouble() && size.toInteger(-1) > 0 && double(size.toInteger()) == size.toDouble())
        e.size = size.toInteger();
    else if (!size.isNull() && !size.isUndefined())
        bad(where + QStringLiteral("'size' must be a positive number of bytes or null"));
    e.approxMegabytes = o["size_approx_mb"].toInteger();
    if (e.size < 0 && e.approxMegabytes <= 0)
        bad(where + QStringLiteral("'size_approx_mb' is required when 'size' is null"));

    e.sha256 = optionalString(o, "sha256", where).toLower();
    if (!e.sha256.isEmpty() && !isSha256Hex(e.sha256))
        bad(where + QStringLiteral("'sha256' must be 64 hexadecimal digits or null"));

    e.license = o["license"].toString();
    const QJsonObject goodFor = o["good_for"].toObject();
    for (auto it = goodFor.begin(); it != goodFor.end(); ++it)
        e.goodFor[it.key()] = it.value().toString();
    return e;
}

} // namespace

QString catalogKindName(CatalogKind kind)
{
    for (const auto& [k, name] : kKinds)
        if (k == kind)
            return QString::fromLatin1(name);
    return {};
}

bool isSha256Hex(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return re.match(s).hasMatch();
}

QUrl CatalogEntry::fileUrl(const QUrl& endpoint) const
{
    return revision.isEmpty() ? QUrl() : hubFileUrl(endpoint, repo, revision, fileName);
}

DownloadRequest CatalogEntry::downloadRequest(const QUrl& endpoint) const
{
    DownloadRequest r;
    r.url = fileUrl(endpoint);
    r.fileName = fileName;
    r.sha256 = sha256;
    r.expectedSize = size;
    r.catalogId = id;
    r.repo = repo;
    r.revision = revision;
    return r;
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
    const int version = root["version"].toInt();
    if (version == 1)
        bad(QStringLiteral("version 1 is no longer read (its entries name a URL, often a branch that can change); "
                           "version %1 names each file's repository, commit, size and SHA-256")
                .arg(kVersion));
    if (version != kVersion)
        bad(QStringLiteral("unsupported version %1 (this Vela reads version %2)").arg(version).arg(kVersion));
    Catalog c;
    for (const QJsonValue& v : root["models"].toArray()) {
        CatalogEntry e = parseEntry(v.toObject());
        if (c.find(e.id))
            bad(QStringLiteral("entry '%1': duplicate id").arg(e.id));
        if (c.find(e.fileName))
            bad(QStringLiteral("entry '%1': duplicate file '%2'").arg(e.id, e.fileName));
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
