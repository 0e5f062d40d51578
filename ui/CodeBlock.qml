// A fenced code block of a message: language label, Copy (exactly the code),
// monospace text that scrolls sideways instead of wrapping, coloured by
// HighlightedCode (highlight.js on a worker thread, the theme's code* colours):
// plain at once, highlighted when the worker answers.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Rectangle {
    id: root
    property string code
    property string language
    property bool closed: true

    implicitHeight: column.implicitHeight
    color: Theme.colors.codeBackground
    border.color: Theme.colors.border
    radius: 6

    HighlightedCode {
        id: highlighter
        objectName: "codeHighlighter"
        code: root.code
        language: root.language
        palette: Theme.colors
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 4
            Label {
                text: root.language !== "" ? root.language : qsTr("code")
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                Layout.fillWidth: true
            }
            ToolButton {
                id: copyButton
                objectName: "codeCopyButton"
                property bool copied: false
                text: copied ? qsTr("Copied") : qsTr("Copy")
                // Beside the message's own Copy: say what this one copies.
                Accessible.name: copied ? qsTr("Copied") : qsTr("Copy code")
                font.pointSize: Theme.captionSize
                onClicked: {
                    Clipboard.copy(root.code)
                    copied = true
                    copiedTimer.restart()
                }
                Timer { id: copiedTimer; interval: 1500; onTriggered: copyButton.copied = false }
            }
        }
        Flickable {
            Layout.fillWidth: true
            Layout.preferredHeight: codeText.implicitHeight + 16
            contentWidth: codeText.implicitWidth + 20
            clip: true
            flickableDirection: Flickable.HorizontalFlick
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AsNeeded }
            TextEdit {
                id: codeText
                objectName: "codeText"
                x: 10
                y: 6
                // Rich text from the start (the plain first version too), so
                // the layout does not jump when the colours arrive.
                text: highlighter.html
                readOnly: true
                selectByMouse: true
                textFormat: TextEdit.RichText
                font.family: Theme.monoFamily
                font.pointSize: Theme.smallSize
                color: Theme.colors.text
                selectionColor: Theme.colors.selection
                selectedTextColor: Theme.colors.text
            }
        }
    }
}
