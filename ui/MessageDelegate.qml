// One message of the chat view. Everything it shows comes in through its
// properties (the MessageListModel roles), and everything it asks for goes
// out as signals, so it can be tested without the app.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Item {
    id: root
    property var messageId: -1
    property string role: "assistant"
    property string content
    property string reasoning
    property int thinkingMs: -1
    property string status: "complete"
    property bool isStreaming: false
    property real promptProgress: -1     // 0..1 while a long prompt is read, else -1
    property string promptText           // "Reading the conversation: 384 / 1,024 tokens"
    property string statsText
    property string modelName // the model that answered, "" when unknown
    property string createdText
    property var reasoningStartedAt      // a Date: when the model began to think (the live counter)
    property string errorText
    property bool reasoningStartsCollapsed: true
    property bool actionsEnabled: true   // false while another reply runs
    property bool highlighted: false     // flashed: the search result that was opened
    // For screen readers (MessageListModel's spokenText / spokenStatus):
    // "You, 10:42: …" and the reply's state ("Writing a reply", "Stopped").
    property string spokenText
    property string spokenStatus

    readonly property bool isUser: role === "user"
    // A message longer than this shows its beginning as plain text (the
    // whole message stays stored; Copy and Edit take all of it). Qt 6.4's
    // Markdown TextEdit lays a paragraph out again for every line it
    // imports: 20,000 characters of mixed-script lines take 5 s, a pasted
    // 2 MB message froze the window for more than half an hour. Plain text
    // of this size lays out in well under 0.1 s.
    readonly property int previewLength: 20000
    readonly property bool oversized: content.length > previewLength
    // Cut before previewLength, never inside a surrogate pair.
    readonly property string previewText: {
        if (!oversized)
            return ""
        const high = content.charCodeAt(previewLength - 1)
        return content.substring(0, high >= 0xD800 && high <= 0xDBFF ? previewLength - 1 : previewLength)
    }
    property bool editing: false

    signal regenerateRequested(var messageId)
    signal editAndResendRequested(var messageId, string text)
    signal stopRequested()

    implicitHeight: column.implicitHeight + 16

    // One list item per message, named by who wrote it, when, and what; its
    // description is the reply's state, so the start and end of streaming
    // are reported as a description change.
    Accessible.role: Accessible.ListItem
    Accessible.name: spokenText
    Accessible.description: spokenStatus

    HoverHandler { id: hover }

    Rectangle {
        objectName: "highlight"
        anchors.fill: parent
        anchors.margins: -4
        radius: Theme.radius
        color: Theme.colors.highlight
        opacity: root.highlighted ? 0.8 : 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: 600 } }
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: 8
        spacing: 6

        // The user's message: a bubble on the right.
        Rectangle {
            visible: root.isUser && !root.editing
            Layout.alignment: Qt.AlignRight
            Layout.maximumWidth: column.width * 0.85
            Layout.preferredWidth: Math.min((root.oversized ? userPreview.implicitWidth : userText.implicitWidth) + 24,
                                            column.width * 0.85)
            implicitHeight: (root.oversized ? userPreview.implicitHeight : userText.implicitHeight) + 16
            color: Theme.colors.userBubble
            radius: Theme.radius
            MarkdownView {
                id: userText
                anchors.fill: parent
                anchors.margins: 8
                visible: !root.oversized
                markdown: root.isUser && !root.oversized ? root.content : ""
            }
            PlainTextView {
                id: userPreview
                objectName: "userPreview"
                anchors.fill: parent
                anchors.margins: 8
                visible: root.oversized
                text: root.isUser ? root.previewText : ""
            }
        }
        ColumnLayout {
            visible: root.editing
            Layout.fillWidth: true
            TextArea {
                id: editArea
                objectName: "editArea"
                Accessible.name: qsTr("Edit message")
                Layout.fillWidth: true
                wrapMode: TextEdit.Wrap
                color: Theme.colors.text
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                Button {
                    text: qsTr("Cancel")
                    onClicked: root.editing = false
                }
                Button {
                    objectName: "resendButton"
                    text: qsTr("Send")
                    highlighted: true
                    enabled: editArea.text.trim() !== ""
                    onClicked: {
                        root.editing = false
                        root.editAndResendRequested(root.messageId, editArea.text)
                    }
                }
            }
        }

        // The assistant's reply: reasoning, then the answer.
        ReasoningPane {
            objectName: "reasoningPane"
            visible: !root.isUser && root.reasoning !== ""
            Layout.fillWidth: true
            text: root.reasoning
            thinkingMs: root.thinkingMs
            streaming: root.isStreaming
            answerStarted: root.content !== ""
            startCollapsed: root.reasoningStartsCollapsed
            startedAt: root.reasoningStartedAt
        }
        MarkdownView {
            objectName: "answer"
            visible: !root.isUser && !root.oversized
            Layout.fillWidth: true
            markdown: root.isUser || root.oversized ? "" : root.content
        }
        PlainTextView {
            objectName: "answerPreview"
            visible: !root.isUser && root.oversized
            Layout.fillWidth: true
            text: root.isUser ? "" : root.previewText
        }
        Label {
            objectName: "previewNote"
            visible: root.oversized
            text: qsTr("Showing the first %1 of %2 characters. Copy takes the whole message.")
                  .arg(Number(root.previewText.length).toLocaleString(Qt.locale(), "f", 0))
                  .arg(Number(root.content.length).toLocaleString(Qt.locale(), "f", 0))
            color: Theme.colors.subtleText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            horizontalAlignment: root.isUser ? Text.AlignRight : Text.AlignLeft
            font.pointSize: Theme.captionSize
        }
        // Before the reply's first text: a spinner, and how much of a long
        // prompt has been read (a prompt of thousands of tokens takes
        // minutes on a CPU-only Vulkan device).
        RowLayout {
            objectName: "waiting"
            visible: root.isStreaming && root.content === "" && root.reasoning === ""
            spacing: 8
            BusyIndicator {
                running: parent.visible
                Layout.preferredWidth: 28
                Layout.preferredHeight: 28
            }
            ColumnLayout {
                objectName: "promptProgress"
                visible: root.promptProgress >= 0
                spacing: 2
                Label {
                    objectName: "promptText"
                    text: root.promptText
                    color: Theme.colors.subtleText
                    font.pointSize: Theme.captionSize
                }
                ProgressBar {
                    objectName: "promptBar"
                    from: 0
                    to: 1
                    value: Math.max(root.promptProgress, 0)
                    Layout.preferredWidth: 220
                }
            }
        }
        Label {
            objectName: "statusLabel"
            visible: text !== ""
            text: root.status === "stopped" ? qsTr("Stopped")
                : root.status === "failed" ? qsTr("Failed: %1").arg(root.errorText) : ""
            color: root.status === "failed" ? Theme.colors.errorText : Theme.colors.subtleText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            font.pointSize: Theme.captionSize
        }

        // Actions and statistics.
        RowLayout {
            Layout.fillWidth: true
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            layoutDirection: root.isUser ? Qt.RightToLeft : Qt.LeftToRight
            spacing: 2
            visible: !root.editing
            // The actions show while the pointer is over the message, while
            // one of them has keyboard focus, and on a reply that is still
            // running (Stop); hidden ones stay in the accessibility tree and
            // the Tab order, so neither a screen reader nor the keyboard
            // depends on hovering.
            readonly property bool revealed: hover.hovered || root.isStreaming || copyButton.activeFocus ||
                                             editButton.activeFocus || regenerateButton.activeFocus ||
                                             stopButton.activeFocus
            IconButton {
                id: copyButton
                objectName: "copyButton"
                property bool copied: false
                iconName: copied ? "check" : "content_copy"
                iconSize: 16
                iconColor: Theme.colors.subtleText
                opacity: parent.revealed || copied ? 1 : 0
                text: copied ? qsTr("Copied") : qsTr("Copy")
                enabled: root.content !== ""
                onClicked: {
                    Clipboard.copy(root.content)
                    copied = true
                    copiedTimer.restart()
                }
                Timer { id: copiedTimer; interval: 1500; onTriggered: copyButton.copied = false }
            }
            IconButton {
                id: editButton
                objectName: "editButton"
                visible: root.isUser
                enabled: root.actionsEnabled
                iconName: "edit"
                iconSize: 16
                iconColor: Theme.colors.subtleText
                opacity: parent.revealed ? 1 : 0
                text: qsTr("Edit")
                onClicked: {
                    editArea.text = root.content
                    root.editing = true
                    editArea.forceActiveFocus()
                }
            }
            IconButton {
                id: regenerateButton
                objectName: "regenerateButton"
                visible: !root.isUser && !root.isStreaming
                enabled: root.actionsEnabled
                iconName: "refresh"
                iconSize: 16
                iconColor: Theme.colors.subtleText
                opacity: parent.revealed ? 1 : 0
                text: qsTr("Regenerate")
                onClicked: root.regenerateRequested(root.messageId)
            }
            IconButton {
                id: stopButton
                objectName: "stopButton"
                visible: root.isStreaming
                iconName: "stop_circle"
                iconSize: 16
                iconColor: Theme.colors.subtleText
                text: qsTr("Stop")
                onClicked: root.stopRequested()
            }
            Label {
                objectName: "modelLabel"
                visible: root.role === "assistant" && root.modelName !== ""
                text: root.modelName
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                leftPadding: 6
            }
            Label {
                objectName: "statsLabel"
                text: root.statsText !== "" ? root.statsText : root.createdText
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                leftPadding: 6
                rightPadding: 6
            }
        }
    }
}
