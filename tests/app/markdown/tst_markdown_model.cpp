// vela_markdown's BlockListModel: a chat message's blocks as rows that follow
// a streaming reply with inserts and in-place changes (never a reset), and
// prose rendered as rich text only for rows that changed.
#include "blocks_test_util.h"
#include "markdown/block_list_model.h"
#include "markdown/blocks.h"
#include "render_probe.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTextDocument>
#include <QtTest/QtTest>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;
using namespace blocks_test;

using vela::markdown::Block;
using vela::markdown::BlockListModel;

namespace {

// A reply as a model writes it: prose, a list with code under its items, a
// top-level fence, inline code, a table, HTML that must stay text.
const QString kReply =
    u"Sure! Here's how to fetch a page in **Python**.\n"
    u"\n"
    u"## Steps\n"
    u"\n"
    u"1. Install the package:\n"
    u"   ```bash\n"
    u"   pip install requests\n"
    u"   ```\n"
    u"2. Write the script:\n"
    u"\n"
    u"```python\n"
    u"import requests\n"
    u"\n"
    u"def main():\n"
    u"    r = requests.get(\"https://example.com\")  # <b>not html</b>\n"
    u"    print(r.status_code)\n"
    u"```\n"
    u"\n"
    u"Use `requests.get(url)` — or `<urlopen>` from the standard library:\n"
    u"\n"
    u"| call | returns |\n"
    u"|------|---------|\n"
    u"| `get` | <i>Response</i> |\n"
    u"\n"
    u"~~~text\n"
    u"tilde fence, ``` inside is content\n"
    u"~~~\n"
    u"That's it. <img src=\"http://tracker.invalid/x.png\"/> ![pixel](http://tracker.invalid/p.png)\n"_s;

// Records what a model told its views.
struct ModelSignals {
    explicit ModelSignals(QAbstractItemModel* m)
        : resets(m, &QAbstractItemModel::modelAboutToBeReset), removes(m, &QAbstractItemModel::rowsAboutToBeRemoved),
          inserts(m, &QAbstractItemModel::rowsAboutToBeInserted), changes(m, &QAbstractItemModel::dataChanged),
          moves(m, &QAbstractItemModel::rowsAboutToBeMoved), layouts(m, &QAbstractItemModel::layoutAboutToBeChanged)
    {
    }
    int insertedRows() const
    {
        int n = 0;
        for (const auto& args : inserts)
            n += args.at(2).toInt() - args.at(1).toInt() + 1;
        return n;
    }
    QSignalSpy resets, removes, inserts, changes, moves, layouts;
};

Blocks modelBlocks(const BlockListModel& m)
{
    Blocks out;
    for (int r = 0; r < m.rowCount(); ++r) {
        const QModelIndex i = m.index(r);
        Block b;
        b.kind = i.data(BlockListModel::KindRole).toString() == u"code" ? Block::Kind::Code : Block::Kind::Prose;
        b.text = i.data(BlockListModel::TextRole).toString();
        b.language = i.data(BlockListModel::LanguageRole).toString();
        b.closed = i.data(BlockListModel::ClosedRole).toBool();
        b.fence = m.blocks()[std::size_t(r)].fence; // no role: only the splitter needs it
        out.push_back(b);
    }
    return out;
}
} // namespace

class TestMarkdownModel : public QObject {
    Q_OBJECT

private slots:
    void modelRolesAndProperties();
    void modelStreamsCharacterByCharacter_data();
    void modelStreamsCharacterByCharacter();
    void modelStreamStartingWithFence();
    void modelHandlesReplacementsAndShrinking();
    void modelRendersOnlyChangedRows();
};

void TestMarkdownModel::modelRolesAndProperties()
{
    BlockListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto names = model.roleNames();
    QCOMPARE(names.value(BlockListModel::KindRole), QByteArray("kind"));
    QCOMPARE(names.value(BlockListModel::TextRole), QByteArray("text"));
    QCOMPARE(names.value(BlockListModel::LanguageRole), QByteArray("language"));
    QCOMPARE(names.value(BlockListModel::ClosedRole), QByteArray("closed"));
    QCOMPARE(names.value(BlockListModel::HtmlRole), QByteArray("html"));

    QSignalSpy markdownChanged(&model, &BlockListModel::markdownChanged);
    QSignalSpy countChanged(&model, &BlockListModel::countChanged);
    QVERIFY(model.setProperty("markdown", u"Hi <b>\n```js\nf()\n"_s));
    QCOMPARE(markdownChanged.size(), 1);
    QCOMPARE(countChanged.size(), 1);
    QCOMPARE(model.property("markdown").toString(), u"Hi <b>\n```js\nf()\n"_s);
    QCOMPARE(model.property("count").toInt(), 2);

    const QModelIndex prose = model.index(0), code = model.index(1);
    QCOMPARE(prose.data(BlockListModel::KindRole).toString(), u"prose"_s);
    QCOMPARE(prose.data(BlockListModel::TextRole).toString(), u"Hi <b>"_s);
    QCOMPARE(prose.data(Qt::DisplayRole).toString(), u"Hi <b>"_s);
    QTextDocument view; // what TextEdit.RichText shows
    view.setHtml(prose.data(BlockListModel::HtmlRole).toString());
    QCOMPARE(view.toPlainText(), u"Hi <b>"_s);
    QVERIFY(!probe::showsHtmlOrImages(view));
    QCOMPARE(code.data(BlockListModel::KindRole).toString(), u"code"_s);
    QCOMPARE(code.data(BlockListModel::TextRole).toString(), u"f()"_s);
    QCOMPARE(code.data(BlockListModel::LanguageRole).toString(), u"js"_s);
    QCOMPARE(code.data(BlockListModel::ClosedRole).toBool(), false);
    QCOMPARE(code.data(BlockListModel::HtmlRole).toString(), QString());

    model.setMarkdown(model.markdown()); // same text: nothing
    QCOMPARE(markdownChanged.size(), 1);
    QCOMPARE(model.plainText(), u"Hi <b>\n\nf()"_s);
}

void TestMarkdownModel::modelStreamsCharacterByCharacter_data()
{
    QTest::addColumn<QString>("reply");
    QTest::newRow("reply") << kReply;
    QTest::newRow("reply, CRLF") << QString(kReply).replace(u'\n', u"\r\n"_s);
}

// A reply streamed one character at a time: after every delta the model
// holds exactly splitBlocks(text so far), and it got there with inserts and
// in-place changes only — no reset, no removal, no moves — so no QML delegate
// is ever recreated.
void TestMarkdownModel::modelStreamsCharacterByCharacter()
{
    QFETCH(QString, reply);
    BlockListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSignals sig(&model);
    std::vector<QPersistentModelIndex> rows; // one per row, taken when it appeared

    for (qsizetype n = 1; n <= reply.size(); ++n) {
        const QString text = reply.first(n);
        const int rowsBefore = model.rowCount();
        const qsizetype changesBefore = sig.changes.size(), insertsBefore = sig.inserts.size();
        model.setMarkdown(text);
        if (QTest::currentTestFailed())
            return;
        const Blocks expected = vela::markdown::splitBlocks(text);
        QCOMPARE(model.blocks(), expected);
        // Only the last block changes; new blocks come after it.
        for (qsizetype c = changesBefore; c < sig.changes.size(); ++c) {
            QCOMPARE(sig.changes.at(c).at(0).value<QModelIndex>().row(), rowsBefore - 1);
            QCOMPARE(sig.changes.at(c).at(1).value<QModelIndex>().row(), rowsBefore - 1);
        }
        for (qsizetype i = insertsBefore; i < sig.inserts.size(); ++i)
            QCOMPARE(sig.inserts.at(i).at(1).toInt(), rowsBefore);
        while (rows.size() < std::size_t(model.rowCount()))
            rows.emplace_back(model.index(int(rows.size())));
    }
    QCOMPARE(modelBlocks(model), vela::markdown::splitBlocks(reply));
    QCOMPARE(sig.resets.size(), 0);
    QCOMPARE(sig.removes.size(), 0);
    QCOMPARE(sig.moves.size(), 0);
    QCOMPARE(sig.layouts.size(), 0);
    QCOMPARE(sig.insertedRows(), model.rowCount()); // every block inserted once
    QVERIFY(sig.changes.size() > 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        QVERIFY(rows[r].isValid());
        QCOMPARE(rows[r].row(), int(r));
    }
    // What the reply should have become.
    const Blocks final = model.blocks();
    QCOMPARE(int(final.size()), 7);
    QCOMPARE(final[1], C(u"pip install requests"_s, u"bash"_s));
    QCOMPARE(final[2].text, u"2. Write the script:"_s);
    QVERIFY(final[3].text.contains(u"# <b>not html</b>"_s));
    QCOMPARE(final[3].language, u"python"_s);
    QVERIFY(final[4].text.contains(u"`<urlopen>`"_s));
    QVERIFY(final[4].text.contains(u"<i>Response</i>"_s));
    QCOMPARE(final[5], C(u"tilde fence, ``` inside is content"_s, u"text"_s, true, u"~~~"_s));
    for (const int row : {4, 6}) { // the HTML in them shows as text
        QTextDocument view;
        view.setHtml(model.index(row).data(BlockListModel::HtmlRole).toString());
        QVERIFY(!probe::showsHtmlOrImages(view));
        QVERIFY(view.toPlainText().contains(row == 4 ? u"<i>Response</i>"_s : u"<img src="_s));
    }
}

// A reply that opens with a fence is prose ("`", "``") until the third
// backtick: that one row is replaced once; nothing else is removed.
void TestMarkdownModel::modelStreamStartingWithFence()
{
    const QString reply = u"```cpp\nint main() {}\n```\nThat compiles.\n"_s;
    BlockListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSignals sig(&model);
    for (qsizetype n = 1; n <= reply.size(); ++n) {
        model.setMarkdown(reply.first(n));
        QCOMPARE(model.blocks(), vela::markdown::splitBlocks(reply.first(n)));
    }
    QCOMPARE(sig.resets.size(), 0);
    QCOMPARE(sig.removes.size(), 1);
    QCOMPARE(model.blocks(), (Blocks{C(u"int main() {}"_s, u"cpp"_s), P(u"That compiles."_s)}));
}

// Arbitrary edits (a regenerated reply, another message in the same
// delegate, clearing) still end in the right rows, without resets.
void TestMarkdownModel::modelHandlesReplacementsAndShrinking()
{
    BlockListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSignals sig(&model);
    const QStringList texts = {kReply,
                               u"Short"_s,
                               u"```\nonly code\n```"_s,
                               u"```\nonly code\n```\nand prose\n```\nmore\n```"_s,
                               u"prose\n```x\ny"_s,
                               QString(),
                               kReply.first(300),
                               kReply};
    for (const QString& t : texts) {
        model.setMarkdown(t);
        QCOMPARE(model.blocks(), vela::markdown::splitBlocks(t));
        QCOMPARE(modelBlocks(model), vela::markdown::splitBlocks(t));
        QCOMPARE(model.rowCount(), int(model.blocks().size()));
    }
    QCOMPARE(sig.resets.size(), 0);

    // Random chunks, random restarts.
    QRandomGenerator rng(99);
    for (int round = 0; round < 40; ++round) {
        qsizetype pos = qsizetype(rng.bounded(kReply.size()));
        while (pos < kReply.size()) {
            pos = std::min(kReply.size(), pos + qsizetype(rng.bounded(1, 40)));
            model.setMarkdown(kReply.first(pos));
            QCOMPARE(model.blocks(), vela::markdown::splitBlocks(kReply.first(pos)));
        }
    }
}
// Rich text is rendered once per row and text: streaming on renders the
// growing last row only; a new font renders every prose row again.
void TestMarkdownModel::modelRendersOnlyChangedRows()
{
    BlockListModel model;
    model.setMarkdown(u"Intro *a*\n```py\nx = 1\n"_s);
    const QString intro = model.index(0).data(BlockListModel::HtmlRole).toString();
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setMarkdown(u"Intro *a*\n```py\nx = 1\n```\nMore <b>"_s);
    QVERIFY(model.index(0).data(BlockListModel::HtmlRole).toString().constData() == intro.constData());
    QTextDocument view;
    view.setHtml(model.index(2).data(BlockListModel::HtmlRole).toString());
    QCOMPARE(view.toPlainText(), u"More <b>"_s);
    for (const QList<QVariant>& args : changes) // the code row closed; no prose row changed
        QVERIFY(!args.at(2).value<QList<int>>().contains(BlockListModel::HtmlRole));

    changes.clear();
    QSignalSpy fontChanged(&model, &BlockListModel::fontChanged);
    QFont font;
    font.setPointSize(31);
    model.setFont(font);
    QCOMPARE(fontChanged.size(), 1);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changes.at(0).at(1).value<QModelIndex>().row(), 2);
    QCOMPARE(changes.at(0).at(2).value<QList<int>>(), QList<int>{BlockListModel::HtmlRole});
    QVERIFY(model.index(0).data(BlockListModel::HtmlRole).toString().constData() != intro.constData());
    model.setFont(font); // the same font: nothing
    QCOMPARE(fontChanged.size(), 1);
}

QTEST_MAIN(TestMarkdownModel)
#include "tst_markdown_model.moc"
