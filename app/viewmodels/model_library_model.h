// ModelLibraryModel: the models of the library (library::ModelLibrary) as a
// list for QML (App.library), with the fit estimate for the chosen device
// and the actions of the Models page: set as default, delete, import.
//
// Roles (names as QML sees them):
//   name                QString  general.name, else the file name (also Qt::DisplayRole)
//   fileName            QString  the name inside the library
//   path                QString  absolute path
//   architecture        QString  "qwen3", "qwen2"
//   parameters          qint64   parameter count
//   parametersText      QString  "596M", "4.0B"
//   quantization        QString  "Q4_K"
//   sizeBytes           qint64   file size
//   sizeText            QString  localized "610.0 MB"
//   trainedContext      int      the context the model was trained for
//   templateDescription QString  "qwen3", "base model: completion only"
//   fitText             QString  "Fits" / "Fits with shorter context (N)" / "Too large", translated, for the chosen device
//   estimateText        QString  "Estimated 1.2 GB" for the chosen device, "" when unknown
//   measuredBytes       qint64   memory measured after a load on the chosen device; 0 when never measured
//   measuredText        QString  "Measured 1.1 GB", "" when never measured
//   valid               bool     the engine can load it
//   error               QString  why not (when !valid)
//   isDefault           bool     the library's default model
//   linked              bool     a link to a file outside the library
//   sourceRepo          QString  the Hub repository it was downloaded from, "" when unknown
//   sourceCommit        QString  the full commit it was downloaded from, "" when unknown
//   sourceText          QString  translated "From OWNER/NAME at abc1234", "" when unknown
//
// The import runs ModelLibrary::importFile on a worker thread; while it
// runs, the list shows the entries read before it and every other action
// waits (ModelLibrary is not thread-safe).
#pragma once

#include "library/memory_budgets.h"
#include "library/model_info.h"
#include "notice.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QThread>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

namespace vela::library {
class ModelLibrary;
}

namespace vela::app {

class ModelLibraryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool empty READ empty NOTIFY countChanged)
    Q_PROPERTY(QString folder READ folder CONSTANT)
    // The device the fit is computed for: "NVIDIA RTX 4070 (7.5 GB)".
    Q_PROPERTY(QString budgetText READ budgetText NOTIFY budgetChanged)
    // The row of the loaded model, -1 when none or not in the library.
    Q_PROPERTY(int loadedRow READ loadedRow NOTIFY loadedRowChanged)
    Q_PROPERTY(QString defaultModelPath READ defaultModelPath NOTIFY defaultChanged)
    Q_PROPERTY(bool importing READ importing NOTIFY importChanged)
    Q_PROPERTY(double importProgress READ importProgress NOTIFY importChanged)
    // The outcome of the last action ("Imported …", an error).
    Q_PROPERTY(vela::app::Notice* notice READ notice CONSTANT)
public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        FileNameRole,
        PathRole,
        ArchitectureRole,
        ParametersRole,
        ParametersTextRole,
        QuantizationRole,
        SizeBytesRole,
        SizeTextRole,
        TrainedContextRole,
        TemplateDescriptionRole,
        FitTextRole,
        EstimateTextRole,
        MeasuredBytesRole,
        MeasuredTextRole,
        ValidRole,
        ErrorRole,
        IsDefaultRole,
        LinkedRole,
        SourceRepoRole,
        SourceCommitRole,
        SourceTextRole,
    };
    Q_ENUM(Roles)

    explicit ModelLibraryModel(library::ModelLibrary& library, QObject* parent = nullptr);
    ~ModelLibraryModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool empty() const { return rows_.isEmpty(); }
    QString folder() const;
    QString budgetText() const;
    int loadedRow() const;
    QString defaultModelPath() const;
    bool importing() const { return thread_ != nullptr; }
    double importProgress() const { return importProgress_; }
    Notice* notice() { return &notice_; }

    // The device the fit text is computed for.
    void setBudget(const library::MemoryBudget& budget);
    // The path of the loaded model ("" when none), for loadedRow.
    void setLoadedPath(const QString& path);
    // Records the memory a load used (LoadedModelInfo::vramBytes) for the model at
    // `path` when it is in the library.
    void recordMeasured(const QString& path, const QString& device, qint64 bytes);

    Q_INVOKABLE QString pathAt(int row) const;
    Q_INVOKABLE QString fileNameAt(int row) const;
    Q_INVOKABLE int rowOfPath(const QString& path) const;
    // What deleting the row does, for the confirmation ("The file … will
    // be deleted." / "… is outside the library: only the entry is removed").
    Q_INVOKABLE QString removeQuestion(int row) const;

public slots:
    void setDefault(int row);
    void remove(int row);
    // A path or a file:// URL; `link` keeps the file where it is.
    void importFile(const QString& pathOrUrl, bool link);
    void cancelImport();
    void rescan();
    void refreshLocalized();

signals:
    void countChanged();
    void budgetChanged();
    void loadedRowChanged();
    void defaultChanged();
    void importChanged();
    // The library's default model changed (path, "" when cleared).
    void defaultModelChanged(const QString& path);

private:
    void reload();
    void onImportFinished();

    library::ModelLibrary& library_;
    QList<library::ModelInfo> rows_;
    QString default_;
    library::MemoryBudget budget_;
    bool haveBudget_ = false;
    QString loadedPath_;
    Notice notice_;

    struct ImportJob;
    std::shared_ptr<ImportJob> job_;
    QPointer<QThread> thread_;
    double importProgress_ = 0.0;
};

} // namespace vela::app
