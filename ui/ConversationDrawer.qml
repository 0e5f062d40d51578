// The open conversation's settings: system prompt, sampling, answer
// language, plain completion. Empty sampling fields use the preset of the
// thinking mode, shown as the placeholder.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Drawer {
    id: root
    property ChatSettings settings
    edge: Qt.RightEdge
    width: Math.min(380, parent ? parent.width * 0.9 : 380)
    height: parent ? parent.height : 600

    background: Rectangle { color: Theme.colors.window; border.color: Theme.colors.border }

    ScrollView {
        anchors.fill: parent
        anchors.margins: 12
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label { text: qsTr("Conversation settings"); font.bold: true; font.pointSize: Theme.titleSize; color: Theme.colors.text }
            Label { text: qsTr("System prompt"); color: Theme.colors.text }
            TextArea {
                objectName: "systemPrompt"
                Accessible.name: qsTr("System prompt") // the label above it
                Layout.fillWidth: true
                Layout.preferredHeight: 100
                wrapMode: TextEdit.Wrap
                text: root.settings ? root.settings.systemPrompt : ""
                placeholderText: qsTr("You are a helpful assistant.")
                onEditingFinished: root.settings.systemPrompt = text
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Answer language"); Layout.fillWidth: true; color: Theme.colors.text }
                ComboBox {
                    objectName: "answerLanguage"
                    Accessible.name: qsTr("Answer language") // the label beside it
                    model: [qsTr("Auto"), "English", "Español"]
                    currentIndex: root.settings ? root.settings.answerLanguage : 0
                    onActivated: (index) => root.settings.answerLanguage = index
                }
            }
            Switch {
                text: qsTr("Plain completion (base models)")
                checked: root.settings ? root.settings.completionMode : false
                onToggled: root.settings.completionMode = checked
            }
            Label { text: qsTr("Sampling"); font.bold: true; color: Theme.colors.text; Layout.topMargin: 8 }
            // One row per sampling setting (ChatSettings.fields, from the
            // engine's table): label, value, the preset as placeholder, and
            // why the last value typed was refused.
            Repeater {
                model: root.settings ? root.settings.fields : null
                delegate: ColumnLayout {
                    id: row
                    required property string key
                    required property string label
                    required property string value
                    required property string preset
                    required property string range
                    required property string error
                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Label { text: row.label; Layout.fillWidth: true; color: Theme.colors.text }
                        TextField {
                            objectName: "sampling_" + row.key
                            text: row.value
                            placeholderText: row.preset
                            selectByMouse: true
                            horizontalAlignment: Text.AlignRight
                            Layout.preferredWidth: 110
                            Accessible.name: row.label
                            Accessible.description: row.range
                            onEditingFinished: {
                                // Refused: show the stored value again (the
                                // message below says why).
                                if (!root.settings.setText(row.key, text))
                                    text = Qt.binding(() => row.value)
                            }
                        }
                    }
                    Label {
                        objectName: "samplingError_" + row.key
                        visible: row.error !== ""
                        text: row.error
                        color: Theme.colors.errorText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
            Button {
                text: qsTr("Reset to presets")
                onClicked: root.settings.resetSampling()
            }
        }
    }
}
