// vela_spelling: which words of Markdown prose are checked, where the
// dictionaries are, Hunspell's verdicts and suggestions in English and
// Spanish through the worker (UTF-8 and ISO8859-1 dictionaries), and the
// personal dictionary across instances.
#include "spelling/dictionaries.h"
#include "spelling/personal_dictionary.h"
#include "spelling/spell_engine.h"
#include "spelling/word_splitter.h"
#include "spelling_test_dictionaries.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace vela::spelling;
using Verdict = SpellEngine::Verdict;
using Status = SpellEngine::Status;

namespace {

QStringList words(const QString& text)
{
    QStringList out;
    for (const WordSpan& w : wordsInText(text))
        out << text.mid(w.start, w.length);
    return out;
}

// Loading es_ES takes a while under the sanitizers.
constexpr int kTimeout = 20000;

bool waitReady(SpellEngine& e)
{
    return QTest::qWaitFor([&] { return e.status() == Status::Ready || e.status() == Status::Missing; }, kTimeout)
           && e.status() == Status::Ready;
}

// Asks the worker and waits until every word has its verdict.
bool checkAll(SpellEngine& e, const QStringList& list)
{
    e.check(list);
    return QTest::qWaitFor(
        [&] {
            for (const QString& w : list) {
                if (e.verdict(w) == Verdict::Unknown)
                    return false;
            }
            return true;
        },
        kTimeout);
}

QStringList suggestionsFor(SpellEngine& e, const QString& word)
{
    e.requestSuggestions(word);
    if (!QTest::qWaitFor([&] { return e.hasSuggestions(word); }, kTimeout))
        qWarning("no suggestions for %s in time", qPrintable(word));
    return e.suggestions(word);
}

} // namespace

class TestSpelling : public QObject {
    Q_OBJECT
private slots:
    void splitsAccentsApostrophesHyphens();
    void skipsNumbersAcronymsUrlsMail();
    void skipsCodeSpansAndFences();
    void wordAtPosition();
    void findsDictionariesWithFallback();
    void readsTheSetLine();
    void englishRightAndWrong();
    void spanishRightAndWrong();
    void bothEncodings_data();
    void bothEncodings();
    void personalDictionaryPersists();
    void personalDictionarySurvivesASecondInstance();
    void addedWordIsCorrectInANewEngine();
    void missingDictionaryDisables();
    void ignoreLastsTheSession();
};

void TestSpelling::splitsAccentsApostrophesHyphens()
{
    QCOMPARE(words(QStringLiteral("El niño cantó una canción.")),
             (QStringList{"El", "niño", "cantó", "una", "canción"}));
    QCOMPARE(words(QStringLiteral("Don't say 'hello' or l’eau")),
             (QStringList{"Don't", "say", "hello", "or", "l’eau"}));
    QCOMPARE(words(QStringLiteral("a well-known - thing--here")),
             (QStringList{"a", "well-known", "thing", "here"}));
    // A decomposed accent (e + U+0301) stays in its word.
    QCOMPARE(words(QStringLiteral("cafe\u0301 ok")), (QStringList{QStringLiteral("cafe\u0301"), "ok"}));
    QCOMPARE(words(QStringLiteral("and/or, (yes)!")), (QStringList{"and", "or", "yes"}));
}

void TestSpelling::skipsNumbersAcronymsUrlsMail()
{
    QCOMPARE(words(QStringLiteral("3 apples in 2024, the 3rd mp3 and 1.5 snake_case")),
             (QStringList{"apples", "in", "the", "and"}));
    QCOMPARE(words(QStringLiteral("The GPU and NASA, I said, A")), (QStringList{"The", "and", "I", "said", "A"}));
    QCOMPARE(words(QStringLiteral("see https://exmaple.org/sme/pth?q=wrnog or www.foo-bar.com now")),
             (QStringList{"see", "or", "now"}));
    QCOMPARE(words(QStringLiteral("mail jose.nuñez@exmaple.es or mailto:ab@cd.ef please")),
             (QStringList{"mail", "or", "please"}));
    QCOMPARE(words(QStringLiteral("edit ~/notes/thng.txt and /usr/shre/hunspel")), (QStringList{"edit", "and"}));
    QCOMPARE(words(QStringLiteral("key ") + QString(80, u'q') + QStringLiteral(" end")), (QStringList{"key", "end"}));
}

void TestSpelling::skipsCodeSpansAndFences()
{
    QCOMPARE(words(QStringLiteral("call `fooo barr` now")), (QStringList{"call", "now"}));
    QCOMPARE(words(QStringLiteral("a ``x ` yy`` b")), (QStringList{"a", "b"}));
    // An unmatched backtick is literal: the words after it are prose.
    QCOMPARE(words(QStringLiteral("it`s here")), (QStringList{"it", "s", "here"}));
    const QString fenced = QStringLiteral("before\n```cpp\nint mian() { retrun 0; }\n```\nafter\n"
                                          "~~~\nwrnog\n```\nstill code\n~~~\nend");
    QCOMPARE(words(fenced), (QStringList{"before", "after", "end"}));
    // Each line on its own, the state carried between them.
    int state = kOutsideFence;
    QVERIFY(wordsInLine(u"   ````", state).isEmpty());
    QVERIFY(state > kOutsideFence);
    QVERIFY(wordsInLine(u"```", state).isEmpty()); // shorter: does not close
    QVERIFY(state > kOutsideFence);
    QVERIFY(wordsInLine(u"`````", state).isEmpty());
    QCOMPARE(state, kOutsideFence);
    QCOMPARE(wordsInLine(u"prose", state).size(), 1);
}

void TestSpelling::wordAtPosition()
{
    const QString line = QStringLiteral("hello wrold `cdoe`");
    QCOMPARE(wordAt(line, kOutsideFence, 0), (WordSpan{0, 5}));
    QCOMPARE(wordAt(line, kOutsideFence, 8), (WordSpan{6, 5}));
    QCOMPARE(wordAt(line, kOutsideFence, 11), (WordSpan{6, 5})); // just after it
    QCOMPARE(wordAt(line, kOutsideFence, 14).length, 0);         // inside code
    QCOMPARE(wordAt(line, 7, 0).length, 0);                       // inside a fence
}

void TestSpelling::findsDictionariesWithFallback()
{
    QTemporaryDir a;
    QTemporaryDir b;
    QVERIFY(!findDictionary(QStringLiteral("es"), {a.path(), b.path()}).isValid());
    QVERIFY(test::writeDictionary(b.path(), QStringLiteral("es_MX"), "UTF-8", {QStringLiteral("casa")}));
    DictionaryFiles f = findDictionary(QStringLiteral("es"), {a.path(), b.path()});
    QCOMPARE(f.locale, QStringLiteral("es_MX"));
    // es_ES is preferred, in whichever folder.
    QVERIFY(test::writeDictionary(a.path(), QStringLiteral("es_ES"), "UTF-8", {QStringLiteral("casa")}));
    f = findDictionary(QStringLiteral("es"), {b.path(), a.path()});
    QCOMPARE(f.locale, QStringLiteral("es_ES"));
    QCOMPARE(f.aff, QDir(a.path()).filePath(QStringLiteral("es_ES.aff")));
    QVERIFY(!findDictionary(QStringLiteral("en"), {a.path(), b.path()}).isValid());
}

void TestSpelling::readsTheSetLine()
{
    QTemporaryDir dir;
    QVERIFY(test::writeDictionary(dir.path(), QStringLiteral("xx_XX"), "ISO8859-1", {QStringLiteral("a")}));
    QCOMPARE(affEncoding(QDir(dir.path()).filePath(QStringLiteral("xx_XX.aff"))), QByteArray("ISO8859-1"));
    QCOMPARE(affEncoding(QDir(dir.path()).filePath(QStringLiteral("none.aff"))), QByteArray("ISO8859-1"));
    std::string bytes;
    QVERIFY(WordCodec("ISO8859-1").encode(QStringLiteral("niño"), bytes));
    QCOMPARE(bytes, std::string("ni\xf1o"));
    QVERIFY(!WordCodec("ISO8859-1").encode(QStringLiteral("œuvre"), bytes));
    QVERIFY(WordCodec("UTF-8").encode(QStringLiteral("niño"), bytes));
    QCOMPARE(bytes, std::string("ni\xc3\xb1o"));
    QCOMPARE(WordCodec("ISO8859-1").decode("canci\xf3n"), QStringLiteral("canción"));
}

void TestSpelling::englishRightAndWrong()
{
    if (!test::systemHas(QStringLiteral("en")))
        QSKIP("No English Hunspell dictionary installed (Debian: hunspell-en-us)");
    SpellEngine e;
    e.setLanguage(QStringLiteral("en"));
    QVERIFY(waitReady(e));
    const QStringList right{"receive", "Hello", "don't", "well-known", "color"};
    const QStringList wrong{"recieve", "teh", "wrold"};
    QVERIFY(checkAll(e, right + wrong));
    for (const QString& w : right)
        QVERIFY2(e.verdict(w) == Verdict::Correct, qPrintable(w));
    for (const QString& w : wrong)
        QVERIFY2(e.verdict(w) == Verdict::Misspelled, qPrintable(w));
    QVERIFY(suggestionsFor(e, QStringLiteral("recieve")).contains(QStringLiteral("receive")));
}

void TestSpelling::spanishRightAndWrong()
{
    if (!test::systemHas(QStringLiteral("es")))
        QSKIP("No Spanish Hunspell dictionary installed (Debian: hunspell-es)");
    SpellEngine e;
    e.setLanguage(QStringLiteral("es"));
    QVERIFY(waitReady(e));
    QVERIFY(e.locale().startsWith(QStringLiteral("es_")));
    const QStringList right{"canción", "niño", "Canción", "año", "mañana", "también", "corazón"};
    const QStringList wrong{"cancion", "nino", "corazon", "recieve"};
    QVERIFY(checkAll(e, right + wrong));
    for (const QString& w : right)
        QVERIFY2(e.verdict(w) == Verdict::Correct, qPrintable(w));
    for (const QString& w : wrong)
        QVERIFY2(e.verdict(w) == Verdict::Misspelled, qPrintable(w));
    QVERIFY(suggestionsFor(e, QStringLiteral("cancion")).contains(QStringLiteral("canción")));
    QVERIFY(suggestionsFor(e, QStringLiteral("nino")).contains(QStringLiteral("niño")));
}

void TestSpelling::bothEncodings_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::newRow("UTF-8") << QByteArray("UTF-8");
    QTest::newRow("ISO8859-1") << QByteArray("ISO8859-1");
}

void TestSpelling::bothEncodings()
{
    QFETCH(QByteArray, encoding);
    QTemporaryDir dir;
    QVERIFY(test::writeDictionary(dir.path(), QStringLiteral("es_ES"), encoding,
                                  {QStringLiteral("canción"), QStringLiteral("niño"), QStringLiteral("casa")}));
    SpellEngine e({dir.path()});
    e.setLanguage(QStringLiteral("es"));
    QVERIFY(waitReady(e));
    QVERIFY(checkAll(e, {"canción", "niño", "casa", "cancion", "nino", "œuvre"}));
    QCOMPARE(e.verdict(QStringLiteral("canción")), Verdict::Correct);
    QCOMPARE(e.verdict(QStringLiteral("niño")), Verdict::Correct);
    QCOMPARE(e.verdict(QStringLiteral("casa")), Verdict::Correct);
    QCOMPARE(e.verdict(QStringLiteral("cancion")), Verdict::Misspelled);
    QCOMPARE(e.verdict(QStringLiteral("nino")), Verdict::Misspelled);
    QCOMPARE(e.verdict(QStringLiteral("œuvre")), Verdict::Misspelled); // not in Latin-1 at all
    // Suggestions come back decoded from the dictionary's encoding.
    QVERIFY(suggestionsFor(e, QStringLiteral("cancion")).contains(QStringLiteral("canción")));
    QVERIFY(suggestionsFor(e, QStringLiteral("nino")).contains(QStringLiteral("niño")));
}

void TestSpelling::personalDictionaryPersists()
{
    QTemporaryDir dir;
    const QString path = PersonalDictionary::defaultPath(dir.path());
    {
        PersonalDictionary d(path);
        QVERIFY(d.words().isEmpty());
        QVERIFY(d.add(QStringLiteral("vela")));
        QVERIFY(d.add(QStringLiteral("Ñandú")));
        QVERIFY(!d.add(QStringLiteral("two words")));
        QVERIFY(!d.add(QStringLiteral("  ")));
    }
    PersonalDictionary again(path);
    QCOMPARE(again.words(), (QStringList{"vela", "Ñandú"}));
    QVERIFY(again.contains(QStringLiteral("Vela"))); // at the start of a sentence
    QVERIFY(!again.contains(QStringLiteral("ñandú")));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("vela\n\xc3\x91" "and\xc3\xba\n"));
}

void TestSpelling::personalDictionarySurvivesASecondInstance()
{
    QTemporaryDir dir;
    const QString path = PersonalDictionary::defaultPath(dir.path());
    // Both open before either writes, as two running Vela windows would.
    PersonalDictionary first(path);
    PersonalDictionary second(path);
    QVERIFY(first.add(QStringLiteral("alpha")));
    QVERIFY(second.add(QStringLiteral("beta")));
    QVERIFY(first.add(QStringLiteral("gamma")));
    QCOMPARE(PersonalDictionary(path).words(), (QStringList{"alpha", "beta", "gamma"}));
}

void TestSpelling::addedWordIsCorrectInANewEngine()
{
    QTemporaryDir dicts;
    QTemporaryDir data;
    QVERIFY(test::writeDictionary(dicts.path(), QStringLiteral("en_US"), "UTF-8", {QStringLiteral("hello")}));
    const QString path = PersonalDictionary::defaultPath(data.path());
    {
        SpellEngine e({dicts.path()});
        e.setPersonalDictionaryPath(path);
        e.setLanguage(QStringLiteral("en"));
        QVERIFY(waitReady(e));
        QVERIFY(checkAll(e, {"qwen"}));
        QCOMPARE(e.verdict(QStringLiteral("qwen")), Verdict::Misspelled);
        QSignalSpy changed(&e, &SpellEngine::verdictsChanged);
        e.addToDictionary(QStringLiteral("qwen"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{"qwen"});
        QCOMPARE(e.verdict(QStringLiteral("qwen")), Verdict::Correct);
    }
    SpellEngine e({dicts.path()});
    e.setPersonalDictionaryPath(path);
    e.setLanguage(QStringLiteral("en"));
    QVERIFY(waitReady(e));
    QCOMPARE(e.verdict(QStringLiteral("qwen")), Verdict::Correct);
    QCOMPARE(e.verdict(QStringLiteral("Qwen")), Verdict::Correct);
}

void TestSpelling::missingDictionaryDisables()
{
    QTemporaryDir empty;
    SpellEngine e({empty.path()});
    QSignalSpy status(&e, &SpellEngine::statusChanged);
    e.setLanguage(QStringLiteral("es"));
    QCOMPARE(e.status(), Status::Loading);
    QTRY_COMPARE(e.status(), Status::Missing);
    QSignalSpy verdicts(&e, &SpellEngine::verdictsChanged);
    e.check({QStringLiteral("cancion")}); // ignored, and no crash
    e.requestSuggestions(QStringLiteral("cancion"));
    QCOMPARE(e.verdict(QStringLiteral("cancion")), Verdict::Unknown);
    QVERIFY(e.suggestions(QStringLiteral("cancion")).isEmpty());
    QCOMPARE(verdicts.count(), 0);
    // A language that has one still works in the same engine.
    QVERIFY(test::writeDictionary(empty.path(), QStringLiteral("en_US"), "UTF-8", {QStringLiteral("hello")}));
    e.setLanguage(QStringLiteral("en"));
    QVERIFY(waitReady(e));
    QVERIFY(checkAll(e, {"hello"}));
    QCOMPARE(e.verdict(QStringLiteral("hello")), Verdict::Correct);
}

void TestSpelling::ignoreLastsTheSession()
{
    QTemporaryDir dicts;
    QVERIFY(test::writeDictionary(dicts.path(), QStringLiteral("en_US"), "UTF-8", {QStringLiteral("hello")}));
    SpellEngine e({dicts.path()});
    e.setLanguage(QStringLiteral("en"));
    QVERIFY(waitReady(e));
    QVERIFY(checkAll(e, {"wrold"}));
    QCOMPARE(e.verdict(QStringLiteral("wrold")), Verdict::Misspelled);
    e.ignore(QStringLiteral("wrold"));
    QCOMPARE(e.verdict(QStringLiteral("wrold")), Verdict::Correct);
    QVERIFY(e.personalDictionary().words().isEmpty());
}

QTEST_GUILESS_MAIN(TestSpelling)
#include "tst_spelling.moc"
