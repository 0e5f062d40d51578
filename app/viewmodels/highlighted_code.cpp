#include "highlighted_code.h"

#include <QMetaObject>
#include <QVariant>

#include <algorithm>

namespace vela::app {

using highlight::CodeHighlighter;
using highlight::HighlightResult;
using highlight::Span;
using highlight::TokenKind;

namespace {

// The palette role of each token kind (ThemePalette.qml); Plain has none:
// it is the TextEdit's own colour.
constexpr const char* kRoles[highlight::kTokenKindCount] = {
    nullptr,       "codeKeyword", "codeString",  "codeComment", "codeNumber",
    "codeTitle",   "codeType",    "codeBuiltin", "codeMeta",
};

// Escaped for Qt's rich text. A CR of a CRLF is dropped and a lone CR is a
// line break: Qt's HTML importer would show a CR as a box, not a break.
void appendEscaped(QString& out, QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        switch (c.unicode()) {
        case u'&': out += u"&amp;"; break;
        case u'<': out += u"&lt;"; break;
        case u'>': out += u"&gt;"; break;
        case u'"': out += u"&quot;"; break;
        case u'\r':
            if (i + 1 >= text.size() || text[i + 1] != u'\n')
                out += u'\n';
            break;
        default: out += c;
        }
    }
}

} // namespace

HighlightedCode::HighlightedCode(QObject* parent) : QObject(parent)
{
    connect(CodeHighlighter::shared(), &CodeHighlighter::finished, this, &HighlightedCode::onFinished);
}

void HighlightedCode::setCode(const QString& code)
{
    if (code == code_)
        return;
    code_ = code;
    emit codeChanged();
    changed();
}

void HighlightedCode::setLanguage(const QString& language)
{
    if (language == language_)
        return;
    language_ = language;
    emit languageChanged();
    changed();
}

void HighlightedCode::setPalette(QObject* palette)
{
    if (palette == palette_)
        return;
    palette_ = palette;
    emit paletteChanged();
    render();
}

void HighlightedCode::changed()
{
    // A block seen before (a delegate recreated on scrolling) has its colours at once.
    if (std::optional<HighlightResult> hit = CodeHighlighter::shared()->cached(code_, language_)) {
        result_ = std::move(*hit);
        resultLanguage_ = language_;
    }
    render();
    if (highlighted_ || code_.isEmpty() || requestScheduled_)
        return;
    // Asked for on the next turn of the event loop, so that code and
    // language set together (a new delegate), or several deltas of one
    // turn, make one request.
    requestScheduled_ = true;
    QMetaObject::invokeMethod(this, &HighlightedCode::sendRequest, Qt::QueuedConnection);
}

void HighlightedCode::sendRequest()
{
    requestScheduled_ = false;
    // One at a time: onFinished() asks again if the text moved on meanwhile.
    if (inFlight_ != 0 || code_.isEmpty() || (result_.code == code_ && resultLanguage_ == language_))
        return;
    inFlight_ = CodeHighlighter::shared()->request(code_, language_);
    inFlightLanguage_ = language_;
}

void HighlightedCode::onFinished(quint64 id, const HighlightResult& result)
{
    if (id != inFlight_)
        return; // another block's
    inFlight_ = 0;
    result_ = result;
    resultLanguage_ = inFlightLanguage_;
    render();
    if (result_.code != code_ || resultLanguage_ != language_)
        sendRequest();
}

HighlightedCode::Colors HighlightedCode::colors() const
{
    Colors colors;
    if (!palette_)
        return colors;
    for (int kind = 0; kind < highlight::kTokenKindCount; ++kind) {
        if (kRoles[kind])
            colors[std::size_t(kind)] = palette_->property(kRoles[kind]).value<QColor>();
    }
    return colors;
}

void HighlightedCode::render()
{
    QList<Span> spans;
    bool highlighted = false;
    if (resultLanguage_ == language_ && result_.code == code_) {
        spans = result_.spans;
        highlighted = result_.highlighted;
    } else if (resultLanguage_ == language_ && result_.highlighted) {
        // The text grew (or changed) since: keep the colours of what both
        // share, the rest plain until the next answer.
        qsizetype common = 0;
        const qsizetype limit = std::min(result_.code.size(), code_.size());
        while (common < limit && result_.code[common] == code_[common])
            ++common;
        for (const Span& span : result_.spans) {
            if (span.start >= common)
                break;
            spans.append(span);
            spans.last().length = std::min(span.length, common - span.start);
        }
        if (common < code_.size())
            spans.append(Span{common, code_.size() - common, TokenKind::Plain, QString()});
    } else {
        spans = highlight::plainSpans(code_);
    }
    QString html = toHtml(code_, spans, colors());
    if (html == html_ && highlighted == highlighted_)
        return;
    html_ = std::move(html);
    highlighted_ = highlighted;
    emit htmlChanged();
}

QString HighlightedCode::toHtml(const QString& code, const QList<Span>& spans, const Colors& colors)
{
    QString out;
    out.reserve(code.size() + code.size() / 2 + 64);
    // white-space: pre keeps spaces, tabs and line breaks as they are
    // (Qt's rich text supports it on a block); no <pre>, whose margins and
    // font would differ from the view's.
    out += u"<div style=\"white-space: pre\">";
    for (const Span& span : spans) {
        const QStringView text = QStringView(code).mid(span.start, span.length);
        const QColor& color = colors[std::size_t(span.kind)];
        if (span.kind == TokenKind::Plain || !color.isValid()) {
            appendEscaped(out, text);
            continue;
        }
        out += u"<span style=\"color:";
        out += color.name(QColor::HexRgb);
        out += u"\">";
        appendEscaped(out, text);
        out += u"</span>";
    }
    out += u"</div>";
    return out;
}

} // namespace vela::app
