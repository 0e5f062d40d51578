// app/highlight: highlight.js's HTML turned into spans (hljs_spans.h), and
// CodeHighlighter running the bundled highlight.js 9.18.5 on its worker
// thread: tokens at the right offsets, spans that rebuild the code exactly,
// the bounds (huge code, unknown languages), a missing or broken script, and
// many requests answered to the right requester.
#include "highlight/code_highlighter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <map>

using namespace vela::highlight;

namespace {

constexpr int kTimeoutMs = 60000; // loading 850 KB of script on a busy CI machine

// The result finished() carried for `id`, waiting for it.
std::optional<HighlightResult> waitFor(QSignalSpy& spy, quint64 id)
{
    const auto find = [&]() -> std::optional<HighlightResult> {
        for (const QList<QVariant>& args : spy) {
            if (args.at(0).toULongLong() == id)
                return args.at(1).value<HighlightResult>();
        }
        return std::nullopt;
    };
    QElapsedTimer timer;
    timer.start();
    while (!find() && timer.elapsed() < kTimeoutMs)
        spy.wait(kTimeoutMs - int(timer.elapsed()));
    return find();
}

HighlightResult highlightNow(CodeHighlighter& h, const QString& code, const QString& language)
{
    QSignalSpy spy(&h, &CodeHighlighter::finished);
    const quint64 id = h.request(code, language);
    std::optional<HighlightResult> result = waitFor(spy, id);
    if (!result)
        qFatal("no answer from the highlighter in %d ms", kTimeoutMs);
    return *result;
}

// Spans cover the code exactly once, in order, and rebuild it.
QString coverageError(const HighlightResult& r)
{
    qsizetype pos = 0;
    QString rebuilt;
    for (const Span& s : r.spans) {
        if (s.start != pos || s.length <= 0)
            return QStringLiteral("span at %1+%2, expected start %3").arg(s.start).arg(s.length).arg(pos);
        rebuilt += r.code.mid(s.start, s.length);
        pos += s.length;
    }
    if (pos != r.code.size())
        return QStringLiteral("spans end at %1 of %2").arg(pos).arg(r.code.size());
    if (rebuilt != r.code)
        return QStringLiteral("spans do not rebuild the code");
    return {};
}

// The span that is exactly `token` at its `nth` occurrence in the code.
std::optional<Span> spanOf(const HighlightResult& r, const QString& token, int nth = 0)
{
    qsizetype at = -1;
    for (int i = 0; i <= nth; ++i)
        at = r.code.indexOf(token, at + 1);
    for (const Span& s : r.spans) {
        if (s.start == at && s.length == token.size())
            return s;
    }
    return std::nullopt;
}

#define VERIFY_TOKEN(result, token, kindValue)                                                                   \
    do {                                                                                                         \
        const std::optional<Span> span_ = spanOf(result, QStringLiteral(token));                                 \
        QVERIFY2(span_, "no span is exactly " token);                                                            \
        QVERIFY2(span_->kind == (kindValue), qPrintable(QStringLiteral(token " is %1 (%2)")                      \
                                                            .arg(tokenKindName(span_->kind), span_->scope)));    \
    } while (false)

QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& source)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(source) != source.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestHighlight : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    // hljs_spans
    void scopesToKinds();
    void parsesNestedSpansInnermostWins();
    void decodesEntities();
    void refusesWhatIsNotHljsOutput_data();
    void refusesWhatIsNotHljsOutput();
    // CodeHighlighter with the bundled highlight.js
    void python();
    void cpp();
    void spansRebuildTheCode_data();
    void spansRebuildTheCode();
    void unknownLanguageIsDetected();
    void unknownLanguageTooLongIsPlain();
    void textFenceIsPlain();
    void emptyCode();
    void hugeCodeIsPlain();
    void cachedAfterFinished();
    void manyRequestsReachTheirRequesters();
    void destroyedWhileBusy();
    // A missing or broken script
    void missingScriptIsUnavailable();
    void brokenScriptIsUnavailable_data();
    void brokenScriptIsUnavailable();
    void throwingOrBogusHighlighterGivesPlain();

private:
    std::unique_ptr<CodeHighlighter> h_;
};

void TestHighlight::initTestCase()
{
    QVERIFY(QFile::exists(CodeHighlighter::bundledScriptPath()));
    h_ = std::make_unique<CodeHighlighter>();
    QCOMPARE(h_->status(), CodeHighlighter::Status::Idle);
}

void TestHighlight::scopesToKinds()
{
    QCOMPARE(tokenKindForScope(u"keyword"), TokenKind::Keyword);
    QCOMPARE(tokenKindForScope(u"string"), TokenKind::String);
    QCOMPARE(tokenKindForScope(u"comment"), TokenKind::Comment);
    QCOMPARE(tokenKindForScope(u"number"), TokenKind::Number);
    QCOMPARE(tokenKindForScope(u"title"), TokenKind::Title);
    QCOMPARE(tokenKindForScope(u"built_in"), TokenKind::Builtin);
    QCOMPARE(tokenKindForScope(u"literal"), TokenKind::Builtin);
    QCOMPARE(tokenKindForScope(u"built-in"), TokenKind::Builtin);
    QCOMPARE(tokenKindForScope(u"type"), TokenKind::Type);
    QCOMPARE(tokenKindForScope(u"attr"), TokenKind::Meta);
    QCOMPARE(tokenKindForScope(u"meta"), TokenKind::Meta);
    QCOMPARE(tokenKindForScope(u"meta-string"), TokenKind::String);
    // Containers and the unknown take the plain colour.
    QCOMPARE(tokenKindForScope(u"function"), TokenKind::Plain);
    QCOMPARE(tokenKindForScope(u"subst"), TokenKind::Plain);
    QCOMPARE(tokenKindForScope(u"no-such-scope"), TokenKind::Plain);
    QCOMPARE(tokenKindName(TokenKind::Keyword), QStringLiteral("keyword"));
    QCOMPARE(tokenKindName(TokenKind::Plain), QStringLiteral("plain"));
}

void TestHighlight::parsesNestedSpansInnermostWins()
{
    // highlight.js 9.18.5's output for "def f(x): pass" in Python.
    const QString code = QStringLiteral("def f(x): pass");
    const QString html = QStringLiteral(
        "<span class=\"hljs-function\"><span class=\"hljs-keyword\">def</span> <span class=\"hljs-title\">f</span>"
        "<span class=\"hljs-params\">(x)</span>:</span> <span class=\"hljs-keyword\">pass</span>");
    const std::optional<QList<Span>> spans = spansFromHljsHtml(html, code);
    QVERIFY(spans);
    const QList<Span> expected = {
        {0, 3, TokenKind::Keyword, QStringLiteral("keyword")},
        {3, 1, TokenKind::Plain, QStringLiteral("function")},
        {4, 1, TokenKind::Title, QStringLiteral("title")},
        {5, 3, TokenKind::Plain, QStringLiteral("params")},
        {8, 1, TokenKind::Plain, QStringLiteral("function")},
        {9, 1, TokenKind::Plain, QString()},
        {10, 4, TokenKind::Keyword, QStringLiteral("keyword")},
    };
    QCOMPARE(*spans, expected);

    // A sub-language's wrapper has no scope of its own: the text inside it
    // takes the enclosing one, and spans inside it their own.
    const QString mixed = QStringLiteral("a<b>c</b>");
    const std::optional<QList<Span>> inner = spansFromHljsHtml(
        QStringLiteral("<span class=\"hljs-string\">a<span class=\"xml\">&lt;<span class=\"hljs-name\">b</span>&gt;"
                       "c</span>&lt;/b&gt;</span>"),
        mixed);
    QVERIFY(inner);
    const QList<Span> expectedInner = {
        {0, 2, TokenKind::String, QStringLiteral("string")},
        {2, 1, TokenKind::Keyword, QStringLiteral("name")},
        {3, 6, TokenKind::String, QStringLiteral("string")},
    };
    QCOMPARE(*inner, expectedInner);
    QCOMPARE(spansFromHljsHtml(u"", u"")->size(), 0);
}

void TestHighlight::decodesEntities()
{
    const QString code = QStringLiteral("a<b && c>\"d\" '\U0001F600'");
    const std::optional<QList<Span>> spans = spansFromHljsHtml(
        u"a&lt;b &amp;&#38; c&gt;&quot;d\" &#39;&#x1F600;'", code);
    QVERIFY(spans);
    QCOMPARE(spans->size(), 1);
    QCOMPARE(spans->first(), (Span{0, code.size(), TokenKind::Plain, QString()}));
}

void TestHighlight::refusesWhatIsNotHljsOutput_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("code");
    QTest::newRow("text differs") << "<span class=\"hljs-keyword\">def</span>" << "deg";
    QTest::newRow("text short") << "de" << "def";
    QTest::newRow("text long") << "define" << "def";
    QTest::newRow("unclosed span") << "<span class=\"hljs-keyword\">def" << "def";
    QTest::newRow("stray close") << "def</span>" << "def";
    QTest::newRow("other tag") << "<b>def</b>" << "def";
    QTest::newRow("unterminated attribute") << "<span class=\"hljs-keyword>def</span>" << "def";
    QTest::newRow("lone ampersand") << "a & b" << "a & b";
    QTest::newRow("unknown entity") << "a &nbsp; b" << "a \u00a0 b";
    QTest::newRow("NUL entity") << "a&#0;" << (QStringLiteral("a") + QChar(0));
    QTest::newRow("surrogate entity") << "&#xD800;" << QString(QChar(0xD800));
}

void TestHighlight::refusesWhatIsNotHljsOutput()
{
    QFETCH(QString, html);
    QFETCH(QString, code);
    QVERIFY(!spansFromHljsHtml(html, code));
}

void TestHighlight::python()
{
    const QString code = QStringLiteral("def greet(name):\n    # say hi\n    return \"hi \" + name * 2\n");
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("python"));
    QCOMPARE(h_->status(), CodeHighlighter::Status::Ready);
    QVERIFY(r.highlighted);
    QCOMPARE(r.code, code);
    QCOMPARE(r.language, QStringLiteral("python"));
    const QString error = coverageError(r);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    VERIFY_TOKEN(r, "def", TokenKind::Keyword);
    VERIFY_TOKEN(r, "greet", TokenKind::Title);
    VERIFY_TOKEN(r, "# say hi", TokenKind::Comment);
    VERIFY_TOKEN(r, "return", TokenKind::Keyword);
    VERIFY_TOKEN(r, "\"hi \"", TokenKind::String);
    VERIFY_TOKEN(r, "2", TokenKind::Number);
}

void TestHighlight::cpp()
{
    const QString code = QStringLiteral(
        "#include <vector>\nint main() {\n    const char* s = \"a<b&c\"; // note\n    return 0;\n}\n");
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("cpp"));
    QVERIFY(r.highlighted);
    const QString error = coverageError(r);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    VERIFY_TOKEN(r, "include", TokenKind::Meta);
    VERIFY_TOKEN(r, "<vector>", TokenKind::String);
    VERIFY_TOKEN(r, "int", TokenKind::Keyword);
    VERIFY_TOKEN(r, "main", TokenKind::Title);
    VERIFY_TOKEN(r, "const", TokenKind::Keyword);
    VERIFY_TOKEN(r, "\"a<b&c\"", TokenKind::String);
    VERIFY_TOKEN(r, "// note", TokenKind::Comment);
    VERIFY_TOKEN(r, "return", TokenKind::Keyword);
    VERIFY_TOKEN(r, "0", TokenKind::Number);
    // An alias resolves as highlight.js resolves it.
    QVERIFY(highlightNow(*h_, code, QStringLiteral("c++")).highlighted);
}

void TestHighlight::spansRebuildTheCode_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("code");
    const QString tricky = QStringLiteral(
        "if a < b && c > d:\r\n\tprint(\"x & y\", 'señor', \"日本語\", \"\U0001F600\")  # ¿qué? <b>&amp;</b>\r\n"
        "\t\ts = '''<tag attr=\"v\">'''\n\n  \n");
    QTest::newRow("python") << "python" << tricky;
    QTest::newRow("cpp") << "cpp"
                         << QStringLiteral("template <typename T>\r\nT f(T a) { return a<<1 & ~0; } /* \"ü\" */\r\n"
                                           "auto s = R\"(raw <&> \t)\";\n");
    QTest::newRow("html with script") << "html"
                                      << QStringLiteral("<p class=\"x\">&amp; ünï &lt;</p>\n<script>\nif (a < b && c) "
                                                        "{ x = `t ${a} ü`; }\n</script>\n");
    QTest::newRow("javascript") << "javascript" << QStringLiteral("const s = `a ${b + \"<\"} c`; // ü\r\n");
    QTest::newRow("auto") << "" << tricky;
    QTest::newRow("no newline at end") << "python" << QStringLiteral("x = 1");
    QTest::newRow("only whitespace") << "python" << QStringLiteral(" \t\r\n ");
}

void TestHighlight::spansRebuildTheCode()
{
    QFETCH(QString, language);
    QFETCH(QString, code);
    const HighlightResult r = highlightNow(*h_, code, language);
    QCOMPARE(r.code, code);
    const QString error = coverageError(r);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (!code.trimmed().isEmpty()) {
        QVERIFY(r.highlighted);
        QVERIFY2(std::any_of(r.spans.cbegin(), r.spans.cend(), [](const Span& s) { return s.kind != TokenKind::Plain; }),
                 "nothing coloured");
    }
}

void TestHighlight::unknownLanguageIsDetected()
{
    const QString code = QStringLiteral("import os\n\ndef main():\n    print(os.getcwd())  # where\n");
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("no-such-language"));
    QVERIFY(r.highlighted);
    QVERIFY(!r.language.isEmpty());
    QVERIFY(r.language != QStringLiteral("no-such-language"));
    const QString error = coverageError(r);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestHighlight::unknownLanguageTooLongIsPlain()
{
    QString code;
    while (code.size() <= CodeHighlighter::kMaxAutoLength)
        code += QStringLiteral("def f(x):\n    return x + 1  # c\n");
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("no-such-language"));
    QVERIFY(!r.highlighted);
    QCOMPARE(r.spans, plainSpans(code));
    // The same code with its language is highlighted.
    QVERIFY(highlightNow(*h_, code, QStringLiteral("python")).highlighted);
}

void TestHighlight::textFenceIsPlain()
{
    const QString code = QStringLiteral("def f(): return 1\n");
    for (const char* language : {"text", "plaintext", "TXT"}) {
        const HighlightResult r = highlightNow(*h_, code, QLatin1String(language));
        QVERIFY2(!r.highlighted, language);
        QCOMPARE(r.spans, plainSpans(code));
    }
}

void TestHighlight::emptyCode()
{
    for (const char* language : {"python", ""}) {
        const HighlightResult r = highlightNow(*h_, QString(), QLatin1String(language));
        QVERIFY(!r.highlighted);
        QVERIFY(r.spans.isEmpty());
        QVERIFY(r.code.isEmpty());
    }
}

void TestHighlight::hugeCodeIsPlain()
{
    QString code;
    code.reserve(300 * 1024 + 64);
    while (code.size() < 300 * 1024)
        code += QStringLiteral("x = \"<&>\"  # comment\n");
    QVERIFY(code.size() > CodeHighlighter::kMaxCodeLength);
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("python"));
    QVERIFY(!r.highlighted);
    QCOMPARE(r.spans, plainSpans(code));
    QCOMPARE(r.code, code);
}

void TestHighlight::cachedAfterFinished()
{
    const QString code = QStringLiteral("let cached = 42; // once\n");
    QVERIFY(!h_->cached(code, QStringLiteral("javascript")));
    const HighlightResult r = highlightNow(*h_, code, QStringLiteral("javascript"));
    QVERIFY(r.highlighted);
    const std::optional<HighlightResult> hit = h_->cached(code, QStringLiteral("javascript"));
    QVERIFY(hit);
    QCOMPARE(hit->spans, r.spans);
    // Keyed by the language asked for, and by the code.
    QVERIFY(!h_->cached(code, QStringLiteral("python")));
    QVERIFY(!h_->cached(code + QLatin1Char(' '), QStringLiteral("javascript")));
}

void TestHighlight::manyRequestsReachTheirRequesters()
{
    // A fresh highlighter: the first requests arrive while the worker is
    // still loading the script, the rest while it highlights.
    CodeHighlighter h;
    QSignalSpy spy(&h, &CodeHighlighter::finished);
    std::map<quint64, std::pair<QString, QString>> asked; // id → (code, language)
    const QString languages[] = {QStringLiteral("python"), QStringLiteral("cpp"), QStringLiteral("javascript"),
                                 QString(), QStringLiteral("text")};
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i) {
        const QString language = languages[i % 5];
        const QString code = QStringLiteral("value_%1 = %1 + len(\"s%1\")  # n%1\n").arg(i).repeated(1 + i % 7);
        const quint64 id = h.request(code, language);
        QVERIFY2(asked.emplace(id, std::pair{code, language}).second, "an id given twice");
        if (i == kRequests / 2)
            QTRY_VERIFY_WITH_TIMEOUT(spy.count() > 0, kTimeoutMs); // some answers in between
    }
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), kRequests, kTimeoutMs);
    for (const QList<QVariant>& args : spy) {
        const quint64 id = args.at(0).toULongLong();
        const HighlightResult r = args.at(1).value<HighlightResult>();
        const auto it = asked.find(id);
        QVERIFY2(it != asked.end(), "an answer to no request, or answered twice");
        QCOMPARE(r.code, it->second.first);
        if (!it->second.second.isEmpty())
            QVERIFY(r.language.compare(it->second.second, Qt::CaseInsensitive) == 0);
        QCOMPARE(r.highlighted, it->second.second != QStringLiteral("text"));
        const QString error = coverageError(r);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        asked.erase(it);
    }
    QVERIFY(asked.empty());
}

void TestHighlight::destroyedWhileBusy()
{
    // Work queued and in progress when the highlighter goes: the destructor
    // interrupts and joins the worker, no answer comes after it.
    QString code;
    while (code.size() < 150 * 1024)
        code += QStringLiteral("for i in range(10):\n    print(\"<%1>\" % i)  # loop\n");
    auto h = std::make_unique<CodeHighlighter>();
    QSignalSpy status(h.get(), &CodeHighlighter::statusChanged);
    for (int i = 0; i < 5; ++i)
        h->request(code + QString::number(i), QStringLiteral("python"));
    QTRY_VERIFY_WITH_TIMEOUT(h->status() == CodeHighlighter::Status::Ready, kTimeoutMs);
    h.reset();
    QVERIFY(status.count() >= 2); // Loading, Ready
}

void TestHighlight::missingScriptIsUnavailable()
{
    CodeHighlighter h(QStringLiteral("/nonexistent/highlight.min.js"));
    QSignalSpy status(&h, &CodeHighlighter::statusChanged);
    const QString code = QStringLiteral("def f(): pass\n");
    const HighlightResult r = highlightNow(h, code, QStringLiteral("python"));
    QCOMPARE(h.status(), CodeHighlighter::Status::Unavailable);
    QVERIFY(!r.highlighted);
    QCOMPARE(r.spans, plainSpans(code));
    QVERIFY(status.count() >= 1);
}

void TestHighlight::brokenScriptIsUnavailable_data()
{
    QTest::addColumn<QByteArray>("source");
    QFile real(CodeHighlighter::bundledScriptPath());
    QVERIFY(real.open(QIODevice::ReadOnly));
    const QByteArray full = real.readAll();
    QTest::newRow("truncated") << full.left(full.size() / 2);
    QTest::newRow("syntax error") << QByteArray("var hljs = function( {");
    QTest::newRow("throws") << QByteArray("throw new Error('broken');");
    QTest::newRow("no hljs") << QByteArray("var x = 1;");
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage \x01", 14);
}

void TestHighlight::brokenScriptIsUnavailable()
{
    QFETCH(QByteArray, source);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CodeHighlighter h(writeScript(dir, QStringLiteral("broken.js"), source));
    const QString code = QStringLiteral("int main() { return 0; }\n");
    const HighlightResult r = highlightNow(h, code, QStringLiteral("cpp"));
    QCOMPARE(h.status(), CodeHighlighter::Status::Unavailable);
    QVERIFY(!r.highlighted);
    QCOMPARE(r.spans, plainSpans(code));
}

void TestHighlight::throwingOrBogusHighlighterGivesPlain()
{
    // Loads, so Ready, but every answer is wrong: the code still comes back
    // whole and plain.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CodeHighlighter h(writeScript(dir, QStringLiteral("bogus.js"), QByteArrayLiteral(R"(
        var hljs = {
            getLanguage: function (name) { return name === "throws" || name === "bogus" ? {} : undefined; },
            highlight: function (name, code) {
                if (name === "throws") throw new Error("inside highlight");
                return { language: name, value: "<b>" + code + "</b>" };
            },
            highlightAuto: function (code) { return { language: "x", value: code + "extra" }; }
        };)")));
    const QString code = QStringLiteral("a < b\n");
    for (const char* language : {"throws", "bogus", ""}) {
        const HighlightResult r = highlightNow(h, code, QLatin1String(language));
        QCOMPARE(h.status(), CodeHighlighter::Status::Ready);
        QVERIFY2(!r.highlighted, language);
        QCOMPARE(r.spans, plainSpans(code));
    }
}

QTEST_GUILESS_MAIN(TestHighlight)
#include "tst_app_highlight.moc"
