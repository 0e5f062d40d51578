// resources/translations/vela_es.ts is complete: lupdate over today's
// sources (into a copy) finds no string that is new (unfinished) or gone
// (vanished/obsolete), and lrelease compiles every entry as finished.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QtTest>

namespace {

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return QStringLiteral("FAILED: ") + QString::fromUtf8(p.readAll());
    return QString::fromUtf8(p.readAll());
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void spanishIsComplete()
    {
        QTemporaryDir dir;
        const QString ts = dir.filePath(QStringLiteral("vela_es.ts"));
        QVERIFY(QFile::copy(QStringLiteral(VELA_TS_FILE), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QStringList args = QStringLiteral(VELA_TR_SOURCES).split(QLatin1Char('|'), Qt::SkipEmptyParts);
        QVERIFY(args.size() > 10);
        // Includes as the build has them ("engine/engine_controller.h"), so
        // that tr() in app/engine gets its class's context, as vela_lupdate's.
        args << QStringLiteral("-I") << QStringLiteral(VELA_SOURCE_DIR "/app");
        // Without -no-obsolete: strings the sources no longer have show as vanished.
        args << QStringLiteral("-locations") << QStringLiteral("none") << QStringLiteral("-ts") << ts;
        const QString out = run(QStringLiteral(VELA_LUPDATE), args);
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));

        QFile f(ts);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString xml = QString::fromUtf8(f.readAll());
        // List what is wrong, so the failure says which strings to translate.
        QStringList problems;
        const QRegularExpression message(QStringLiteral("<message[^>]*>\\s*<source>(.*?)</source>.*?</message>"),
                                         QRegularExpression::DotMatchesEverythingOption);
        for (auto it = message.globalMatch(xml); it.hasNext();) {
            const auto m = it.next();
            const QString whole = m.captured(0);
            for (const char* type : {"unfinished", "vanished", "obsolete"})
                if (whole.contains(QStringLiteral("type=\"%1\"").arg(QLatin1String(type))))
                    problems << QStringLiteral("%1: %2").arg(QLatin1String(type), m.captured(1));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("vela_es.ts is not up to date "
                                                               "(cmake --build build --target vela_lupdate, then "
                                                               "translate the new strings in vela_es.ts):\n")
                                                + problems.join(QLatin1Char('\n'))));
    }

    void lreleaseFindsNothingUnfinished()
    {
        QTemporaryDir dir;
        const QString out = run(QStringLiteral(VELA_LRELEASE),
                                {QStringLiteral(VELA_TS_FILE), QStringLiteral("-qm"), dir.filePath(QStringLiteral("es.qm"))});
        QVERIFY2(out.contains(QStringLiteral(" 0 unfinished")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
