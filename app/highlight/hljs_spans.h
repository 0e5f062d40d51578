// highlight.js's HTML output turned into spans of the original code, and
// highlight.js's scope classes folded into the few token kinds the theme
// colours (Theme.qml: codeKeyword, codeString, …).
//
// The shape parsed is what highlight.js 9.18.5 (Debian's libjs-highlight.js)
// returns in `result.value` from hljs.highlight()/highlightAuto() with the
// default options (no tabReplace, no useBR):
//   * text escaped by its escape(): only & < > become &amp; &lt; &gt;
//     (quotes are left as they are); nothing else is changed;
//   * `<span class="hljs-SCOPE">…</span>`, nested (a function's span holds
//     its keyword's and title's), SCOPE one name such as "keyword" or
//     "meta-string";
//   * `<span class="LANGUAGE">…</span>` without the prefix around a
//     sub-language's part (JavaScript inside HTML): not a scope.
// The parser accepts a little more than that (any numeric or the five XML
// entities, several classes in one attribute) and refuses anything else, and
// the decoded text must equal the code: a parse that does not reproduce it
// exactly is reported as failed, so the caller shows the code plain rather
// than shifted colours.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace vela::highlight {

// What the theme colours; Plain is the code's ordinary text colour.
enum class TokenKind {
    Plain,
    Keyword,
    String,
    Comment,
    Number,
    Title,   // function, class and section names
    Type,
    Builtin, // built-in names and literals (true, None, nullptr)
    Meta,    // preprocessor lines, attributes, annotations, variables in templates
};
inline constexpr int kTokenKindCount = int(TokenKind::Meta) + 1;

// "keyword", "string", …, "plain": the kind's name (also the QML-side key).
QString tokenKindName(TokenKind kind);

// The kind a highlight.js scope (without the "hljs-" prefix: "keyword",
// "meta-string", "built_in") is shown as; unknown and container scopes
// ("function", "params", "tag", "subst") are Plain.
TokenKind tokenKindForScope(QStringView scope);

// One run of the code: code.mid(start, length) is drawn as `kind`. `scope` is
// the innermost highlight.js scope around it ("" outside any).
struct Span {
    qsizetype start = 0;
    qsizetype length = 0;
    TokenKind kind = TokenKind::Plain;
    QString scope;

    friend bool operator==(const Span&, const Span&) = default;
};

// Spans that cover `code` exactly once, in order, adjacent runs of the same
// scope merged; empty code gives no spans. nullopt when `html` is not the
// shape above or does not decode to `code`.
std::optional<QList<Span>> spansFromHljsHtml(QStringView html, QStringView code);

// The whole code as one plain span (none when it is empty).
QList<Span> plainSpans(QStringView code);

} // namespace vela::highlight
