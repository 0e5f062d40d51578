// AppSettings: the application-wide preferences of the Settings page, kept
// in <dataDir>/settings.ini (next to the database, so a --data-dir run
// touches nothing else).
//
// The UI language switches at runtime: the Spanish translator is installed
// or removed, QLocale's default follows (dates and numbers), and the QML
// engine re-evaluates every qsTr binding (QQmlEngine::retranslate);
// languageChanged() lets C++ models re-render their localized roles.
#pragma once

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QQmlEngine;
class QTranslator;
QT_END_NAMESPACE

namespace vela::app {

class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    // "system" | "en" | "es"
    Q_PROPERTY(QString uiLanguage READ uiLanguage WRITE setUiLanguage NOTIFY languageChanged)
    // The language in effect: "en" or "es".
    Q_PROPERTY(QString effectiveLanguage READ effectiveLanguage NOTIFY languageChanged)
    // "system" | "light" | "dark"
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(bool dark READ dark NOTIFY themeChanged)
    // The high-contrast palettes (Theme.qml), light or dark as `dark` says.
    Q_PROPERTY(bool highContrast READ highContrast WRITE setHighContrast NOTIFY highContrastChanged)
    // Body text in points, kMinFontSize..kMaxFontSize; until the user picks
    // one, the system's font size (the platform theme's application font).
    Q_PROPERTY(int fontSize READ fontSize WRITE setFontSize NOTIFY fontSizeChanged)
    Q_PROPERTY(int minFontSize READ minFontSize CONSTANT)
    Q_PROPERTY(int maxFontSize READ maxFontSize CONSTANT)
    Q_PROPERTY(QString defaultModel READ defaultModel WRITE setDefaultModel NOTIFY defaultModelChanged)
    // -1: automatic, -2: CPU, N: the Nth Vulkan device (gpuNames[N]).
    Q_PROPERTY(int gpu READ gpu WRITE setGpu NOTIFY gpuChanged)
    Q_PROPERTY(QStringList gpuNames READ gpuNames CONSTANT)
    Q_PROPERTY(bool reasoningCollapsed READ reasoningCollapsed WRITE setReasoningCollapsed NOTIFY reasoningCollapsedChanged)
    Q_PROPERTY(QString dataFolder READ dataFolder CONSTANT)
    // Spell checking in the composer (on by default), and whether a
    // dictionary is installed for the UI language (SettingsPage says so).
    Q_PROPERTY(bool spellCheck READ spellCheck WRITE setSpellCheck NOTIFY spellCheckChanged)
    Q_PROPERTY(bool spellDictionaryAvailable READ spellDictionaryAvailable NOTIFY languageChanged)
public:
    explicit AppSettings(const QString& dataDir, QObject* parent = nullptr);
    ~AppSettings() override;

    // The engine whose qsTr bindings follow the language (may be null).
    void setEngine(QQmlEngine* engine) { engine_ = engine; }

    QString uiLanguage() const;
    void setUiLanguage(const QString& language);
    QString effectiveLanguage() const;
    // Installs the translator for effectiveLanguage(); called at start and on change.
    void applyLanguage();

    QString theme() const;
    void setTheme(const QString& theme);
    bool dark() const;
    bool highContrast() const;
    void setHighContrast(bool on);

    static constexpr int kMinFontSize = 8;
    static constexpr int kMaxFontSize = 24;
    int fontSize() const;
    void setFontSize(int points);
    int minFontSize() const { return kMinFontSize; }
    int maxFontSize() const { return kMaxFontSize; }
    QString defaultModel() const;
    void setDefaultModel(const QString& path);
    int gpu() const;
    void setGpu(int gpu);
    QStringList gpuNames() const;
    bool reasoningCollapsed() const;
    void setReasoningCollapsed(bool collapsed);
    QString dataFolder() const { return dataDir_; }
    bool spellCheck() const;
    void setSpellCheck(bool on);
    bool spellDictionaryAvailable() const;

signals:
    void languageChanged();
    void themeChanged();
    void highContrastChanged();
    void fontSizeChanged();
    void defaultModelChanged();
    void gpuChanged();
    void reasoningCollapsedChanged();
    void spellCheckChanged();

private:
    QString dataDir_;
    mutable QSettings settings_;
    QQmlEngine* engine_ = nullptr;
    std::unique_ptr<QTranslator> translator_;
    mutable std::optional<QStringList> gpuNames_;
};

} // namespace vela::app
