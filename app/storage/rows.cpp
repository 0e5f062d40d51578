#include "storage/rows.h"

#include "storage/sampling_slots.h"

namespace vela::storage::rows {

namespace {

// The kFirstSettingsColumn columns of the conversations table before its settings.
constexpr const char* kConversationHead = "id, title, created_at, updated_at, pinned";

} // namespace

QDateTime toDateTime(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

std::int64_t toMs(const QDateTime& t) { return t.toMSecsSinceEpoch(); }

const std::vector<std::string>& settingsColumns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> c{"model", "system_prompt"};
        for (const sampling::Field& f : sampling::fields())
            c.emplace_back(f.key);
        c.insert(c.end(), {"thinking", "answer_language", "completion_mode"});
        return c;
    }();
    return columns;
}

const std::string& conversationColumns()
{
    static const std::string list = [] {
        std::string l = kConversationHead;
        for (const std::string& c : settingsColumns())
            l += ", " + c;
        return l;
    }();
    return list;
}

Conversation fromConversation(const sql::Statement& s)
{
    Conversation c;
    c.id = s.int64(0);
    c.title = s.text(1);
    c.createdAt = toDateTime(s.int64(2));
    c.updatedAt = toDateTime(s.int64(3));
    c.pinned = s.int64(4) != 0;
    int col = kFirstSettingsColumn;
    c.settings.model = s.text(col++);
    c.settings.systemPrompt = s.text(col++);
    for (const sampling::Field& f : sampling::fields()) {
        const int at = col++;
        if (f.kind == sampling::FieldKind::Integer) {
            const auto n = s.optionalInt64(at);
            setFieldValue(c.settings.sampling, f, n ? std::optional<double>(double(*n)) : std::nullopt);
        } else {
            setFieldValue(c.settings.sampling, f, s.optionalReal(at));
        }
    }
    c.settings.thinking = s.int64(col++) != 0;
    // The CHECK constraint admits only known codes; Auto is the safe reading.
    c.settings.answerLanguage = parseLanguage(s.text(col++)).value_or(AnswerLanguage::Auto);
    c.settings.completionMode = s.int64(col++) != 0;
    return c;
}

Message fromMessage(const sql::Statement& s)
{
    Message m;
    m.id = s.int64(0);
    m.conversationId = s.int64(1);
    m.role = parseStoredRole(s.text(2)).value_or(Role::User);
    m.content = s.text(3);
    m.reasoning = s.text(4);
    m.thinkingMs = s.optionalInt64(5);
    m.promptTokens = s.optionalInt64(6);
    m.generatedTokens = s.optionalInt64(7);
    m.tokensPerSecond = s.optionalReal(8);
    m.model = s.text(9);
    m.createdAt = toDateTime(s.int64(10));
    m.status = parseStatus(s.text(11)).value_or(MessageStatus::Complete);
    m.error = s.text(12);
    return m;
}

void bindSettings(sql::Statement& s, int first, const ConversationSettings& settings)
{
    s.bind(first, settings.model).bind(first + 1, settings.systemPrompt);
    int at = first + 2;
    for (const sampling::Field& f : sampling::fields()) {
        const std::optional<double> v = fieldValue(settings.sampling, f);
        // Integer fields stay INTEGER in SQLite (and in the export).
        if (v && f.kind == sampling::FieldKind::Integer)
            s.bind(at++, std::int64_t(*v));
        else
            s.bind(at++, v);
    }
    s.bind(at, settings.thinking).bind(at + 1, languageCode(settings.answerLanguage)).bind(at + 2, settings.completionMode);
}

} // namespace vela::storage::rows
