// A message's Markdown: prose blocks through Qt's Markdown renderer
// (headings, lists, tables, inline code, links), fenced code blocks through
// CodeBlock. MarkdownBlocks updates block by block while a reply streams, so
// finished blocks are not laid out again.
import QtQuick
import QtQuick.Layouts
import Vela.App

ColumnLayout {
    id: root
    property alias markdown: blocks.markdown
    spacing: 6

    MarkdownBlocks { id: blocks }

    Repeater {
        model: blocks
        delegate: Loader {
            id: loader
            required property string kind
            required property string text
            required property string language
            required property bool closed
            Layout.fillWidth: true
            sourceComponent: kind === "code" ? codeComponent : proseComponent

            Component {
                id: proseComponent
                TextEdit {
                    objectName: "proseBlock"
                    text: loader.text
                    textFormat: TextEdit.MarkdownText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    selectionColor: Theme.selection
                    selectedTextColor: Theme.text
                    font.pointSize: Theme.fontSize
                    onLinkActivated: (link) => Qt.openUrlExternally(link)
                }
            }
            Component {
                id: codeComponent
                CodeBlock {
                    code: loader.text
                    language: loader.language
                    closed: loader.closed
                }
            }
        }
    }
}
