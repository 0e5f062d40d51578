// ShortcutsSheet: it lists the Shortcut objects it is given, by their label
// and the keys, each as a named list item (for screen readers).
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 640
    height: 480

    component LabeledShortcut: Shortcut { property string label }
    LabeledShortcut { id: one; sequence: "Ctrl+N"; label: "New chat" }
    LabeledShortcut { id: two; sequences: ["F1", "Ctrl+/"]; label: "Keyboard shortcuts" }

    Component {
        id: sheetComponent
        ShortcutsSheet { shortcuts: [one, two] }
    }

    TestCase {
        name: "ShortcutsSheet"
        when: windowShown

        function test_listsEveryShortcutByLabelAndKeys() {
            const sheet = createTemporaryObject(sheetComponent, root)
            verify(sheet)
            sheet.open()
            tryVerify(() => sheet.opened)
            const list = findChild(sheet.contentItem, "shortcutList")
            verify(list)
            compare(list.count, 2)
            tryVerify(() => list.itemAtIndex(1) !== null)
            compare(list.itemAtIndex(0).Accessible.name, "New chat: Ctrl+N")
            compare(list.itemAtIndex(1).Accessible.name, "Keyboard shortcuts: F1 / Ctrl+/")
            keyClick(Qt.Key_Escape)
            tryVerify(() => !sheet.visible)
        }
    }
}
