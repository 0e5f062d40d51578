// Where the user writes: Enter sends, Shift+Enter starts a new line. While
// no model is loaded it is disabled and says why (blockedReason). The
// thinking toggle belongs to the conversation and is remembered with it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property alias text: input.text
    property string blockedReason       // "" when sending is possible
    property bool generating: false
    property bool thinking: true
    property bool thinkingAvailable: true
    property string tokenText           // live token count, shown under the input

    readonly property bool canSend: blockedReason === "" && !generating && input.text.trim() !== ""

    signal sendRequested(string text)
    signal stopRequested()
    signal thinkingToggled(bool on)

    // Keyboard focus into the message field (Ctrl+L).
    function focusInput() {
        input.forceActiveFocus()
    }

    function submit() {
        if (!canSend)
            return
        const message = input.text
        input.clear()
        sendRequested(message)
    }

    implicitHeight: column.implicitHeight + 16
    color: Theme.colors.surface
    radius: Theme.radius
    border.color: input.activeFocus ? Theme.colors.accent : Theme.colors.border

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(input.implicitHeight, 200)
            TextArea {
                id: input
                objectName: "composerInput"
                enabled: root.blockedReason === ""
                placeholderText: root.blockedReason !== "" ? root.blockedReason
                                                            : qsTr("Message Vela (Enter to send, Shift+Enter for a new line)")
                wrapMode: TextEdit.Wrap
                color: Theme.colors.text
                placeholderTextColor: Theme.colors.subtleText
                font.pointSize: Theme.fontSize
                background: null
                Keys.onPressed: (event) => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        root.submit()
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Switch {
                objectName: "thinkingSwitch"
                text: qsTr("Thinking")
                checked: root.thinking
                enabled: root.thinkingAvailable
                font.pointSize: Theme.smallSize
                onToggled: root.thinkingToggled(checked)
                ToolTip.visible: hovered
                ToolTip.text: root.thinkingAvailable ? qsTr("Let the model reason before it answers")
                                                     : qsTr("This model cannot switch thinking on and off")
            }
            Label {
                objectName: "tokenCount"
                text: root.tokenText
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
            }
            Button {
                objectName: "stopButton"
                visible: root.generating
                text: qsTr("Stop")
                onClicked: root.stopRequested()
            }
            Button {
                objectName: "sendButton"
                visible: !root.generating
                text: qsTr("Send")
                highlighted: true
                enabled: root.canSend
                onClicked: root.submit()
            }
        }
    }
}
