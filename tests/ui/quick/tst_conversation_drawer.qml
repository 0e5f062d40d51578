// ConversationDrawer: one field per sampling setting (ChatSettings.fields),
// named for screen readers, reached with Tab in the table's order; a value
// outside its range is refused with the engine's words and the field shows
// the stored value again.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 500
    height: 900

    Component {
        id: drawerComponent
        ConversationDrawer { settings: testChatSettings }
    }

    TestCase {
        name: "ConversationDrawer"
        when: windowShown

        function openDrawer() {
            testChatSettings.resetSampling()
            const d = createTemporaryObject(drawerComponent, root)
            verify(d)
            d.open()
            tryCompare(d, "opened", true)
            return d.contentItem // a Popup's items live under its content item
        }

        function type(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function test_fieldsAreNamedAndInTabOrder() {
            const d = openDrawer()
            const keys = ["temperature", "top_k", "top_p", "min_p", "repeat_penalty", "presence_penalty",
                          "frequency_penalty", "max_tokens", "context_length"]
            const labels = ["Temperature", "Top-k", "Top-p", "Min-p", "Repeat penalty", "Presence penalty",
                            "Frequency penalty", "Max tokens", "Context length"]
            for (let i = 0; i < keys.length; ++i) {
                const f = findChild(d, "sampling_" + keys[i])
                verify(f, keys[i])
                compare(f.Accessible.name, labels[i])
            }
            compare(findChild(d, "sampling_top_p").placeholderText, "0.95") // thinking preset
            findChild(d, "sampling_temperature").forceActiveFocus()
            for (let i = 1; i < keys.length; ++i) {
                keyClick(Qt.Key_Tab)
                verify(findChild(d, "sampling_" + keys[i]).activeFocus, keys[i])
            }
        }

        function test_outOfRangeIsRefusedWithTheReason() {
            const d = openDrawer()
            const field = findChild(d, "sampling_top_p")
            const error = findChild(d, "samplingError_top_p")
            verify(!error.visible)
            field.forceActiveFocus()
            type("0")
            keyClick(Qt.Key_Return)
            compare(error.text, "Top-p 0 is outside (0, 1]")
            verify(error.visible)
            compare(field.text, "") // back to the stored value: the preset
            compare(testChatSettings.text("top_p"), "")

            const penalty = findChild(d, "sampling_repeat_penalty")
            penalty.forceActiveFocus()
            type("50")
            keyClick(Qt.Key_Return)
            compare(findChild(d, "samplingError_repeat_penalty").text, "Repeat penalty 50 is outside (0, 10]")

            field.forceActiveFocus()
            type("0.5")
            keyClick(Qt.Key_Return)
            compare(testChatSettings.text("top_p"), "0.5")
            compare(field.text, "0.5")
            verify(!error.visible)
        }
    }
}
