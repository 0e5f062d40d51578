// AppSettings: the font size (the system's until chosen, kept within its
// range), high contrast, spell checking, and the theme's light/dark resolution, each kept
// in the data folder's settings.ini across instances.
#include "app_settings.h"

#include <QFont>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using vela::app::AppSettings;

class TestAppSettings : public QObject {
    Q_OBJECT
private slots:
    void fontSizeDefaultsToTheSystemFont();
    void fontSizeStaysInItsRange();
    void highContrastPersists();
    void explicitThemeDecidesDark();
    void spellCheckPersists();
};

void TestAppSettings::fontSizeDefaultsToTheSystemFont()
{
    QTemporaryDir dir;
    const QFont before = QGuiApplication::font();
    QFont f = before;
    f.setPointSize(14);
    QGuiApplication::setFont(f);
    QCOMPARE(AppSettings(dir.path()).fontSize(), 14);
    // A system font past the range (a 200 % desktop) is taken at the maximum.
    f.setPointSize(40);
    QGuiApplication::setFont(f);
    QCOMPARE(AppSettings(dir.path()).fontSize(), AppSettings::kMaxFontSize);
    // Once chosen, the choice wins over the system's size.
    AppSettings(dir.path()).setFontSize(12);
    QCOMPARE(AppSettings(dir.path()).fontSize(), 12);
    QGuiApplication::setFont(before);
}

void TestAppSettings::fontSizeStaysInItsRange()
{
    QTemporaryDir dir;
    AppSettings s(dir.path());
    QCOMPARE(s.minFontSize(), AppSettings::kMinFontSize);
    QCOMPARE(s.maxFontSize(), AppSettings::kMaxFontSize);
    s.setFontSize(AppSettings::kMaxFontSize + 10);
    QCOMPARE(s.fontSize(), AppSettings::kMaxFontSize);
    s.setFontSize(AppSettings::kMinFontSize - 5);
    QCOMPARE(s.fontSize(), AppSettings::kMinFontSize);
}

void TestAppSettings::highContrastPersists()
{
    QTemporaryDir dir;
    {
        AppSettings s(dir.path());
        QVERIFY(!s.highContrast());
        QSignalSpy changed(&s, &AppSettings::highContrastChanged);
        s.setHighContrast(true);
        s.setHighContrast(true); // no change, no signal
        QCOMPARE(changed.count(), 1);
    }
    QVERIFY(AppSettings(dir.path()).highContrast());
}

void TestAppSettings::explicitThemeDecidesDark()
{
    QTemporaryDir dir;
    AppSettings s(dir.path());
    QCOMPARE(s.theme(), QStringLiteral("system"));
    s.setTheme(QStringLiteral("dark"));
    QVERIFY(s.dark());
    s.setTheme(QStringLiteral("light"));
    QVERIFY(!s.dark());
}

void TestAppSettings::spellCheckPersists()
{
    QTemporaryDir dir;
    {
        AppSettings s(dir.path());
        QVERIFY(s.spellCheck()); // on until turned off
        QSignalSpy changed(&s, &AppSettings::spellCheckChanged);
        s.setSpellCheck(false);
        s.setSpellCheck(false);
        QCOMPARE(changed.count(), 1);
    }
    QVERIFY(!AppSettings(dir.path()).spellCheck());
}

QTEST_MAIN(TestAppSettings)
#include "tst_app_settings.moc"
