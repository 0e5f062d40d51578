// vela_markdown: splitting chat Markdown into prose and fenced code blocks
// (CommonMark §4.5), in one pass and while a reply streams, and plain text.
// The block model: tst_markdown_model.cpp; prose rendering:
// tst_markdown_render.cpp.
#include "blocks_test_util.h"
#include "markdown/blocks.h"
#include "markdown/plain_text.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest/QtTest>

#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

using namespace blocks_test;
using vela::markdown::Block;
using vela::markdown::BlockSplitter;

class TestMarkdownBlocks : public QObject {
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void blocksKeepTheTextAsWritten();

    void splitterMatchesFullSplitOnEveryAppend();
    void splitterResumesFromLastBlock();

    void plainText();
    void largeInputIsLinear();
};

void TestMarkdownBlocks::split_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<Blocks>("expected");

    // Prose only.
    QTest::newRow("empty") << QString() << Blocks{};
    QTest::newRow("blank only") << u"\n  \n\t\n"_s << Blocks{};
    QTest::newRow("prose only") << u"Hello *world*.\n\nA [link](https://x.invalid) and `code`.\n"_s
                                << Blocks{P(u"Hello *world*.\n\nA [link](https://x.invalid) and `code`."_s)};
    QTest::newRow("blank lines around prose dropped")
        << u"\n\n  \nText\n\n```\nx\n```\n\n\n"_s << Blocks{P(u"Text"_s), C(u"x"_s)};

    // §4.5 both fence characters.
    QTest::newRow("backtick fence") << u"Intro:\n```python\nprint(1)\n```\nAfter."_s
                                    << Blocks{P(u"Intro:"_s), C(u"print(1)"_s, u"python"_s), P(u"After."_s)};
    QTest::newRow("tilde fence") << u"~~~\ncode\n~~~"_s << Blocks{F(u"~~~"_s, u"code"_s)};
    QTest::newRow("fence interrupts a paragraph")
        << u"para\n```\nx\n```\nmore"_s << Blocks{P(u"para"_s), C(u"x"_s), P(u"more"_s)};

    // Closing fences.
    QTest::newRow("longer closing fence") << u"```\na\n`````\nb"_s << Blocks{C(u"a"_s), P(u"b"_s)};
    QTest::newRow("shorter fence inside is content")
        << u"````\n```\nstill code\n````"_s << Blocks{F(u"````"_s, u"```\nstill code"_s)};
    QTest::newRow("longer fence with info inside is content")
        << u"```\n````js\n```"_s << Blocks{C(u"````js"_s)};
    QTest::newRow("other fence char inside is content") << u"```\nx\n~~~\n```"_s << Blocks{C(u"x\n~~~"_s)};
    QTest::newRow("tilde fence holds backticks") << u"~~~\n```\n```py\n~~~"_s << Blocks{F(u"~~~"_s, u"```\n```py"_s)};
    QTest::newRow("closing fence with trailing spaces") << u"```\nx\n```  \t\ny"_s << Blocks{C(u"x"_s), P(u"y"_s)};
    QTest::newRow("closing fence followed by text is content")
        << u"```\nx\n``` y\n```"_s << Blocks{C(u"x\n``` y"_s)};
    QTest::newRow("closing fence indented 3") << u"```\nx\n   ```\ny"_s << Blocks{C(u"x"_s), P(u"y"_s)};
    // A closing fence is as long as the opening one or longer, of the same
    // character, without an info string. The first row is the input fuzzing
    // found (the fuzz target's own check took the "```" inside for a leaked
    // closing fence).
    QTest::newRow("four-backtick fence holding a three-backtick line")
        << u"````\n\n```\n````"_s << Blocks{F(u"````"_s, u"\n```"_s)};
    QTest::newRow("same with tildes") << u"~~~~\n\n~~~\n~~~~"_s << Blocks{F(u"~~~~"_s, u"\n~~~"_s)};
    QTest::newRow("longer closer with tildes") << u"~~~\nx\n~~~~~~\ny"_s << Blocks{F(u"~~~"_s, u"x"_s), P(u"y"_s)};
    QTest::newRow("closer with an info string is content")
        << u"~~~\nx\n~~~ a\n```\n~~~"_s << Blocks{F(u"~~~"_s, u"x\n~~~ a\n```"_s)};
    QTest::newRow("shorter indented line is content") << u"  ````\n  ```\n ````"_s << Blocks{F(u"````"_s, u"```"_s)};
    QTest::newRow("indented opener, unindented longer closer")
        << u"   ```\n   x\n`````\ny"_s << Blocks{C(u"x"_s), P(u"y"_s)};
    QTest::newRow("unterminated, shorter line last")
        << u"````\n```"_s << Blocks{F(u"````"_s, u"```"_s, false)};
    QTest::newRow("unterminated, shorter line ended")
        << u"~~~~\n~~~\n"_s << Blocks{F(u"~~~~"_s, u"~~~"_s, false)};
    QTest::newRow("closing fence indented 4 is content")
        << u"```\nx\n    ```"_s << Blocks{C(u"x\n    ```"_s, QString(), false)};

    // Unclosed fences (a streaming reply).
    QTest::newRow("unclosed") << u"Text\n```js\nlet a"_s << Blocks{P(u"Text"_s), C(u"let a"_s, u"js"_s, false)};
    QTest::newRow("unclosed, trailing newline") << u"```js\nlet a\n"_s << Blocks{C(u"let a"_s, u"js"_s, false)};
    QTest::newRow("only an opening fence") << u"```"_s << Blocks{C(QString(), QString(), false)};
    QTest::newRow("opening fence with info only") << u"Look:\n```py"_s
                                                  << Blocks{P(u"Look:"_s), C(QString(), u"py"_s, false)};
    QTest::newRow("unclosed runs to the end") << u"```\na\n\n# Heading\ntext"_s
                                              << Blocks{C(u"a\n\n# Heading\ntext"_s, QString(), false)};
    QTest::newRow("two backticks are not a fence") << u"Text\n``"_s << Blocks{P(u"Text\n``"_s)};

    // Info strings.
    QTest::newRow("language is the first word")
        << u"```python title=\"a b\"\nx\n```"_s << Blocks{C(u"x"_s, u"python"_s)};
    QTest::newRow("info trimmed") << u"```   rust   \nx\n```"_s << Blocks{C(u"x"_s, u"rust"_s)};
    QTest::newRow("info escapes and references") << u"``` c\\+\\+\nx\n```\n~~~ py&#116;hon&amp;\ny\n~~~"_s
                                                 << Blocks{C(u"x"_s, u"c++"_s), C(u"y"_s, u"python&"_s, true, u"~~~"_s)};
    QTest::newRow("backtick in backtick info: not a fence")
        << u"``` a`b\nx\n```"_s << Blocks{P(u"``` a`b\nx"_s), C(QString(), QString(), false)};
    QTest::newRow("backtick in tilde info is fine")
        << u"~~~ `odd` lang\nx\n~~~"_s << Blocks{C(u"x"_s, u"`odd`"_s, true, u"~~~"_s)};

    // Indentation.
    QTest::newRow("indentation stripped up to the fence's")
        << u"  ```\n  a\n    b\n c\nd\n  ```"_s << Blocks{C(u"a\n  b\nc\nd"_s)};
    QTest::newRow("three spaces still a fence") << u"   ~~~\n   x\n   ~~~"_s << Blocks{F(u"~~~"_s, u"x"_s)};
    QTest::newRow("four spaces: indented code, prose")
        << u"    ```\n    x\n    ```"_s << Blocks{P(u"    ```\n    x\n    ```"_s)};
    QTest::newRow("tab is four columns: prose") << u"\t```\nx"_s << Blocks{P(u"\t```\nx"_s)};
    QTest::newRow("partly stripped tab keeps its width") << u" ```\n\tx\n ```"_s << Blocks{C(u"   x"_s)};

    // Empty and adjacent blocks.
    QTest::newRow("empty code block") << u"```\n```"_s << Blocks{C(QString())};
    QTest::newRow("adjacent code blocks") << u"```a\n1\n```\n```b\n2\n```"_s
                                          << Blocks{C(u"1"_s, u"a"_s), C(u"2"_s, u"b"_s)};
    QTest::newRow("blank lines between code blocks") << u"```\n1\n```\n\n\n~~~\n2\n~~~\n"_s
                                                     << Blocks{C(u"1"_s), F(u"~~~"_s, u"2"_s)};
    QTest::newRow("blank lines inside code kept") << u"```\n\nx\n\n\n```"_s << Blocks{C(u"\nx\n\n"_s)};

    // Line endings (§2.1) and U+0000 (§2.3).
    QTest::newRow("CRLF") << u"a\r\n```js\r\nx\r\ny\r\n```\r\nb\r\n"_s
                          << Blocks{P(u"a"_s), C(u"x\ny"_s, u"js"_s), P(u"b"_s)};
    QTest::newRow("CR") << u"a\r```\rx\r```\rb"_s << Blocks{P(u"a"_s), C(u"x"_s), P(u"b"_s)};
    QTest::newRow("mixed endings in prose") << u"a\r\nb\rc\n"_s << Blocks{P(u"a\nb\nc"_s)};
    QTest::newRow("NUL") << QStringLiteral("a%1b\n```\nc%1\n```").arg(QChar(0))
                         << Blocks{P(QStringLiteral("a\uFFFDb")), C(QStringLiteral("c\uFFFD"))};

    // Fences in list items (§5.2) are split out; block quotes stay prose.
    QTest::newRow("fences under ordered items")
        << u"1. Install:\n   ```bash\n   pip install x\n   ```\n2. Run:\n   ```\n   x\n   ```"_s
        << Blocks{P(u"1. Install:"_s), C(u"pip install x"_s, u"bash"_s), P(u"2. Run:"_s), C(u"x"_s)};
    QTest::newRow("fence in a nested item, prose after dedented")
        << u"- a\n  - b\n    ```sh\n    ls\n    ```\n    after\n- c"_s
        << Blocks{P(u"- a\n  - b"_s), C(u"ls"_s, u"sh"_s), P(u"after\n- c"_s)};
    QTest::newRow("wide item content column")
        << u"10. a\n    ```\n    x\n    ```\n    more"_s << Blocks{P(u"10. a"_s), C(u"x"_s), P(u"more"_s)};
    QTest::newRow("closing fence outdented in an item")
        << u"- a\n  ```\n  x\n```\nb"_s << Blocks{P(u"- a"_s), C(u"x"_s), P(u"b"_s)};
    QTest::newRow("fence on the marker line") << u"1. ```bash\n   ls\n   ```\n2. b"_s
                                              << Blocks{P(u"1."_s), C(u"ls"_s, u"bash"_s), P(u"2. b"_s)};
    QTest::newRow("indented code in an item stays prose")
        << u"- a\n\n      ```\n      x"_s << Blocks{P(u"- a\n\n      ```\n      x"_s)};
    QTest::newRow("list closed by an unindented line after a blank")
        << u"- a\n\nb\n    ```\n    x"_s << Blocks{P(u"- a\n\nb\n    ```\n    x"_s)};
    QTest::newRow("block quote fence stays prose") << u"> ```\n> x\n> ```"_s << Blocks{P(u"> ```\n> x\n> ```"_s)};
}

void TestMarkdownBlocks::split()
{
    QFETCH(QString, markdown);
    QFETCH(Blocks, expected);
    QCOMPARE(vela::markdown::splitBlocks(markdown), expected);
}

// Neither code nor prose is rewritten: HTML is kept from taking effect where
// prose is rendered (render.h), not by editing the text.
void TestMarkdownBlocks::blocksKeepTheTextAsWritten()
{
    const QString md = u"Say <b>hi</b> with `<b>`:\n```html\n<b>hi</b> ![x](y) \\<\n```\n"_s;
    QCOMPARE(vela::markdown::splitBlocks(md),
             (Blocks{P(u"Say <b>hi</b> with `<b>`:"_s), C(u"<b>hi</b> ![x](y) \\<"_s, u"html"_s)}));
}

// The incremental splitter gives exactly splitBlocks() of every prefix, with
// the blocks before the index it returns untouched — for random texts cut
// into random deltas (CR LF pairs cut in half included).
void TestMarkdownBlocks::splitterMatchesFullSplitOnEveryAppend()
{
    static const QStringList pieces = {u"```"_s, u"````"_s, u"~~~"_s, u"`"_s, u"\n"_s, u"\r\n"_s, u"\r"_s,
                                       u"  "_s, u"    "_s, u"\t"_s, u"- "_s, u"1. "_s, u"10. "_s, u"> "_s,
                                       u"py"_s, u"code"_s, u"<b>"_s, u"\n\n"_s, u"x y"_s};
    QRandomGenerator rng(7);
    for (int n = 0; n < 1500; ++n) {
        QString doc;
        const int count = int(rng.bounded(1, 60));
        for (int k = 0; k < count; ++k)
            doc += pieces[qsizetype(rng.bounded(pieces.size()))];
        BlockSplitter splitter;
        Blocks previous;
        qsizetype pos = 0;
        while (pos < doc.size()) {
            pos = std::min(doc.size(), pos + qsizetype(rng.bounded(1, 6)));
            const QString prefix = doc.first(pos);
            const qsizetype unchanged = splitter.update(prefix);
            QCOMPARE(splitter.blocks(), vela::markdown::splitBlocks(prefix));
            QVERIFY(unchanged <= qsizetype(previous.size()));
            for (qsizetype i = 0; i < unchanged; ++i)
                QCOMPARE(splitter.blocks()[std::size_t(i)], previous[std::size_t(i)]);
            previous = splitter.blocks();
        }
    }
}

void TestMarkdownBlocks::splitterResumesFromLastBlock()
{
    BlockSplitter s;
    QCOMPARE(s.update(u"Intro\n```py\nx = 1\n"_s), qsizetype(0));
    const qsizetype fenceLine = u"Intro\n"_s.size();
    QCOMPARE(s.resumeOffset(), fenceLine); // the open code block may still change
    QCOMPARE(s.update(u"Intro\n```py\nx = 1\n```\nMore"_s), qsizetype(1)); // "Intro" is final
    QCOMPARE(s.resumeOffset(), u"Intro\n```py\nx = 1\n```\n"_s.size());
    QCOMPARE(s.blocks(), (Blocks{P(u"Intro"_s), C(u"x = 1"_s, u"py"_s), P(u"More"_s)}));
    // Not an extension: split again from scratch.
    QCOMPARE(s.update(u"Other"_s), qsizetype(0));
    QCOMPARE(s.blocks(), Blocks{P(u"Other"_s)});
    // A closing fence on the last, unterminated line may still turn into content.
    QCOMPARE(s.update(u"```\na\n```"_s), qsizetype(0));
    QCOMPARE(s.blocks(), Blocks{C(u"a"_s)});
    QCOMPARE(s.update(u"```\na\n```x"_s), qsizetype(0));
    QCOMPARE(s.blocks(), Blocks{C(u"a\n```x"_s, QString(), false)});
}

void TestMarkdownBlocks::plainText()
{
    const QString md = u"# Title\n\nSome **bold** and `code` with a [link](https://x.invalid/) and <b>.\n\n"
                       u"- one\n- two\n  1. nested\n\n> quoted\n\n```py\nprint(1)\n```\n\n"
                       u"| a | b |\n|---|---|\n| 1 | 2 |\n"_s;
    QCOMPARE(vela::markdown::toPlainText(md),
             u"Title\n\nSome bold and code with a link (https://x.invalid/) and <b>.\n\n"
             u"- one\n- two\n  1. nested\n\n> quoted\n\nprint(1)\n\na\tb\n1\t2"_s);
    QCOMPARE(vela::markdown::toPlainText(u"- [x] done\n- [ ] todo\n\nSee <https://x.invalid>.\n\n---\n\nEnd"_s),
             u"- [x] done\n- [ ] todo\n\nSee https://x.invalid.\n\nEnd"_s);
    QCOMPARE(vela::markdown::toPlainText(u"```\nunclosed"_s), u"unclosed"_s);
    QCOMPARE(vela::markdown::toPlainText(QString()), QString());
}

// Splitting is one pass over the text, so its time grows linearly with the
// text, also for inputs built to make naive scanners quadratic. Asserted by
// comparing the same amount of text, which does not depend on the machine's
// speed: one 1 M text may take at most 8 times as long as 32 texts of 32 K
// (linear: about 1, up to 5 with cache and allocation effects on a busy
// machine; quadratic: about 32). Each time is the best of 9 runs, so a run
// slowed down by other processes does not count. Streaming is checked by
// counting work: each update rescans only from the start of the last block.
void TestMarkdownBlocks::largeInputIsLinear()
{
    const auto reply = [](qsizetype size) {
        QString big;
        for (int i = 0; big.size() < size; ++i) {
            big += QStringLiteral("Paragraph %1 with `code`, <tags>, [links](http://x.invalid) and *emphasis*.\n\n").arg(i);
            if (i % 10 == 0)
                big += QStringLiteral("```cpp\nint f%1() { return %1 < 2; }\n```\n").arg(i);
            if (i % 25 == 0)
                big += QStringLiteral("1. item\n   ```\n   nested %1\n   ```\n2. next\n").arg(i);
        }
        return big;
    };
    const QString big = reply(200 * 1024);
    const Blocks blocks = vela::markdown::splitBlocks(big);
    QVERIFY(blocks.size() > 200);
    QVERIFY(blocks.front().kind == Block::Kind::Prose);

    // Texts of about `size` characters: `unit` repeated, then `tail`.
    struct Shape {
        const char* name;
        QString unit, tail;
    };
    const QList<Shape> adversarial = {
        {"one long backtick run", u"`"_s, {}},
        {"unmatched runs of many lengths", u"` `` ``` "_s, {}},
        {"openers without closers, one line", u"`a"_s, u"\n"_s},
        {"autolink starts that never end", u"<a:"_s, {}},
        {"link destinations that never close", u"[x]("_s, {}},
        {"list markers on list markers", u"- - - - - - - - x\n"_s, {}},
        {"... on one line", u"- "_s, u"x"_s},
        {"quoted items, then a fence", u"> 1. "_s, u"```"_s},
        {"fence after fence", u"```\n"_s, {}},
        {"longer and longer closers", u"````\n```\n"_s, {}},
        {"indented code", u"    x\n\n"_s, {}},
    };
    // `make` builds a text of about the given size. Small and large runs
    // alternate, so a busy moment of the machine hits both alike.
    const auto checkLinear = [&](const char* name, const std::function<QString(qsizetype)>& make) {
        const QString smallText = make(32 * 1024), largeText = make(32 * 32 * 1024);
        qint64 small = std::numeric_limits<qint64>::max(), large = small;
        for (int run = 0; run < 9; ++run) {
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < 32; ++i)
                (void)vela::markdown::splitBlocks(smallText);
            small = std::min(small, t.nsecsElapsed());
            t.restart();
            (void)vela::markdown::splitBlocks(largeText);
            large = std::min(large, t.nsecsElapsed());
        }
        qInfo("%s: %.2f ms for 32 x 32 K, %.2f ms for 1 M", name, small / 1e6, large / 1e6);
        QVERIFY2(large < 8 * small, name);
    };
    checkLinear("reply", reply);
    for (const Shape& shape : adversarial) {
        checkLinear(shape.name,
                    [&](qsizetype size) { return shape.unit.repeated(size / shape.unit.size()) + shape.tail; });
        if (QTest::currentTestFailed())
            return;
    }

    // Streaming in 64-character deltas: what an update rescans is the growing
    // last block and the new text, never the blocks before it.
    qsizetype longestBlock = 0;
    for (const Block& b : blocks)
        longestBlock = std::max(longestBlock, b.text.size() + b.language.size() + 16); // + its fences
    qsizetype rescanned = 0, updates = 0;
    BlockSplitter splitter;
    for (qsizetype pos = 64;; pos = std::min(big.size(), pos + 64)) {
        rescanned += pos - splitter.resumeOffset();
        ++updates;
        splitter.update(big.first(pos));
        if (pos == big.size())
            break;
    }
    QCOMPARE(splitter.blocks(), blocks);
    QVERIFY2(rescanned <= updates * (64 + longestBlock), qPrintable(QString::number(rescanned)));
}

QTEST_MAIN(TestMarkdownBlocks)
#include "tst_markdown_blocks.moc"
