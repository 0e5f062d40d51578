// HighlightedCode (Vela.App): the rich text CodeBlock.qml shows — escaped,
// coloured from the palette's code* roles, plain at once and highlighted
// when the shared CodeHighlighter answers; a streaming block asks for its
// latest text only and keeps the colours of what it already had.
#include "highlighted_code.h"

#include <QColor>
#include <QSignalSpy>
#include <QtTest/QtTest>

using vela::app::HighlightedCode;
using vela::highlight::CodeHighlighter;
using vela::highlight::Span;
using vela::highlight::TokenKind;

namespace {

constexpr int kTimeoutMs = 60000;

// A palette as QML passes one: an object with colour properties.
class TestPalette : public QObject {
public:
    TestPalette()
    {
        setProperty("text", QColor(0x101010));
        setProperty("codeKeyword", QColor(0xaa0000));
        setProperty("codeString", QColor(0x00aa00));
        setProperty("codeComment", QColor(0x777777));
        setProperty("codeNumber", QColor(0x0000aa));
        setProperty("codeTitle", QColor(0xaa00aa));
        setProperty("codeType", QColor(0xaa5500));
        setProperty("codeBuiltin", QColor(0x005555));
        setProperty("codeMeta", QColor(0x555500));
    }
};

QString coloured(const char* colour, const QString& escapedText)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(QLatin1String(colour), escapedText);
}

} // namespace

class TestHighlightedCode : public QObject {
    Q_OBJECT
private slots:
    void streamingAsksForTheLatestTextOnly();
    void toHtmlEscapesAndKeepsWhitespace();
    void toHtmlColoursByKind();
    void plainFirstThenHighlighted();
    void grownCodeKeepsTheColoursOfItsPrefix();
    void paletteChangeRecolours();
    void cachedCodeIsHighlightedAtOnce();
};

// First, while the shared highlighter is still loading its script: a reply
// streaming into one block while a request is in flight.
void TestHighlightedCode::streamingAsksForTheLatestTextOnly()
{
    QSignalSpy finished(CodeHighlighter::shared(), &CodeHighlighter::finished);
    TestPalette palette;
    HighlightedCode hc;
    hc.setPalette(&palette);
    hc.setLanguage(QStringLiteral("python"));
    QString code = QStringLiteral("def f():\n");
    hc.setCode(code);
    QCoreApplication::processEvents(); // the first request goes
    constexpr int kDeltas = 100;
    for (int i = 0; i < kDeltas; ++i) {
        code += QStringLiteral("    x%1 = 'v%1'\n").arg(i);
        hc.setCode(code);
        QCoreApplication::processEvents(); // each delta its own turn, as from the engine
    }
    // Every answer that came during the deltas let at most one request go
    // for the text of that moment; after them at most one more goes.
    const qsizetype answeredDuringDeltas = finished.count();
    QTRY_VERIFY_WITH_TIMEOUT(hc.highlighted(), kTimeoutMs);
    QCOMPARE(hc.code(), code);
    QVERIFY2(finished.count() <= answeredDuringDeltas + 2,
             qPrintable(QStringLiteral("%1 answers, %2 during the deltas").arg(finished.count()).arg(answeredDuringDeltas)));
    QVERIFY(finished.count() < kDeltas);
    QVERIFY(hc.html().contains(coloured("#00aa00", QStringLiteral("'v%1'").arg(kDeltas - 1))));
}

void TestHighlightedCode::toHtmlEscapesAndKeepsWhitespace()
{
    const QString code = QStringLiteral("a<b & \"c\" 'd'\r\n\tñ 日本\re\n");
    const QString html = HighlightedCode::toHtml(code, vela::highlight::plainSpans(code), {});
    QCOMPARE(html, QStringLiteral("<div style=\"white-space: pre\">a&lt;b &amp; &quot;c&quot; 'd'\n\tñ 日本\ne\n</div>"));
    QCOMPARE(HighlightedCode::toHtml(QString(), {}, {}), QStringLiteral("<div style=\"white-space: pre\"></div>"));
}

void TestHighlightedCode::toHtmlColoursByKind()
{
    const QString code = QStringLiteral("if x<1: # c");
    const QList<Span> spans = {{0, 2, TokenKind::Keyword, QStringLiteral("keyword")},
                               {2, 3, TokenKind::Plain, QString()},
                               {5, 1, TokenKind::Number, QStringLiteral("number")},
                               {6, 2, TokenKind::Plain, QString()},
                               {8, 3, TokenKind::Comment, QStringLiteral("comment")}};
    HighlightedCode::Colors colors;
    colors[std::size_t(TokenKind::Keyword)] = QColor(0x123456);
    colors[std::size_t(TokenKind::Comment)] = QColor(0xabcdef);
    // Number has no colour: its text stays in the view's colour.
    QCOMPARE(HighlightedCode::toHtml(code, spans, colors),
             QStringLiteral("<div style=\"white-space: pre\">") + coloured("#123456", QStringLiteral("if")) +
                 QStringLiteral(" x&lt;1: ") + coloured("#abcdef", QStringLiteral("# c")) + QStringLiteral("</div>"));
}

void TestHighlightedCode::plainFirstThenHighlighted()
{
    TestPalette palette;
    HighlightedCode hc;
    QSignalSpy html(&hc, &HighlightedCode::htmlChanged);
    hc.setPalette(&palette);
    hc.setLanguage(QStringLiteral("python"));
    const QString code = QStringLiteral("def plain_first():\n    return \"<s>\"  # done\n");
    hc.setCode(code);
    // At once: the code, plain.
    QVERIFY(!hc.highlighted());
    QCOMPARE(hc.html(), HighlightedCode::toHtml(code, vela::highlight::plainSpans(code), {}));
    QTRY_VERIFY_WITH_TIMEOUT(hc.highlighted(), kTimeoutMs);
    QVERIFY(html.count() >= 2);
    QVERIFY(hc.html().contains(coloured("#aa0000", QStringLiteral("def"))));
    QVERIFY(hc.html().contains(coloured("#aa0000", QStringLiteral("return"))));
    QVERIFY(hc.html().contains(coloured("#00aa00", QStringLiteral("&quot;&lt;s&gt;&quot;"))));
    QVERIFY(hc.html().contains(coloured("#777777", QStringLiteral("# done"))));
    QVERIFY(hc.html().contains(coloured("#aa00aa", QStringLiteral("plain_first"))));
}

void TestHighlightedCode::grownCodeKeepsTheColoursOfItsPrefix()
{
    TestPalette palette;
    HighlightedCode hc;
    hc.setPalette(&palette);
    hc.setLanguage(QStringLiteral("python"));
    hc.setCode(QStringLiteral("import os  # grown\n"));
    QTRY_VERIFY_WITH_TIMEOUT(hc.highlighted(), kTimeoutMs);
    hc.setCode(hc.code() + QStringLiteral("while True: pass\n"));
    // Not highlighted yet, but what was coloured stays coloured; the new
    // line is plain until the answer comes.
    QVERIFY(!hc.highlighted());
    QVERIFY(hc.html().contains(coloured("#aa0000", QStringLiteral("import"))));
    QVERIFY(hc.html().contains(QStringLiteral("while True: pass")));
    QTRY_VERIFY_WITH_TIMEOUT(hc.highlighted(), kTimeoutMs);
    QVERIFY(hc.html().contains(coloured("#aa0000", QStringLiteral("while"))));
    // Another language: nothing of the old colours is reused.
    hc.setLanguage(QStringLiteral("text"));
    QCOMPARE(hc.html(), HighlightedCode::toHtml(hc.code(), vela::highlight::plainSpans(hc.code()), {}));
}

void TestHighlightedCode::paletteChangeRecolours()
{
    TestPalette light, dark;
    dark.setProperty("codeKeyword", QColor(0xff8080));
    HighlightedCode hc;
    hc.setPalette(&light);
    hc.setLanguage(QStringLiteral("cpp"));
    hc.setCode(QStringLiteral("return 0;\n"));
    QTRY_VERIFY_WITH_TIMEOUT(hc.highlighted(), kTimeoutMs);
    QVERIFY(hc.html().contains(coloured("#aa0000", QStringLiteral("return"))));
    QSignalSpy html(&hc, &HighlightedCode::htmlChanged);
    hc.setPalette(&dark);
    QCOMPARE(html.count(), 1);
    QVERIFY(hc.html().contains(coloured("#ff8080", QStringLiteral("return"))));
}

void TestHighlightedCode::cachedCodeIsHighlightedAtOnce()
{
    TestPalette palette;
    const QString code = QStringLiteral("SELECT name FROM users WHERE id = 1;\n");
    {
        HighlightedCode first;
        first.setPalette(&palette);
        first.setLanguage(QStringLiteral("sql"));
        first.setCode(code);
        QTRY_VERIFY_WITH_TIMEOUT(first.highlighted(), kTimeoutMs);
    }
    // A delegate made again for the same block (scrolled away and back).
    HighlightedCode again;
    again.setPalette(&palette);
    again.setLanguage(QStringLiteral("sql"));
    again.setCode(code);
    QVERIFY(again.highlighted());
}

QTEST_MAIN(TestHighlightedCode)
#include "tst_highlighted_code.moc"
