// The bottom line: the model and how it runs (device, VRAM, context, speed),
// and the load progress while a model loads.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Rectangle {
    id: root
    property ModelStatus status
    signal loadModelRequested()
    signal modelsRequested()

    implicitHeight: row.implicitHeight + 8
    color: Theme.colors.sidebar
    border.color: Theme.colors.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 10
        spacing: 14

        Label {
            objectName: "modelName"
            text: root.status.loaded ? root.status.modelName
                : root.status.loading ? qsTr("Loading model…") : qsTr("No model loaded")
            font.bold: root.status.loaded
            color: Theme.colors.text
            elide: Text.ElideRight
            Layout.maximumWidth: 260
        }
        ProgressBar {
            objectName: "loadProgress"
            visible: root.status.loading
            from: 0
            to: 1
            value: root.status.loadProgress
            Accessible.name: qsTr("Loading model")
            Layout.preferredWidth: 160
        }
        Label { text: root.status.deviceText; visible: text !== ""; color: Theme.colors.subtleText }
        Label { text: root.status.vramText; visible: text !== ""; color: Theme.colors.subtleText }
        Label { text: root.status.contextText; visible: text !== ""; color: Theme.colors.subtleText }
        Label { objectName: "speed"; text: root.status.speedText; visible: text !== ""; color: Theme.colors.subtleText }
        Item { Layout.fillWidth: true }
        Button {
            objectName: "modelsButton"
            text: qsTr("Models…")
            flat: true
            onClicked: root.modelsRequested()
        }
        Button {
            objectName: "loadModelButton"
            text: qsTr("Load model…")
            flat: true
            onClicked: root.loadModelRequested()
        }
    }
}
