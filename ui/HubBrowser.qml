// The Models page's "From Hugging Face" tab: paste a Hub link or OWNER/REPO,
// look it up, and download any of the repo's GGUF models (with progress,
// pause, resume, cancel), each with its fit for the chosen device.
// Bindings only: the lookup, the listing, the fit and the downloads are
// HubBrowserModel's (App.hub).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

ColumnLayout {
    id: root
    property HubBrowserModel hub
    spacing: 6

    function lookUp() { root.hub.lookUp(linkField.text) }

    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: linkField
            objectName: "hubLink"
            Layout.fillWidth: true
            placeholderText: qsTr("Paste a Hugging Face link or OWNER/REPO")
            Accessible.name: qsTr("Hugging Face link or repository")
            Accessible.description: qsTr("For example Qwen/Qwen3-0.6B-GGUF or a link to one of its files")
            selectByMouse: true
            onAccepted: root.lookUp()
        }
        Button {
            objectName: "hubLookUp"
            text: qsTr("Look up")
            enabled: linkField.text.trim() !== ""
            onClicked: root.lookUp()
            Accessible.name: qsTr("Look up the repository on Hugging Face")
        }
        BusyIndicator {
            objectName: "hubBusy"
            running: root.hub.busy
            visible: root.hub.busy
            Layout.preferredHeight: 28
            Layout.preferredWidth: 28
            Accessible.name: qsTr("Looking up")
        }
    }
    Banner {
        objectName: "hubError"
        visible: root.hub.error !== ""
        error: true
        text: root.hub.error
        Layout.leftMargin: 0
        Layout.rightMargin: 0
        Accessible.role: Accessible.AlertMessage
        Accessible.name: root.hub.error
    }
    Label {
        objectName: "hubRepo"
        visible: root.hub.repo !== ""
        // "Qwen/Qwen3-0.6B-GGUF at 23749fe · GGUF models: 4"
        text: qsTr("%1 at %2 · GGUF models: %3").arg(root.hub.repo).arg(root.hub.commit).arg(root.hub.count)
        font.bold: true
        color: Theme.colors.text
        elide: Text.ElideRight
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
    Label {
        visible: root.hub.repo === "" && root.hub.error === "" && !root.hub.busy
        text: qsTr("Any GGUF model on Hugging Face can be downloaded from here. Vela checks each file against its SHA-256 and records the repository and commit it came from.")
        color: Theme.colors.subtleText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    ListView {
        objectName: "hubList"
        model: root.hub
        clip: true
        spacing: 6
        Layout.fillWidth: true
        Layout.fillHeight: true
        ScrollBar.vertical: ScrollBar {}
        delegate: Rectangle {
            required property int index
            required property string name
            required property string fileName
            required property string sizeText
            required property string quantization
            required property int parts
            required property bool downloadable
            required property string refusal
            required property string fitText
            required property string fitVerdict
            required property bool named
            required property bool installed
            required property string downloadState
            required property double progress
            required property string speedText
            required property string timeLeftText
            required property string error
            required property string statusText
            width: ListView.view.width - 12
            implicitHeight: hubItem.implicitHeight + 16
            radius: Theme.radius
            color: Theme.colors.surface
            border.color: named ? Theme.colors.accent : Theme.colors.border
            ColumnLayout {
                id: hubItem
                anchors.fill: parent
                anchors.margins: 8
                spacing: 2
                RowLayout {
                    Label { text: name; font.bold: true; color: Theme.colors.text; Layout.fillWidth: true; elide: Text.ElideRight }
                    Label {
                        // "Q4_K_M · 397.8 MB · Fits"
                        text: [quantization, sizeText, fitText].filter(t => t !== "").join(" · ")
                        color: fitVerdict === "too_large" ? Theme.colors.errorText : Theme.colors.subtleText
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    Label { visible: installed; text: qsTr("In the library"); color: Theme.colors.accent }
                    Button {
                        objectName: "hubDownload"
                        visible: downloadable && !installed && (downloadState === "idle" || downloadState === "failed")
                        text: downloadState === "failed" ? qsTr("Retry") : qsTr("Download")
                        onClicked: root.hub.download(index)
                        Accessible.name: qsTr("Download %1").arg(name)
                    }
                    Button {
                        visible: downloadState === "running"
                        text: qsTr("Pause"); onClicked: root.hub.pause(index)
                        Accessible.name: qsTr("Pause downloading %1").arg(name)
                    }
                    Button {
                        visible: downloadState === "paused"
                        text: qsTr("Resume"); onClicked: root.hub.download(index)
                        Accessible.name: qsTr("Resume downloading %1").arg(name)
                    }
                    Button {
                        visible: downloadState === "running" || downloadState === "paused" || downloadState === "failed"
                        text: qsTr("Cancel"); flat: true; onClicked: root.hub.cancel(index)
                        Accessible.name: qsTr("Cancel downloading %1").arg(name)
                    }
                }
                Label {
                    text: fileName; color: Theme.colors.subtleText; elide: Text.ElideMiddle
                    font.pointSize: Theme.captionSize; Layout.fillWidth: true
                }
                Label {
                    objectName: "hubRefusal"
                    visible: refusal !== ""
                    text: refusal; color: Theme.colors.subtleText; wrapMode: Text.Wrap; Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                RowLayout {
                    visible: downloadState === "running" || downloadState === "paused"
                    Layout.fillWidth: true
                    ProgressBar {
                        from: 0; to: 1
                        value: Math.max(0, progress)
                        indeterminate: progress < 0
                        Layout.fillWidth: true
                        Accessible.name: qsTr("Download progress of %1").arg(name)
                    }
                    Label {
                        text: [statusText, speedText, timeLeftText].filter(t => t !== "").join(" · ")
                        color: Theme.colors.subtleText
                    }
                }
                Label {
                    visible: error !== ""
                    text: error; color: Theme.colors.errorText; wrapMode: Text.Wrap; Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }
        }
    }
}
