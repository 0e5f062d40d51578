// HighlightedCode: a code block's text as coloured rich text for a TextEdit
// (CodeBlock.qml), highlighted by the application's CodeHighlighter
// (app/highlight) off the GUI thread.
//
//   HighlightedCode { id: hl; code: root.code; language: root.language; palette: Theme.colors }
//   TextEdit { textFormat: TextEdit.RichText; text: hl.html }
//
// `html` is never empty for non-empty code and never waits: it is the code
// plain (in the palette's `text` colour, the TextEdit's own) until the
// worker's answer comes, then with a <span style="color:…"> per token, the
// colours read from the palette's code* roles (ThemePalette.qml). While a
// reply streams, `code` changes on every delta: one request is in flight at
// a time, and when it comes back for an older text the latest text is asked
// for (never a queue of every delta); meanwhile the colours of the part the
// texts share stay and only the new tail is plain, so nothing flickers.
// Whitespace is kept by white-space: pre; CRLF shows as one line break (the
// code itself, what Copy copies, is the caller's and unchanged).
#pragma once

#include "highlight/code_highlighter.h"

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace vela::app {

class HighlightedCode : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString code READ code WRITE setCode NOTIFY codeChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    // An object with the colour properties text, codeKeyword, codeString,
    // codeComment, codeNumber, codeTitle, codeType, codeBuiltin, codeMeta
    // (a ThemePalette); without one the code is shown plain.
    Q_PROPERTY(QObject* palette READ palette WRITE setPalette NOTIFY paletteChanged)
    Q_PROPERTY(QString html READ html NOTIFY htmlChanged)
    // True once `html` carries highlight.js's colours for the current code.
    Q_PROPERTY(bool highlighted READ highlighted NOTIFY htmlChanged)

public:
    using Colors = std::array<QColor, highlight::kTokenKindCount>;

    explicit HighlightedCode(QObject* parent = nullptr);

    QString code() const { return code_; }
    void setCode(const QString& code);
    QString language() const { return language_; }
    void setLanguage(const QString& language);
    QObject* palette() const { return palette_; }
    void setPalette(QObject* palette);
    QString html() const { return html_; }
    bool highlighted() const { return highlighted_; }

    // `code` as rich text: one <span style="color:#rrggbb"> per span whose
    // kind has a valid colour in `colors` (indexed by TokenKind; an invalid
    // colour, like Plain's, leaves the text in the view's colour), escaped,
    // inside a white-space: pre block.
    static QString toHtml(const QString& code, const QList<highlight::Span>& spans, const Colors& colors);

signals:
    void codeChanged();
    void languageChanged();
    void paletteChanged();
    void htmlChanged();

private:
    void changed();
    void sendRequest();
    void onFinished(quint64 id, const highlight::HighlightResult& result);
    void render();
    Colors colors() const;

    QString code_, language_;
    QPointer<QObject> palette_;
    // The last answer (possibly for an older text: its shared prefix is used).
    highlight::HighlightResult result_;
    QString resultLanguage_; // the language result_ was asked for
    QString inFlightLanguage_;
    quint64 inFlight_ = 0;
    bool requestScheduled_ = false;
    QString html_;
    bool highlighted_ = false;
};

} // namespace vela::app
