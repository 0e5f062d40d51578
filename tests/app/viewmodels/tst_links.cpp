// Links::isOpenable: which links in a reply may leave the app. A reply is
// untrusted text, so everything but web and mail links must be refused.
#include "links.h"

#include <QtTest>

using vela::app::Links;

class TestLinks : public QObject {
    Q_OBJECT
private slots:
    void openable_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<bool>("openable");
        QTest::newRow("https") << "https://qwenlm.github.io/blog/qwen3/" << true;
        QTest::newRow("http") << "http://example.org" << true;
        QTest::newRow("upper-case scheme") << "HTTPS://example.org/a" << true;
        QTest::newRow("mailto") << "mailto:someone@example.org" << true;
        QTest::newRow("file") << "file:///home/user/.bashrc" << false;
        QTest::newRow("desktop entry") << "file:///usr/share/applications/xterm.desktop" << false;
        QTest::newRow("javascript") << "javascript:alert(1)" << false;
        QTest::newRow("smb") << "smb://server/share" << false;
        QTest::newRow("data") << "data:text/html,<script>x</script>" << false;
        QTest::newRow("relative") << "notes.txt" << false;
        QTest::newRow("no host") << "https:///path" << false;
        QTest::newRow("empty mailto") << "mailto:" << false;
        QTest::newRow("empty") << "" << false;
    }
    void openable()
    {
        QFETCH(QString, link);
        QFETCH(bool, openable);
        QCOMPARE(Links::isOpenable(QUrl(link, QUrl::StrictMode)), openable);
    }

    // A refused link is not handed to the desktop (open() answers false
    // before QDesktopServices is asked).
    void refusedLinksAreNotOpened()
    {
        Links links;
        QVERIFY(!links.open(QStringLiteral("file:///etc/passwd")));
        QVERIFY(!links.open(QStringLiteral("javascript:alert(1)")));
    }

    // What QML asks before it offers the confirmation dialog.
    void canOpenIsIsOpenable()
    {
        const Links links;
        QVERIFY(links.canOpen(QStringLiteral("https://example.com/a?b=1")));
        QVERIFY(links.canOpen(QStringLiteral("mailto:someone@example.com")));
        QVERIFY(!links.canOpen(QStringLiteral("file:///etc/passwd")));
        QVERIFY(!links.canOpen(QStringLiteral("https:")));
    }
};

QTEST_GUILESS_MAIN(TestLinks)
#include "tst_links.moc"
