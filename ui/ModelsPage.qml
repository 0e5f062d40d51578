// The Models page: the models in the library (load, set as default, delete,
// import), the catalog of recommended models (download with progress) and
// any GGUF model of a Hugging Face repo (HubBrowser).
// Bindings only: the actions go to App.library, App.catalog, App.hub and App.model.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Vela.App

Popup {
    id: root
    property ModelLibraryModel library
    property CatalogModel catalog
    property HubBrowserModel hub
    property ModelStatus status

    function showCatalog() { tabs.currentIndex = 1 }
    function showHub() { tabs.currentIndex = 2 }
    function importModel() { tabs.currentIndex = 0; importModeDialog.open() }

    modal: true
    anchors.centerIn: parent
    width: Math.min(900, parent ? parent.width - 40 : 900)
    height: Math.min(680, parent ? parent.height - 40 : 680)
    padding: 16
    background: Rectangle {
        color: Theme.colors.window; border.color: Theme.colors.border; radius: Theme.radiusLarge
        Elevation { level: Theme.elevationOverlay }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Models"); font.bold: true; font.pointSize: Theme.subtitleSize
                color: Theme.colors.text; Layout.fillWidth: true
            }
            Label {
                text: root.library.budgetText !== "" ? qsTr("Fit for: %1").arg(root.library.budgetText) : ""
                color: Theme.colors.subtleText
            }
            Button { text: qsTr("Close"); onClicked: root.close() }
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton { objectName: "libraryTab"; text: qsTr("Library") }
            TabButton { objectName: "catalogTab"; text: qsTr("Recommended") }
            TabButton { objectName: "hubTab"; text: qsTr("From Hugging Face") }
        }
        Banner {
            Layout.fillWidth: true
            visible: root.library.notice.shown
            error: root.library.notice.isError
            text: root.library.notice.text
            Button { text: qsTr("Dismiss"); flat: true; onClicked: root.library.notice.dismiss() }
        }

        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // The library.
            ColumnLayout {
                spacing: 6
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Folder: %1").arg(root.library.folder)
                        color: Theme.colors.subtleText; elide: Text.ElideMiddle; Layout.fillWidth: true
                    }
                    ProgressBar {
                        objectName: "importProgress"
                        visible: root.library.importing
                        from: 0; to: 1; value: root.library.importProgress
                        Layout.preferredWidth: 140
                    }
                    Button {
                        visible: root.library.importing
                        text: qsTr("Cancel import"); onClicked: root.library.cancelImport()
                    }
                    Button {
                        objectName: "importButton"
                        enabled: !root.library.importing
                        text: qsTr("Import a GGUF file…")
                        onClicked: importModeDialog.open()
                    }
                }
                Label {
                    visible: root.library.count === 0
                    text: qsTr("No models yet. Import a GGUF file or download a recommended model.")
                    color: Theme.colors.subtleText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                ListView {
                    id: libraryList
                    objectName: "libraryList"
                    model: root.library
                    clip: true
                    spacing: 6
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Rectangle {
                        required property int index
                        required property string name
                        required property string fileName
                        required property string architecture
                        required property string parametersText
                        required property string quantization
                        required property string sizeText
                        required property int trainedContext
                        required property string templateDescription
                        required property string fitText
                        required property string estimateText
                        required property string measuredText
                        required property bool valid
                        required property string error
                        required property bool isDefault
                        required property string sourceText
                        width: ListView.view.width - 12
                        implicitHeight: entry.implicitHeight + 16
                        radius: Theme.radius
                        color: Theme.colors.surface
                        border.color: index === root.library.loadedRow ? Theme.colors.accent : Theme.colors.border
                        ColumnLayout {
                            id: entry
                            anchors.fill: parent
                            anchors.margins: 8
                            spacing: 2
                            RowLayout {
                                Label { text: name; font.bold: true; color: Theme.colors.text; elide: Text.ElideRight; Layout.fillWidth: true }
                                Label { visible: isDefault; text: qsTr("Default"); color: Theme.colors.accent }
                                Button {
                                    text: index === root.library.loadedRow ? qsTr("Loaded") : qsTr("Load")
                                    enabled: valid && index !== root.library.loadedRow && !root.status.loading
                                    onClicked: root.status.loadModel(root.library.pathAt(index))
                                }
                                Button {
                                    text: qsTr("Set as default")
                                    enabled: valid && !isDefault && !root.library.importing
                                    onClicked: root.library.setDefault(index)
                                }
                                Button {
                                    text: qsTr("Delete…")
                                    enabled: !root.library.importing && index !== root.library.loadedRow
                                    onClicked: { deleteDialog.row = index; deleteDialog.open() }
                                }
                            }
                            Label {
                                visible: valid
                                text: [architecture, parametersText, quantization, sizeText,
                                       qsTr("context %1").arg(trainedContext), qsTr("template: %1").arg(templateDescription)]
                                      .filter(t => t !== "").join(" · ")
                                color: Theme.colors.subtleText
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label {
                                visible: valid && fitText !== ""
                                text: [fitText, estimateText, measuredText].filter(t => t !== "").join(" · ")
                                color: Theme.colors.text
                                Layout.fillWidth: true
                            }
                            Label {
                                visible: !valid
                                text: qsTr("Cannot be loaded: %1").arg(error)
                                color: Theme.colors.errorText
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label {
                                text: fileName; color: Theme.colors.subtleText; elide: Text.ElideMiddle
                                font.pointSize: Theme.captionSize; Layout.fillWidth: true
                            }
                            Label {
                                objectName: "modelSource"
                                visible: sourceText !== ""
                                text: sourceText; color: Theme.colors.subtleText; elide: Text.ElideMiddle
                                font.pointSize: Theme.captionSize; Layout.fillWidth: true
                                Accessible.role: Accessible.StaticText
                                Accessible.name: sourceText
                                Accessible.description: qsTr("The Hugging Face repository and commit this model was downloaded from")
                            }
                        }
                    }
                }
            }

            // The catalog.
            ListView {
                objectName: "catalogList"
                model: root.catalog
                clip: true
                spacing: 6
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    required property int index
                    required property string name
                    required property string goodFor
                    required property string sizeText
                    required property string license
                    required property string kind
                    required property string repo
                    required property string revision
                    required property bool pinned
                    required property bool downloadable
                    required property bool installed
                    required property string downloadState
                    required property double progress
                    required property string speedText
                    required property string timeLeftText
                    required property string error
                    required property string statusText
                    width: ListView.view.width - 12
                    implicitHeight: item.implicitHeight + 16
                    radius: Theme.radius
                    color: Theme.colors.surface
                    border.color: Theme.colors.border
                    ColumnLayout {
                        id: item
                        anchors.fill: parent
                        anchors.margins: 8
                        spacing: 2
                        RowLayout {
                            Label { text: name; font.bold: true; color: Theme.colors.text; Layout.fillWidth: true; elide: Text.ElideRight }
                            Label { text: sizeText + " · " + license; color: Theme.colors.subtleText }
                            Label { visible: installed; text: qsTr("In the library"); color: Theme.colors.accent }
                            Button {
                                objectName: "catalogDownload"
                                visible: !installed && (downloadState === "idle" || downloadState === "failed")
                                enabled: downloadable
                                text: downloadState === "failed" && downloadable ? qsTr("Retry") : qsTr("Download")
                                onClicked: root.catalog.download(index)
                                Accessible.name: qsTr("Download %1").arg(name)
                                Accessible.description: pinText.text
                            }
                            Button {
                                visible: downloadState === "running"
                                text: qsTr("Pause"); onClicked: root.catalog.pause(index)
                            }
                            Button {
                                visible: downloadState === "paused"
                                text: qsTr("Resume"); onClicked: root.catalog.download(index)
                            }
                            Button {
                                visible: downloadState === "resolving" || downloadState === "running"
                                         || downloadState === "paused" || downloadState === "failed"
                                text: qsTr("Cancel"); flat: true; onClicked: root.catalog.cancel(index)
                            }
                        }
                        Label {
                            id: pinText
                            objectName: "catalogPin"
                            // "Chat · Pinned to abc1234 · Qwen/Qwen3-0.6B-GGUF"
                            text: [kind,
                                   pinned ? qsTr("Pinned to %1").arg(revision)
                                          : revision !== "" ? qsTr("Resolved to %1 on the Hugging Face Hub").arg(revision)
                                                            : qsTr("Looked up on the Hugging Face Hub when downloaded"),
                                   repo].join(" · ")
                            color: Theme.colors.subtleText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            Accessible.description: pinned
                                ? qsTr("Downloaded from this commit of the Hugging Face repository and checked against its size and SHA-256")
                                : qsTr("The commit, size and SHA-256 of this file are taken from the Hugging Face Hub when the download starts, and must agree with what the catalog names")
                        }
                        Label { text: goodFor; color: Theme.colors.text; wrapMode: Text.Wrap; Layout.fillWidth: true }
                        RowLayout {
                            visible: downloadState === "resolving" || downloadState === "running" || downloadState === "paused"
                            Layout.fillWidth: true
                            ProgressBar {
                                from: 0; to: 1
                                value: Math.max(0, progress)
                                indeterminate: progress < 0
                                Layout.fillWidth: true
                            }
                            Label {
                                text: [statusText, speedText, timeLeftText].filter(t => t !== "").join(" · ")
                                color: Theme.colors.subtleText
                            }
                        }
                        Label {
                            visible: error !== ""
                            text: error; color: Theme.colors.errorText; wrapMode: Text.Wrap; Layout.fillWidth: true
                        }
                    }
                }
            }

            // Any GGUF model of a Hugging Face repo.
            HubBrowser {
                hub: root.hub
            }
        }
    }

    Dialog {
        id: deleteDialog
        property int row: -1
        title: qsTr("Delete the model?")
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label { text: root.library.removeQuestion(deleteDialog.row); wrapMode: Text.Wrap; width: 420 }
        onAccepted: root.library.remove(row)
    }
    Dialog {
        id: importModeDialog
        title: qsTr("Import a GGUF file")
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok | Dialog.Cancel
        ColumnLayout {
            RadioButton { id: copyMode; checked: true; text: qsTr("Copy the file into the library") }
            RadioButton { text: qsTr("Link to the file where it is (no copy)") }
        }
        onAccepted: importFileDialog.open()
    }
    FileDialog {
        id: importFileDialog
        title: qsTr("Import a GGUF file")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: root.library.importFile(selectedFile, !copyMode.checked)
    }
}
