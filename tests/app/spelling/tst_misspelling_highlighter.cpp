// MisspellingHighlighter on a QTextDocument: exactly the misspelled ranges
// get the underline and the underline colour, code and URLs never do, and an edit or "Add to
// dictionary" updates the marks. A written dictionary keeps the expected
// ranges independent of the system's.
#include "spelling/misspelling_highlighter.h"
#include "spelling/spell_engine.h"
#include "spelling_test_dictionaries.h"

#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest/QtTest>

using namespace vela::spelling;

namespace {

// The underlined ranges of every paragraph, in order, as
// "block:start+length" (readable when a comparison fails).
QStringList marks(QTextDocument& doc)
{
    QStringList out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (const QTextLayout::FormatRange& r : b.layout()->formats()) {
            if (r.format.underlineStyle() == QTextCharFormat::SingleUnderline)
                out << QStringLiteral("%1:%2+%3").arg(b.blockNumber()).arg(r.start).arg(r.length);
        }
    }
    return out;
}

} // namespace

class TestMisspellingHighlighter : public QObject {
    Q_OBJECT
private slots:
    void init();
    void marksExactlyTheMisspelledRanges();
    void followsEditsAndTheDictionary();
    void nothingWithoutADictionary();

private:
    std::unique_ptr<QTemporaryDir> dicts_;
};

void TestMisspellingHighlighter::init()
{
    dicts_ = std::make_unique<QTemporaryDir>();
    QVERIFY(test::writeDictionary(dicts_->path(), QStringLiteral("en_US"), "UTF-8",
                                  {QStringLiteral("hello"), QStringLiteral("world"), QStringLiteral("canción")}));
}

void TestMisspellingHighlighter::marksExactlyTheMisspelledRanges()
{
    SpellEngine engine({dicts_->path()});
    engine.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(engine.status(), SpellEngine::Status::Ready);
    QTextDocument doc;
    doc.setPlainText(QStringLiteral("hello wrold canción cancion\n"    // 0: two wrong
                                    "`wrold` hello GPU 42\n"           // 1: code, acronym, number
                                    "```\n"                            // 2
                                    "wrold\n"                          // 3: fenced
                                    "```\n"                            // 4
                                    "hello https://wrold.example/x wrold")); // 5
    MisspellingHighlighter h(&doc, &engine);
    h.setDebounceInterval(0);
    const QStringList expected{"0:6+5", "0:20+7", "5:30+5"};
    QTRY_COMPARE(marks(doc), expected);
    // The underline is the theme's colour.
    h.setUnderlineColor(QColor(0x9b, 0x1c, 0x1c));
    const QTextBlock first = doc.begin();
    QCOMPARE(first.layout()->formats().at(0).format.underlineColor(), QColor(0x9b, 0x1c, 0x1c));
    QCOMPARE(first.layout()->formats().at(0).format.foreground().color(), QColor(0x9b, 0x1c, 0x1c));
}

void TestMisspellingHighlighter::followsEditsAndTheDictionary()
{
    SpellEngine engine({dicts_->path()});
    engine.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(engine.status(), SpellEngine::Status::Ready);
    QTextDocument doc;
    // A document emits contentsChange (what the highlighter follows) only
    // once it has a layout, as a TextArea's always has.
    doc.documentLayout();
    doc.setPlainText(QStringLiteral("hello wrold\nqwen world"));
    MisspellingHighlighter h(&doc, &engine);
    h.setDebounceInterval(0);
    QTRY_COMPARE(marks(doc), (QStringList{"0:6+5", "1:0+4"}));

    // Fixing the word clears its mark; the other paragraph keeps its own.
    QTextCursor c(&doc);
    c.setPosition(6);
    c.setPosition(11, QTextCursor::KeepAnchor);
    c.insertText(QStringLiteral("world"));
    QTRY_COMPARE(marks(doc), QStringList{"1:0+4"});

    // Opening a fence above turns what follows into code.
    c.setPosition(0);
    c.insertText(QStringLiteral("```\n"));
    QTRY_COMPARE(marks(doc), QStringList());
    c.setPosition(0);
    c.setPosition(4, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    QTRY_COMPARE(marks(doc), QStringList{"1:0+4"});

    engine.addToDictionary(QStringLiteral("qwen"));
    QCOMPARE(marks(doc), QStringList()); // at once: the verdict is known here
}

void TestMisspellingHighlighter::nothingWithoutADictionary()
{
    QTemporaryDir empty;
    SpellEngine engine({empty.path()});
    engine.setLanguage(QStringLiteral("en"));
    QTextDocument doc;
    doc.setPlainText(QStringLiteral("wrold"));
    MisspellingHighlighter h(&doc, &engine);
    h.setDebounceInterval(0);
    QTRY_COMPARE(engine.status(), SpellEngine::Status::Missing);
    h.rehighlight();
    QCOMPARE(marks(doc), QStringList());
}

QTEST_MAIN(TestMisspellingHighlighter)
#include "tst_misspelling_highlighter.moc"
