// What the chat area shows on first run: no model in the library and none
// loaded. Explains what a model is and offers the two ways to get one.
// It shows itself from the state it is given (Main.qml binds App.library and
// App.model), so it can be tested without the App singleton.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: root
    property bool libraryEmpty: true
    property bool modelLoaded: false
    property bool modelLoading: false
    property bool hasMessages: false
    signal browseRequested() // open the Models page on the Recommended tab
    signal importRequested() // open the Models page on the Library tab, importing

    visible: libraryEmpty && !modelLoaded && !modelLoading && !hasMessages

    spacing: 12
    Label {
        text: qsTr("Welcome to Vela")
        font.pointSize: Theme.headlineSize
        color: Theme.colors.text
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        objectName: "firstRunExplanation"
        text: qsTr("Vela answers with a language model: a single file (GGUF) that runs on this computer. "
                   + "Nothing you write leaves it. Download a recommended model or import one you already have.")
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        color: Theme.colors.subtleText
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
