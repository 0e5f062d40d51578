#include "highlight/hljs_spans.h"

#include <array>
#include <utility>

namespace vela::highlight {

namespace {

// highlight.js 9.18.5's scopes (its docs' "CSS classes reference", and the
// classNames and keyword groups its languages use) by the kind the theme
// gives them. Scopes left out are containers whose inner
// spans carry the colour ("function", "class", "params", "tag", "subst":
// a template string's ${…} is code again, so it must not stay a string's
// colour) or markup styles a code block does not colour.
constexpr std::pair<const char16_t*, TokenKind> kScopes[] = {
    {u"keyword", TokenKind::Keyword},
    {u"selector-tag", TokenKind::Keyword},
    {u"name", TokenKind::Keyword}, // an XML/HTML tag's name
    {u"string", TokenKind::String},
    {u"regexp", TokenKind::String},
    {u"link", TokenKind::String},
    {u"meta-string", TokenKind::String}, // #include <vector>'s <vector>
    {u"addition", TokenKind::String},
    {u"character", TokenKind::String}, // a character literal (Haskell, Elm)
    {u"code", TokenKind::String},      // Markdown's inline and fenced code
    {u"comment", TokenKind::Comment},
    {u"quote", TokenKind::Comment},
    {u"doctag", TokenKind::Comment}, // @param, TODO inside a comment
    {u"deletion", TokenKind::Comment},
    {u"number", TokenKind::Number},
    {u"bullet", TokenKind::Number},
    {u"title", TokenKind::Title},
    {u"section", TokenKind::Title},
    {u"selector-id", TokenKind::Title},
    {u"selector-class", TokenKind::Title},
    {u"type", TokenKind::Type},
    {u"typing", TokenKind::Type},
    {u"built_in", TokenKind::Builtin},
    {u"builtin-name", TokenKind::Builtin},
    {u"built-in", TokenKind::Builtin}, // a keyword group spelt so in a few languages
    {u"literal", TokenKind::Builtin},
    {u"symbol", TokenKind::Builtin},
    {u"meta", TokenKind::Meta},
    {u"meta-keyword", TokenKind::Meta},
    {u"attr", TokenKind::Meta},
    {u"attribute", TokenKind::Meta},
    {u"selector-attr", TokenKind::Meta},
    {u"selector-pseudo", TokenKind::Meta},
    {u"variable", TokenKind::Meta},
    {u"template-variable", TokenKind::Meta},
    {u"template-tag", TokenKind::Meta},
};

constexpr std::array<const char16_t*, kTokenKindCount> kKindNames = {
    u"plain", u"keyword", u"string", u"comment", u"number", u"title", u"type", u"builtin", u"meta",
};

// The text an entity stands for, or an empty string for one we do not know.
// highlight.js 9.18.5 writes only &amp; &lt; &gt;; the rest is tolerance.
QString decodeEntity(QStringView name)
{
    if (name == u"amp")
        return QStringLiteral("&");
    if (name == u"lt")
        return QStringLiteral("<");
    if (name == u"gt")
        return QStringLiteral(">");
    if (name == u"quot")
        return QStringLiteral("\"");
    if (name == u"apos")
        return QStringLiteral("'");
    if (name.size() >= 2 && name[0] == u'#') {
        bool ok = false;
        const uint value = (name[1] == u'x' || name[1] == u'X') ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
        // No NUL, no lone surrogate, nothing past Unicode.
        if (!ok || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return {};
        const char32_t cp = char32_t(value);
        return QString::fromUcs4(&cp, 1);
    }
    return {};
}

// The scope a span's class attribute opens: its first "hljs-" class without
// the prefix; "" for a sub-language's wrapper ("xml", "javascript").
QString scopeOfClasses(QStringView classes)
{
    constexpr QStringView prefix = u"hljs-";
    for (QStringView cls : classes.split(u' ', Qt::SkipEmptyParts)) {
        if (cls.startsWith(prefix) && cls.size() > prefix.size())
            return cls.mid(prefix.size()).toString();
    }
    return {};
}

} // namespace

QString tokenKindName(TokenKind kind)
{
    return QString::fromUtf16(kKindNames[std::size_t(kind)]);
}

TokenKind tokenKindForScope(QStringView scope)
{
    for (const auto& [name, kind] : kScopes) {
        if (scope == QStringView(name))
            return kind;
    }
    return TokenKind::Plain;
}

QList<Span> plainSpans(QStringView code)
{
    if (code.isEmpty())
        return {};
    return {Span{0, code.size(), TokenKind::Plain, QString()}};
}

std::optional<QList<Span>> spansFromHljsHtml(QStringView html, QStringView code)
{
    constexpr QStringView openTag = u"<span class=\"";
    constexpr QStringView closeTag = u"</span>";
    QList<Span> spans;
    // The scope each open span set, "" for a transparent one; the innermost
    // non-empty scope is the text's.
    QList<QString> open;
    QString scope; // cached innermost scope of `open`
    const auto innermost = [&open] {
        for (auto it = open.crbegin(); it != open.crend(); ++it) {
            if (!it->isEmpty())
                return *it;
        }
        return QString();
    };
    qsizetype pos = 0; // how much of `code` the text so far has matched
    // `text` came next: it must be the code's next characters.
    const auto addText = [&](QStringView text) {
        if (text.isEmpty())
            return true;
        if (code.mid(pos, text.size()) != text)
            return false;
        if (!spans.isEmpty() && spans.last().scope == scope && spans.last().start + spans.last().length == pos)
            spans.last().length += text.size();
        else
            spans.append(Span{pos, text.size(), tokenKindForScope(scope), scope});
        pos += text.size();
        return true;
    };

    qsizetype i = 0;
    while (i < html.size()) {
        const QStringView rest = html.mid(i);
        if (rest.startsWith(closeTag)) {
            if (open.isEmpty())
                return std::nullopt;
            open.removeLast();
            scope = innermost();
            i += closeTag.size();
        } else if (rest.startsWith(openTag)) {
            const qsizetype quote = rest.indexOf(u'"', openTag.size());
            if (quote < 0 || quote + 1 >= rest.size() || rest[quote + 1] != u'>')
                return std::nullopt;
            open.append(scopeOfClasses(rest.mid(openTag.size(), quote - openTag.size())));
            scope = innermost();
            i += quote + 2;
        } else if (rest[0] == u'<') {
            return std::nullopt; // a tag highlight.js 9 does not write
        } else if (rest[0] == u'&') {
            // Entities are short; a lone '&' or an unknown name fails.
            const qsizetype semicolon = rest.left(12).indexOf(u';');
            if (semicolon < 2)
                return std::nullopt;
            const QString decoded = decodeEntity(rest.mid(1, semicolon - 1));
            if (decoded.isEmpty() || !addText(decoded))
                return std::nullopt;
            i += semicolon + 1;
        } else {
            qsizetype end = 1;
            while (end < rest.size() && rest[end] != u'<' && rest[end] != u'&')
                ++end;
            if (!addText(rest.left(end)))
                return std::nullopt;
            i += end;
        }
    }
    if (!open.isEmpty() || pos != code.size())
        return std::nullopt;
    return spans;
}

} // namespace vela::highlight
