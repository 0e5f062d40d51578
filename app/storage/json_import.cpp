// Reading the JSON export back, validating every field before anything is
// stored: an import file is user input and may be hand-edited or truncated.
#include "storage/export.h"

#include "storage/error.h"
#include "storage/sampling_slots.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace vela::storage {

namespace {

[[noreturn]] void bad(const QString& where, const QString& what)
{
    throw StorageError(ErrorKind::InvalidImport,
                       QStringLiteral("Not a valid Vela export: %1%2").arg(where.isEmpty() ? QString() : where + QStringLiteral(": "), what));
}

// Field access with the JSON path in every error.
class Object {
public:
    Object(const QJsonValue& v, QString path) : path_(std::move(path))
    {
        if (!v.isObject())
            bad(path_, QStringLiteral("expected an object"));
        o_ = v.toObject();
    }

    const QString& path() const { return path_; }
    QString at(const char* key) const { return path_.isEmpty() ? QLatin1String(key) : path_ + QLatin1Char('.') + QLatin1String(key); }
    QJsonValue value(const char* key) const { return o_.value(QLatin1String(key)); }
    bool has(const char* key) const { return o_.contains(QLatin1String(key)); }

    QString string(const char* key, bool required) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString())
            bad(at(key), QStringLiteral("expected a string"));
        return v.toString();
    }

    bool boolean(const char* key, bool fallback) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            bad(at(key), QStringLiteral("expected true or false"));
        return v.toBool();
    }

    std::optional<double> real(const char* key) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            bad(at(key), QStringLiteral("expected a number or null"));
        return v.toDouble();
    }

    std::optional<std::int64_t> integer(const char* key) const
    {
        const auto d = real(key);
        if (!d)
            return std::nullopt;
        // JSON numbers are doubles: beyond 2^53 they are no longer exact.
        if (*d != std::floor(*d) || std::fabs(*d) > 9007199254740992.0)
            bad(at(key), QStringLiteral("expected a whole number"));
        return static_cast<std::int64_t>(*d);
    }

    std::optional<std::int64_t> count(const char* key) const
    {
        const auto n = integer(key);
        if (n && *n < 0)
            bad(at(key), QStringLiteral("must not be negative"));
        return n;
    }

    QDateTime time(const char* key) const
    {
        const QDateTime t = QDateTime::fromString(string(key, true), Qt::ISODateWithMs);
        if (!t.isValid())
            bad(at(key), QStringLiteral("expected an ISO 8601 date and time"));
        return t.toUTC();
    }

    QJsonArray array(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isArray())
            bad(at(key), QStringLiteral("expected an array"));
        return v.toArray();
    }

private:
    QJsonObject o_;
    QString path_;
};

ConversationSettings readSettings(const Object& o)
{
    ConversationSettings s;
    s.model = o.string("model", false);
    s.systemPrompt = o.string("system_prompt", false);
    // Each sampling setting within the sampler's range (sampling/fields.h),
    // the error naming the key.
    for (const sampling::Field& f : sampling::fields()) {
        const std::string key(f.key);
        std::optional<double> v;
        if (f.kind == sampling::FieldKind::Integer) {
            if (const auto n = o.integer(key.c_str()))
                v = double(*n);
        } else {
            v = o.real(key.c_str());
        }
        if (v)
            if (const auto e = sampling::valueError(f, *v))
                bad(o.at(key.c_str()), QString::fromStdString(*e));
        setFieldValue(s.sampling, f, v);
    }
    s.thinking = o.boolean("thinking", true);
    if (o.has("answer_language")) {
        const auto lang = parseLanguage(o.string("answer_language", true));
        if (!lang)
            bad(o.at("answer_language"), QStringLiteral("expected \"auto\", \"en\" or \"es\""));
        s.answerLanguage = *lang;
    }
    s.completionMode = o.boolean("completion_mode", false);
    return s;
}

Message readMessage(const Object& o)
{
    Message m;
    const auto role = parseStoredRole(o.string("role", true));
    if (!role)
        bad(o.at("role"), QStringLiteral("expected \"user\", \"assistant\" or \"system\""));
    m.role = *role;
    m.content = o.string("content", true);
    m.reasoning = o.string("reasoning", false);
    m.thinkingMs = o.count("thinking_ms");
    m.promptTokens = o.count("prompt_tokens");
    m.generatedTokens = o.count("generated_tokens");
    m.tokensPerSecond = o.real("tokens_per_second");
    if (m.tokensPerSecond && *m.tokensPerSecond < 0)
        bad(o.at("tokens_per_second"), QStringLiteral("must not be negative"));
    m.model = o.string("model", false);
    m.createdAt = o.time("created_at");
    if (o.has("status")) {
        const auto status = parseStatus(o.string("status", true));
        if (!status)
            bad(o.at("status"), QStringLiteral("expected \"complete\", \"stopped\", \"failed\" or \"streaming\""));
        m.status = *status;
    }
    m.error = o.string("error", false);
    return m;
}

} // namespace

std::vector<ConversationSnapshot> fromJson(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        bad({}, QStringLiteral("%1 at byte %2").arg(error.errorString()).arg(error.offset));
    const Object root(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(), QString());
    if (root.value("format").toString() != QLatin1String(kExportFormat))
        bad(QStringLiteral("format"), QStringLiteral("expected \"%1\"").arg(QLatin1String(kExportFormat)));
    const auto version = root.integer("version");
    if (!version || *version < 1)
        bad(QStringLiteral("version"), QStringLiteral("expected a positive whole number"));
    if (*version > kExportVersion)
        bad(QStringLiteral("version"), QStringLiteral("version %1 was written by a newer Vela; this one reads up to %2")
                                           .arg(*version)
                                           .arg(kExportVersion));

    std::vector<ConversationSnapshot> out;
    const QJsonArray conversations = root.array("conversations");
    for (qsizetype i = 0; i < conversations.size(); ++i) {
        const Object c(conversations[i], QStringLiteral("conversations[%1]").arg(i));
        ConversationSnapshot snap;
        snap.conversation.title = c.string("title", true);
        snap.conversation.createdAt = c.time("created_at");
        snap.conversation.updatedAt = c.time("updated_at");
        snap.conversation.pinned = c.boolean("pinned", false);
        if (c.has("settings"))
            snap.conversation.settings = readSettings(Object(c.value("settings"), c.at("settings")));
        const QJsonArray messages = c.array("messages");
        for (qsizetype j = 0; j < messages.size(); ++j)
            snap.messages.push_back(readMessage(Object(messages[j], c.at("messages") + QStringLiteral("[%1]").arg(j))));
        out.push_back(std::move(snap));
    }
    return out;
}

} // namespace vela::storage
