// A message's Markdown: prose blocks as the rich text MarkdownBlocks renders
// with Qt's Markdown importer and no HTML (headings, lists, tables, inline
// code, links; app/markdown/render.h), fenced code blocks through CodeBlock.
// MarkdownBlocks updates block by block while a reply streams, so finished
// blocks are neither rendered nor laid out again.
import QtQuick
import QtQuick.Layouts
import Vela.App

ColumnLayout {
    id: root
    property alias markdown: blocks.markdown
    spacing: 6
    // The prose font: the rich text is rendered for it (see proseHtml()).
    readonly property font proseFont: Qt.font({ pointSize: Theme.fontSize })

    MarkdownBlocks { id: blocks; font: root.proseFont }

    // A link clicked in the text: web and mail links are confirmed first
    // (LinkDialog shows where they go); others do nothing (Links refuses them).
    function requestOpen(link) {
        if (!Links.canOpen(link))
            return
        linkDialogLoader.active = true
        linkDialogLoader.item.link = link
        linkDialogLoader.item.open()
    }
    Loader {
        id: linkDialogLoader
        objectName: "linkDialogLoader"
        visible: false // no room in the layout: the dialog is on the window's overlay
        active: false // made on the first link, not for every message
        sourceComponent: LinkDialog { objectName: "linkDialog" }
    }

    Repeater {
        model: blocks
        delegate: Loader {
            id: loader
            required property string kind
            required property string text
            required property string html
            required property string language
            required property bool closed
            Layout.fillWidth: true
            sourceComponent: kind === "code" ? codeComponent : proseComponent

            Component {
                id: proseComponent
                TextEdit {
                    objectName: "proseBlock"
                    text: loader.html
                    textFormat: TextEdit.RichText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.colors.text
                    selectionColor: Theme.colors.selection
                    selectedTextColor: Theme.colors.text
                    font: root.proseFont
                    onLinkActivated: (link) => root.requestOpen(link)
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
