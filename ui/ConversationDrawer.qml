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

    component NumberField: RowLayout {
        id: field
        property alias label: caption.text
        property string value
        property string preset
        signal edited(string text)
        Layout.fillWidth: true
        Label { id: caption; Layout.fillWidth: true; color: Theme.text }
        TextField {
            text: field.value
            placeholderText: field.preset
            selectByMouse: true
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: 110
            onEditingFinished: field.edited(text)
        }
    }

    background: Rectangle { color: Theme.window; border.color: Theme.border }

    ScrollView {
        anchors.fill: parent
        anchors.margins: 12
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label { text: qsTr("Conversation settings"); font.bold: true; font.pointSize: Theme.fontSize + 2; color: Theme.text }
            Label { text: qsTr("System prompt"); color: Theme.text }
            TextArea {
                objectName: "systemPrompt"
                Layout.fillWidth: true
                Layout.preferredHeight: 100
                wrapMode: TextEdit.Wrap
                text: root.settings ? root.settings.systemPrompt : ""
                placeholderText: qsTr("You are a helpful assistant.")
                onEditingFinished: root.settings.systemPrompt = text
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Answer language"); Layout.fillWidth: true; color: Theme.text }
                ComboBox {
                    objectName: "answerLanguage"
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
            Label { text: qsTr("Sampling"); font.bold: true; color: Theme.text; Layout.topMargin: 8 }
            NumberField {
                label: qsTr("Temperature"); value: root.settings ? root.settings.temperatureText : ""
                preset: root.settings ? root.settings.presetTemperature : ""
                onEdited: (text) => root.settings.temperatureText = text
            }
            NumberField {
                label: qsTr("Top-k"); value: root.settings ? root.settings.topKText : ""
                preset: root.settings ? root.settings.presetTopK : ""
                onEdited: (text) => root.settings.topKText = text
            }
            NumberField {
                label: qsTr("Top-p"); value: root.settings ? root.settings.topPText : ""
                preset: root.settings ? root.settings.presetTopP : ""
                onEdited: (text) => root.settings.topPText = text
            }
            NumberField {
                label: qsTr("Min-p"); value: root.settings ? root.settings.minPText : ""; preset: "0"
                onEdited: (text) => root.settings.minPText = text
            }
            NumberField {
                label: qsTr("Repeat penalty"); value: root.settings ? root.settings.repeatPenaltyText : ""; preset: "1"
                onEdited: (text) => root.settings.repeatPenaltyText = text
            }
            NumberField {
                label: qsTr("Presence penalty"); value: root.settings ? root.settings.presencePenaltyText : ""; preset: "0"
                onEdited: (text) => root.settings.presencePenaltyText = text
            }
            NumberField {
                label: qsTr("Frequency penalty"); value: root.settings ? root.settings.frequencyPenaltyText : ""; preset: "0"
                onEdited: (text) => root.settings.frequencyPenaltyText = text
            }
            NumberField {
                label: qsTr("Max tokens"); value: root.settings ? root.settings.maxTokensText : ""
                preset: root.settings ? root.settings.presetMaxTokens : ""
                onEdited: (text) => root.settings.maxTokensText = text
            }
            NumberField {
                label: qsTr("Context length"); value: root.settings ? root.settings.contextLengthText : ""
                preset: qsTr("model")
                onEdited: (text) => root.settings.contextLengthText = text
            }
            Button {
                text: qsTr("Reset to presets")
                onClicked: root.settings.resetSampling()
            }
        }
    }
}
