// What the chat area shows on first run: no model in the library and none
// loaded. Explains what a model is and offers the two ways to get one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: root
    signal browseRequested()
    signal importRequested()

    spacing: 12
    Label {
        text: qsTr("Welcome to Vela")
        font.pointSize: Theme.fontSize + 6
        color: Theme.text
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        objectName: "firstRunExplanation"
        text: qsTr("Vela answers with a language model: a single file (GGUF) that runs on this computer. "
                   + "Nothing you write leaves it. Download a recommended model or import one you already have.")
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        color: Theme.subtleText
        Layout.maximumWidth: 520
        Layout.alignment: Qt.AlignHCenter
    }
    RowLayout {
        Layout.alignment: Qt.AlignHCenter
        Button {
            objectName: "browseModelsButton"
            text: qsTr("Browse recommended models")
            highlighted: true
            onClicked: root.browseRequested()
        }
        Button {
            objectName: "importModelButton"
            text: qsTr("Import a GGUF file…")
            onClicked: root.importRequested()
        }
    }
}
