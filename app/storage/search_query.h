// Turning what a user types into the search box into a safe FTS5 query.
//
// FTS5 has its own query language (https://sqlite.org/fts5.html#full_text_query_syntax):
// AND/OR/NOT/NEAR, parentheses, column filters, '*', '^', and bare words may
// contain only some characters, so raw input like `foo"` or `AND (` is a
// syntax error. We never pass user text through as syntax: every word becomes
// a double-quoted string (with " doubled, the FTS5 escape), and the strings
// are joined by spaces, which FTS5 reads as AND. Text between a pair of
// double quotes stays one phrase. The last bare word gets a trailing '*' for
// prefix matching ("canc" finds "canción") unless the input ends in a space.
#pragma once

#include <QString>

namespace vela::storage {

// The FTS5 MATCH expression, or an empty string when the input holds nothing
// searchable (only spaces or punctuation): the caller then returns no hits.
QString toFtsQuery(const QString& userInput);

} // namespace vela::storage
