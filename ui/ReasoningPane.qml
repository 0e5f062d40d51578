// The model's thinking above an answer. It streams expanded while the model
// thinks ("Thinking… N s", counted every second from `startedAt`, when the
// engine entered the reasoning phase: reading a long prompt before it is
// not thinking), collapses when the answer begins and then reads "Thought
// for N s".
// Finished replies start collapsed or expanded as the setting says; a click
// on the header overrides either.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string text
    property int thinkingMs: -1
    property bool streaming: false      // the reply is still being generated
    property bool answerStarted: false  // the reply has answer text
    property bool startCollapsed: true
    property var startedAt              // a Date: when the thinking began (unset or invalid: no counter)

    readonly property bool thinkingLive: streaming && !answerStarted
    property bool userChose: false
    property bool userExpanded: false
    readonly property bool expanded: userChose ? userExpanded
                                               : (thinkingLive || (!startCollapsed && !streaming))
    readonly property int seconds: Math.max(1, Math.round(thinkingMs / 1000))
    readonly property double startMs: startedAt instanceof Date ? startedAt.getTime() : NaN
    readonly property bool counting: thinkingLive && !isNaN(startMs)
    property double now: Date.now()     // advanced by the timer below while counting
    readonly property int liveSeconds: Math.max(0, Math.floor((now - startMs) / 1000))
    readonly property string headerText: thinkingLive ? (counting ? qsTr("Thinking… %n s", "", liveSeconds)
                                                                  : qsTr("Thinking…"))
                                       : thinkingMs >= 0 ? qsTr("Thought for %n s", "", seconds)
                                                         : qsTr("Thoughts")

    Timer {
        interval: 1000
        repeat: true
        running: root.counting
        triggeredOnStart: true
        onTriggered: root.now = Date.now()
    }

    implicitHeight: column.implicitHeight + 8
    color: Theme.colors.reasoningBackground
    border.color: Theme.colors.border
    radius: 6

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 4
        spacing: 2

        ToolButton {
            id: header
            objectName: "reasoningHeader"
            text: (root.expanded ? "▾ " : "▸ ") + root.headerText
            font.pointSize: Theme.smallSize
            Layout.fillWidth: true
            contentItem: Label {
                text: header.text
                color: Theme.colors.subtleText
                font: header.font
                horizontalAlignment: Text.AlignLeft
            }
            onClicked: {
                root.userExpanded = !root.expanded
                root.userChose = true
            }
            Accessible.name: root.headerText
            // The arrow that shows it is not read: say whether the pane is open.
            Accessible.role: Accessible.Button
            Accessible.checkable: true
            Accessible.checked: root.expanded
            Accessible.description: root.expanded ? qsTr("expanded") : qsTr("collapsed")
        }
        Label {
            id: body
            objectName: "reasoningBody"
            visible: root.expanded
            text: root.text
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.colors.subtleText
            font.pointSize: Theme.smallSize
            font.italic: true
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.bottomMargin: 4
        }
    }
}
