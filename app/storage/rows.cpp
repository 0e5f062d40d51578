#include "storage/rows.h"

namespace vela::storage::rows {

QDateTime toDateTime(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

std::int64_t toMs(const QDateTime& t) { return t.toMSecsSinceEpoch(); }

Conversation fromConversation(const sql::Statement& s)
{
    Conversation c;
    c.id = s.int64(0);
    c.title = s.text(1);
    c.createdAt = toDateTime(s.int64(2));
    c.updatedAt = toDateTime(s.int64(3));
    c.pinned = s.int64(4) != 0;
    c.settings.model = s.text(5);
    c.settings.systemPrompt = s.text(6);
    auto& p = c.settings.sampling;
    p.temperature = s.optionalReal(7);
    p.topK = s.optionalInt64(8);
    p.topP = s.optionalReal(9);
    p.minP = s.optionalReal(10);
    p.repeatPenalty = s.optionalReal(11);
    p.presencePenalty = s.optionalReal(12);
    p.frequencyPenalty = s.optionalReal(13);
    p.maxTokens = s.optionalInt64(14);
    p.contextLength = s.optionalInt64(15);
    c.settings.thinking = s.int64(16) != 0;
    // The CHECK constraint admits only known codes; Auto is the safe reading.
    c.settings.answerLanguage = parseLanguage(s.text(17)).value_or(AnswerLanguage::Auto);
    c.settings.completionMode = s.int64(18) != 0;
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
    const auto& p = settings.sampling;
    s.bind(first, settings.model)
        .bind(first + 1, settings.systemPrompt)
        .bind(first + 2, p.temperature)
        .bind(first + 3, p.topK)
        .bind(first + 4, p.topP)
        .bind(first + 5, p.minP)
        .bind(first + 6, p.repeatPenalty)
        .bind(first + 7, p.presencePenalty)
        .bind(first + 8, p.frequencyPenalty)
        .bind(first + 9, p.maxTokens)
        .bind(first + 10, p.contextLength)
        .bind(first + 11, settings.thinking)
        .bind(first + 12, languageCode(settings.answerLanguage))
        .bind(first + 13, settings.completionMode);
}

} // namespace vela::storage::rows
