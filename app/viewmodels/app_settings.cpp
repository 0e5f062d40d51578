#include "app_settings.h"

#include "backend/vulkan/context.h"
#include "spelling/dictionaries.h"

#include <QCoreApplication>
#include <QDir>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QQmlEngine>
#include <QTranslator>
#include <QUrl>

namespace vela::app {

namespace {
const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");
const QString kFontSize = QStringLiteral("ui/fontSize");
const QString kHighContrast = QStringLiteral("ui/highContrast");
const QString kSpellCheck = QStringLiteral("ui/spellCheck");
const QString kReasoningCollapsed = QStringLiteral("ui/reasoningCollapsed");
const QString kDefaultModel = QStringLiteral("model/default");
const QString kGpu = QStringLiteral("model/gpu");
// Without a GUI application (command-line tests) or a platform font size.
constexpr int kFallbackFontSize = 11;

int systemFontSize()
{
    const int points = qobject_cast<QGuiApplication*>(QCoreApplication::instance())
                           ? QGuiApplication::font().pointSize()
                           : -1; // -1: the font is sized in pixels, or there is no GUI
    return points > 0 ? qBound(AppSettings::kMinFontSize, points, AppSettings::kMaxFontSize) : kFallbackFontSize;
}
} // namespace

AppSettings::AppSettings(const QString& dataDir, QObject* parent)
    : QObject(parent), dataDir_(dataDir),
      settings_(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
{
}

AppSettings::~AppSettings()
{
    if (translator_)
        QCoreApplication::removeTranslator(translator_.get());
}

QString AppSettings::uiLanguage() const
{
    return settings_.value(kLanguage, QStringLiteral("system")).toString();
}

void AppSettings::setUiLanguage(const QString& language)
{
    if (language == uiLanguage())
        return;
    settings_.setValue(kLanguage, language);
    applyLanguage();
}

QString AppSettings::effectiveLanguage() const
{
    const QString chosen = uiLanguage();
    if (chosen == QStringLiteral("en") || chosen == QStringLiteral("es"))
        return chosen;
    return QLocale::system().language() == QLocale::Spanish ? QStringLiteral("es") : QStringLiteral("en");
}

void AppSettings::applyLanguage()
{
    if (translator_) {
        QCoreApplication::removeTranslator(translator_.get());
        translator_.reset();
    }
    const QString language = effectiveLanguage();
    // Dates and numbers follow the UI language; "system" keeps the system's
    // own locale (a Spanish UI in Mexico formats as es_MX).
    if (uiLanguage() == QStringLiteral("system"))
        QLocale::setDefault(QLocale::system());
    else
        QLocale::setDefault(QLocale(language == QStringLiteral("es") ? QLocale::Spanish : QLocale::English,
                                    language == QStringLiteral("es") ? QLocale::Spain : QLocale::UnitedStates));
    if (language != QStringLiteral("en")) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(QStringLiteral(":/i18n/vela_%1.qm").arg(language))) {
            QCoreApplication::installTranslator(translator.get());
            translator_ = std::move(translator);
        } else {
            qWarning("vela: no translation for %s", qPrintable(language));
        }
    }
    if (engine_)
        engine_->retranslate();
    emit languageChanged();
}

QString AppSettings::theme() const
{
    return settings_.value(kTheme, QStringLiteral("system")).toString();
}

void AppSettings::setTheme(const QString& theme)
{
    if (theme == this->theme())
        return;
    settings_.setValue(kTheme, theme);
    emit themeChanged();
}

bool AppSettings::dark() const
{
    const QString t = theme();
    if (t == QStringLiteral("dark"))
        return true;
    if (t == QStringLiteral("light"))
        return false;
    // Qt 6.4 has no color-scheme query (QStyleHints::colorScheme is 6.5):
    // the platform palette's window color tells.
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

bool AppSettings::highContrast() const
{
    return settings_.value(kHighContrast, false).toBool();
}

void AppSettings::setHighContrast(bool on)
{
    if (on == highContrast())
        return;
    settings_.setValue(kHighContrast, on);
    emit highContrastChanged();
}

int AppSettings::fontSize() const
{
    return qBound(kMinFontSize, settings_.value(kFontSize, systemFontSize()).toInt(), kMaxFontSize);
}

void AppSettings::setFontSize(int points)
{
    points = qBound(kMinFontSize, points, kMaxFontSize);
    if (points == fontSize())
        return;
    settings_.setValue(kFontSize, points);
    emit fontSizeChanged();
}

QString AppSettings::defaultModel() const
{
    return settings_.value(kDefaultModel).toString();
}

void AppSettings::setDefaultModel(const QString& pathOrUrl)
{
    // The file dialog hands over a file:// URL.
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path == defaultModel())
        return;
    settings_.setValue(kDefaultModel, path);
    emit defaultModelChanged();
}

int AppSettings::gpu() const
{
    return settings_.value(kGpu, -1).toInt();
}

void AppSettings::setGpu(int gpu)
{
    if (gpu == this->gpu())
        return;
    settings_.setValue(kGpu, gpu);
    emit gpuChanged();
}

QStringList AppSettings::gpuNames() const
{
    // Enumerating Vulkan devices creates an instance: do it once, on demand.
    if (!gpuNames_) {
        QStringList names;
        try {
            for (const auto& d : backend::vulkan::listDevices())
                names << QString::fromStdString(d.name);
        } catch (const std::exception& e) {
            qWarning("vela: cannot list Vulkan devices: %s", e.what());
        }
        gpuNames_ = names;
    }
    return *gpuNames_;
}

bool AppSettings::reasoningCollapsed() const
{
    return settings_.value(kReasoningCollapsed, true).toBool();
}

void AppSettings::setReasoningCollapsed(bool collapsed)
{
    if (collapsed == reasoningCollapsed())
        return;
    settings_.setValue(kReasoningCollapsed, collapsed);
    emit reasoningCollapsedChanged();
}

bool AppSettings::spellCheck() const
{
    return settings_.value(kSpellCheck, true).toBool();
}

void AppSettings::setSpellCheck(bool on)
{
    if (on == spellCheck())
        return;
    settings_.setValue(kSpellCheck, on);
    emit spellCheckChanged();
}

bool AppSettings::spellDictionaryAvailable() const
{
    // Only looks for the files (cheap); SpellChecker loads them off the GUI thread.
    return spelling::findDictionary(effectiveLanguage()).isValid();
}

} // namespace vela::app
