// Theme.qml's palettes against WCAG 2.1: every pair in Theme.contrastPairs
// (which text or control color is drawn on which background) meets its
// minimum in every palette (light, dark, high contrast light and dark), and
// every palette sets every role of ThemePalette.qml.
#include <QColor>
#include <QMetaProperty>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest/QtTest>

#include <cmath>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vela_AppPlugin)
Q_IMPORT_QML_PLUGIN(Vela_UiPlugin)

namespace {

// WCAG 2.1 relative luminance (definition "relative luminance", sRGB).
double luminance(const QColor& c)
{
    const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG 2.1 contrast ratio, 1..21.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void contrastFormula();
    void everyPaletteSetsEveryRole();
    void textMeetsWcagAa();
    void currentPaletteFollowsDarkAndHighContrast();

private:
    QQmlEngine engine_;
    std::unique_ptr<QObject> holder_;
    QObject* theme_ = nullptr;
    QVariantMap palettes_;
};

void TestTheme::initTestCase()
{
    engine_.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent c(&engine_);
    c.setData("import QtQuick\nimport Vela.Ui\nQtObject { readonly property QtObject theme: Theme }", QUrl());
    holder_.reset(c.create());
    QVERIFY2(holder_, qPrintable(c.errorString()));
    theme_ = holder_->property("theme").value<QObject*>();
    QVERIFY(theme_);
    palettes_ = theme_->property("palettes").toMap();
    QCOMPARE(palettes_.size(), 4);
}

void TestTheme::contrastFormula()
{
    // Known values: the extremes, and mid grey at the AA threshold.
    QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(qRound(contrast(Qt::white, Qt::white) * 100), 100);
    QVERIFY(contrast(QColor("#767676"), Qt::white) >= 4.5);
    QVERIFY(contrast(QColor("#777777"), Qt::white) < 4.5);
}

void TestTheme::everyPaletteSetsEveryRole()
{
    for (auto it = palettes_.cbegin(); it != palettes_.cend(); ++it) {
        const QObject* palette = it.value().value<QObject*>();
        QVERIFY2(palette, qPrintable(it.key()));
        const QMetaObject* mo = palette->metaObject();
        int roles = 0;
        for (int i = mo->propertyOffset(); i < mo->propertyCount(); ++i) {
            const QMetaProperty p = mo->property(i);
            if (p.metaType() != QMetaType::fromType<QColor>())
                continue;
            ++roles;
            // An unset color property is transparent black.
            const QColor color = p.read(palette).value<QColor>();
            QVERIFY2(color.alpha() > 0, qPrintable(it.key() + QStringLiteral(".") + QLatin1String(p.name())));
        }
        QVERIFY2(roles >= 20, qPrintable(it.key()));
    }
}

void TestTheme::textMeetsWcagAa()
{
    const QVariantList pairs = theme_->property("contrastPairs").toList();
    QVERIFY(pairs.size() >= 20);
    QStringList failures;
    for (auto it = palettes_.cbegin(); it != palettes_.cend(); ++it) {
        const QObject* palette = it.value().value<QObject*>();
        for (const QVariant& v : pairs) {
            const QVariantMap pair = v.toMap();
            const QByteArray fg = pair.value(QStringLiteral("fg")).toString().toLatin1();
            const QByteArray bg = pair.value(QStringLiteral("bg")).toString().toLatin1();
            const double min = pair.value(QStringLiteral("min")).toDouble();
            const QVariant f = palette->property(fg.constData()), b = palette->property(bg.constData());
            QVERIFY2(f.isValid() && b.isValid(), qPrintable(QStringLiteral("no role %1 or %2").arg(fg, bg)));
            const double ratio = contrast(f.value<QColor>(), b.value<QColor>());
            if (ratio < min)
                failures << QStringLiteral("%1: %2 on %3 is %4:1, needs %5:1")
                                .arg(it.key(), fg, bg)
                                .arg(ratio, 0, 'f', 2)
                                .arg(min);
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("\n"))));
}

void TestTheme::currentPaletteFollowsDarkAndHighContrast()
{
    const auto current = [this] { return theme_->property("colors").value<QObject*>(); };
    const auto palette = [this](const char* name) { return palettes_.value(QLatin1String(name)).value<QObject*>(); };
    const struct {
        bool dark, highContrast;
        const char* palette;
    } cases[] = {{false, false, "light"},
                 {true, false, "dark"},
                 {false, true, "highContrastLight"},
                 {true, true, "highContrastDark"}};
    for (const auto& c : cases) {
        QVERIFY(theme_->setProperty("dark", c.dark));
        QVERIFY(theme_->setProperty("highContrast", c.highContrast));
        QCOMPARE(current(), palette(c.palette));
    }
    QVERIFY(theme_->setProperty("dark", false));
    QVERIFY(theme_->setProperty("highContrast", false));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
