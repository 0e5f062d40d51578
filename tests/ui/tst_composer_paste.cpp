// Invalid UTF-8 from the clipboard, through the real composer
// (ui/Composer.qml in a window: Ctrl+V, then Enter) and ChatController on the
// tiny chat model (CPU). Raw bytes on the clipboard — as
// "text/plain;charset=utf-8" data, or as the QString another application's
// text decodes to — become U+FFFD per invalid byte with the valid parts
// kept; the message stored in the database file is valid UTF-8; the
// tokenizer counts it and the model answers; copied back out with
// Clipboard.copy (what a message's Copy button calls) it round-trips.
#include "chat_test_models.h"

#include "viewmodels/chat_controller.h"
#include "viewmodels/clipboard.h"
#include "engine/engine_controller.h"
#include "engine/inference_worker.h"
#include "storage/conversation_store.h"

#include "vela_style.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest/QtTest>

#include <sqlite3.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)
Q_IMPORT_QML_PLUGIN(Vela_StylePlugin)

using namespace vela;
using namespace vela::app;

namespace {

// Bytes no UTF-8 decoder accepts: 0xFF and 0xFE never occur, 0xC3 is cut
// short by '(', and ED A0 80 encodes the surrogate U+D800.
const QByteArray kBytes("abc\xff\xfe\xc3(def\xed\xa0\x80");
const QString kExpected = QStringLiteral("abc\uFFFD\uFFFD\uFFFD(def\uFFFD\uFFFD\uFFFD");

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    return !decoder.hasError() && decoded.toUtf8() == bytes;
}

// The message's content as SQLite holds it in the file, byte for byte.
QByteArray storedBytes(const QString& dataDir, qint64 messageId)
{
    const QByteArray path = QDir(dataDir).filePath(QStringLiteral("vela.sqlite3")).toUtf8();
    sqlite3* db = nullptr;
    QByteArray out;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT content FROM messages WHERE id = ?", -1, &st, nullptr) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, messageId);
            if (sqlite3_step(st) == SQLITE_ROW)
                out = QByteArray(static_cast<const char*>(sqlite3_column_blob(st, 0)), sqlite3_column_bytes(st, 0));
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

} // namespace

class TestComposerPaste : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString dataDir_;
    std::unique_ptr<storage::ConversationStore> store_;
    std::unique_ptr<EngineController> engine_;
    std::unique_ptr<ChatController> chat_;
    QQmlEngine qml_;
    QQuickWindow window_;
    QQuickItem* composer_ = nullptr;
    QQuickItem* input_ = nullptr;

private slots:
    void initTestCase()
    {
        vela::ui::useVelaStyle();
        QVERIFY(dir_.isValid());
        dataDir_ = dir_.filePath(QStringLiteral("data"));
        store_ = std::make_unique<storage::ConversationStore>(dataDir_);
        engine_ = std::make_unique<EngineController>();
        chat_ = std::make_unique<ChatController>(*store_, *engine_);
        chat_->settings()->setText(QStringLiteral("max_tokens"), QStringLiteral("16"));
        QSignalSpy loaded(engine_.get(), &EngineController::modelLoaded);
        BackendChoice cpu;
        cpu.kind = BackendChoice::Kind::Cpu;
        engine_->loadModel(test::writeChatModel(dir_.path()), cpu, 512);
        QVERIFY(loaded.wait(120000));
        QTRY_VERIFY(chat_->blockedReason().isEmpty());

        qml_.addImportPath(QStringLiteral("qrc:/qt/qml"));
        QQmlComponent component(&qml_);
        component.setData("import QtQuick\nimport Vela.Ui\nComposer { width: 580; height: 200 }\n", QUrl());
        composer_ = qobject_cast<QQuickItem*>(component.create());
        QVERIFY2(composer_, qPrintable(component.errorString()));
        composer_->setParent(&window_);
        composer_->setParentItem(window_.contentItem());
        input_ = composer_->findChild<QQuickItem*>(QStringLiteral("composerInput"));
        QVERIFY(input_);
        window_.resize(600, 220);
        window_.show();
        window_.requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(&window_));
    }

    void cleanupTestCase()
    {
        engine_->shutdown();
        chat_.reset();
        engine_.reset();
        store_.reset();
    }

    void pasteInvalidUtf8_data()
    {
        QTest::addColumn<bool>("asMimeBytes");
        QTest::newRow("text/plain;charset=utf-8 bytes") << true;
        QTest::newRow("QString::fromUtf8 text") << false;
    }

    void pasteInvalidUtf8()
    {
        QFETCH(bool, asMimeBytes);
        QClipboard* clipboard = QGuiApplication::clipboard();
        if (asMimeBytes) {
            auto* mime = new QMimeData;
            mime->setData(QStringLiteral("text/plain;charset=utf-8"), kBytes);
            clipboard->setMimeData(mime); // takes ownership
        } else {
            clipboard->setText(QString::fromUtf8(kBytes));
        }

        // Pasted as the user does, then sent with Enter.
        input_->forceActiveFocus();
        QTRY_VERIFY(input_->hasActiveFocus());
        QTest::keyClick(&window_, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(composer_->property("text").toString(), kExpected);
        QSignalSpy sent(composer_, SIGNAL(sendRequested(QString)));
        QTest::keyClick(&window_, Qt::Key_Return);
        QCOMPARE(sent.size(), 1);
        const QString text = sent.first().first().toString();
        QCOMPARE(text, kExpected);
        QCOMPARE(composer_->property("text").toString(), QString()); // cleared for the next one
        QVERIFY(engine_->countTokens(text) > 0);

        QSignalSpy ended(chat_->reply(), &StreamingReply::ended);
        QVERIFY(chat_->send(text));
        QVERIFY(ended.wait(300000));
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("complete"));
        const auto messages = store_->messages(chat_->currentConversationId());
        QVERIFY(messages.size() >= 2);
        const storage::Message& user = messages[messages.size() - 2];
        QCOMPARE(user.content, kExpected);
        const QByteArray bytes = storedBytes(dataDir_, user.id);
        QVERIFY(isValidUtf8(bytes));
        QCOMPARE(bytes, kExpected.toUtf8());

        // Copied back out: the same text, valid UTF-8 for other applications.
        Clipboard copy;
        copy.copy(user.content);
        QCOMPARE(clipboard->text(), kExpected);
        QCOMPARE(copy.text(), kExpected);
        const QByteArray out = clipboard->mimeData()->data(QStringLiteral("text/plain"));
        QVERIFY(isValidUtf8(out));
        QCOMPARE(out, kExpected.toUtf8());
    }
};

QTEST_MAIN(TestComposerPaste)
#include "tst_composer_paste.moc"
