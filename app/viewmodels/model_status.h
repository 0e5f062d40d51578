// ModelStatus: the loaded model and the engine's live numbers, for the
// status bar, the load progress and the error banner.
//
// Errors are turned into a message and a way forward here, not in QML:
// `errorAction` names what to do and `canReload` / `canUseCpu` say which
// button the banner offers (reload after a lost device, the CPU after a GPU
// ran out of memory or none was found, another file after an invalid model).
#pragma once

#include "engine/engine_types.h"

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace vela::app {

class EngineController;

class ModelStatus : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    // "unloaded" | "loading" | "ready" | "generating"
    Q_PROPERTY(QString state READ state NOTIFY changed)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY changed)
    Q_PROPERTY(QString modelName READ modelName NOTIFY changed)
    Q_PROPERTY(QString modelPath READ modelPath NOTIFY changed)
    Q_PROPERTY(bool thinkingCapable READ thinkingCapable NOTIFY changed)
    // "Vulkan · NVIDIA RTX 4070" / "CPU (8 threads)"
    Q_PROPERTY(QString deviceText READ deviceText NOTIFY changed)
    Q_PROPERTY(QString vramText READ vramText NOTIFY changed)       // "" on the CPU
    Q_PROPERTY(QString contextText READ contextText NOTIFY changed) // "1,234 / 4,096"
    Q_PROPERTY(double contextFraction READ contextFraction NOTIFY changed)
    Q_PROPERTY(QString speedText READ speedText NOTIFY changed)     // "23.4 tok/s" or ""
    Q_PROPERTY(bool hasError READ hasError NOTIFY changed)
    Q_PROPERTY(QString errorKind READ errorKind NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)
    Q_PROPERTY(QString errorAction READ errorAction NOTIFY changed)
    Q_PROPERTY(bool canReload READ canReload NOTIFY changed)
    Q_PROPERTY(bool canUseCpu READ canUseCpu NOTIFY changed)
public:
    explicit ModelStatus(EngineController& engine, QObject* parent = nullptr);

    QString state() const;
    bool loaded() const;
    bool loading() const;
    double loadProgress() const { return progress_; }
    QString modelName() const;
    QString modelPath() const;
    bool thinkingCapable() const;
    QString deviceText() const;
    QString vramText() const;
    QString contextText() const;
    double contextFraction() const;
    QString speedText() const;
    bool hasError() const { return error_.has_value(); }
    QString errorKind() const;
    QString errorMessage() const { return error_ ? error_->message : QString(); }
    QString errorAction() const;
    bool canReload() const;
    bool canUseCpu() const;

    void setBackendChoice(const BackendChoice& choice) { backend_ = choice; }
    static QString formatBytes(qint64 bytes);

public slots:
    // A path or a file:// URL (from the file dialog).
    void loadModel(const QString& pathOrUrl);
    void reload();
    void loadOnCpu();
    void unload();
    void dismissError();
    void refreshLocalized() { emit changed(); }

signals:
    void changed();

private:
    void setError(const ErrorInfo& error);

    EngineController& engine_;
    BackendChoice backend_;
    double progress_ = 0.0;
    std::optional<ErrorInfo> error_;
};

} // namespace vela::app
