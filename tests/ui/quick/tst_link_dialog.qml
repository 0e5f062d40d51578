// A link in a message: web and mail links ask first, showing the real
// address (LinkDialog); Cancel and Escape leave it unopened; other schemes
// (file:, javascript:) get no dialog at all.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 640
    height: 480

    Component {
        id: viewComponent
        MarkdownView { width: 600; markdown: "See [the docs](https://example.com/a?b=1)." }
    }

    TestCase {
        name: "LinkDialog"
        when: windowShown

        function test_webLinkAsksFirstWithTheRealAddress() {
            const v = createTemporaryObject(viewComponent, root)
            verify(v)
            const loader = findChild(v, "linkDialogLoader")
            verify(!loader.active)
            v.requestOpen("https://example.com/a?b=1")
            const dialog = loader.item
            verify(dialog)
            tryVerify(() => dialog.opened)
            compare(findChild(dialog.contentItem, "linkAddress").text, "https://example.com/a?b=1")
            compare(findChild(dialog.footer, "linkOpenButton").text, "Open")
            keyClick(Qt.Key_Escape)
            tryVerify(() => !dialog.visible)
        }

        function test_otherSchemesGetNoDialog() {
            const v = createTemporaryObject(viewComponent, root)
            const loader = findChild(v, "linkDialogLoader")
            v.requestOpen("file:///etc/passwd")
            v.requestOpen("javascript:alert(1)")
            verify(!loader.active)
        }
    }
}
