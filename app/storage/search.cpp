// ConversationStore: full-text search over titles, contents and reasoning.
#include "storage/conversation_store.h"
#include "storage/rows.h"
#include "storage/search_query.h"

#include <algorithm>

namespace vela::storage {

namespace {

// Both FTS5 tables matched with the same expression, merged newest first.
// snippet(table, column, open, close, ellipsis, tokens) returns the best
// fragment of that column with each matched term wrapped in the markers
// (https://sqlite.org/fts5.html#the_snippet_function). For a message we ask
// for both columns and report the one that matched: the in_content column
// takes a short snippet of the content with our own markers and checks
// whether any term was highlighted there.
constexpr const char* kSearch = R"sql(
SELECT c.id AS conversation_id, NULL AS message_id, c.title AS title, 1 AS in_content,
       snippet(conversation_fts, 0, ?2, ?3, ?4, ?5) AS snippet, NULL AS snippet2,
       c.updated_at AS time
  FROM conversation_fts JOIN conversations c ON c.id = conversation_fts.rowid
 WHERE conversation_fts MATCH ?1
UNION ALL
SELECT m.conversation_id, m.id, c.title,
       instr(snippet(message_fts, 0, char(1), char(2), '', 8), char(1)) > 0,
       snippet(message_fts, 0, ?2, ?3, ?4, ?5), snippet(message_fts, 1, ?2, ?3, ?4, ?5),
       m.created_at
  FROM message_fts JOIN messages m ON m.id = message_fts.rowid
                   JOIN conversations c ON c.id = m.conversation_id
 WHERE message_fts MATCH ?1
ORDER BY time DESC, message_id DESC
LIMIT ?6
)sql";

} // namespace

std::vector<SearchHit> ConversationStore::search(const QString& query, const SearchOptions& options)
{
    const QString match = toFtsQuery(query);
    if (match.isEmpty())
        return {};
    auto s = db_.cached(kSearch);
    s->bind(1, match)
        .bind(2, options.openMarker)
        .bind(3, options.closeMarker)
        .bind(4, options.ellipsis)
        .bind(5, std::clamp(options.snippetTokens, 1, 64))
        .bind(6, std::max(options.limit, 1));
    std::vector<SearchHit> hits;
    while (s->step()) {
        SearchHit h;
        h.conversationId = s->int64(0);
        h.messageId = s->optionalInt64(1);
        h.conversationTitle = s->text(2);
        const bool inContent = s->int64(3) != 0;
        if (!h.messageId) {
            h.field = MatchField::Title;
            h.snippet = s->text(4);
        } else if (inContent) {
            h.field = MatchField::Content;
            h.snippet = s->text(4);
        } else {
            h.field = MatchField::Reasoning;
            h.snippet = s->text(5);
        }
        h.time = rows::toDateTime(s->int64(6));
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace vela::storage
