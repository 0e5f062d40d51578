// Composer: Enter sends, Shift+Enter adds a line, disabled with the reason
// while no model is loaded, Stop while generating, the thinking toggle.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 600
    height: 300

    Component {
        id: composerComponent
        Composer { width: 580 }
    }

    TestCase {
        name: "Composer"
        when: windowShown

        function make(props) {
            const c = createTemporaryObject(composerComponent, root, props)
            verify(c)
            return c
        }

        function test_enterSendsShiftEnterBreaksLine() {
            const c = make({})
            const sent = []
            c.sendRequested.connect((t) => sent.push(t))
            const input = findChild(c, "composerInput")
            input.forceActiveFocus()
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_X)
            compare(input.text, "hi\nx")
            compare(sent.length, 0)
            keyClick(Qt.Key_Return)
            compare(sent, ["hi\nx"])
            compare(input.text, "")
            keyClick(Qt.Key_Enter) // nothing to send
            compare(sent.length, 1)
        }

        function test_disabledWithoutModel() {
            const c = make({ blockedReason: "Load a model to start chatting." })
            const input = findChild(c, "composerInput")
            verify(!input.enabled)
            compare(input.placeholderText, "Load a model to start chatting.")
            verify(!findChild(c, "sendButton").enabled)
            c.blockedReason = ""
            verify(input.enabled)
            c.text = "hello"
            verify(findChild(c, "sendButton").enabled)
        }

        function test_stopWhileGenerating() {
            const c = make({ generating: true })
            verify(findChild(c, "stopButton").visible)
            verify(!findChild(c, "sendButton").visible)
            let stopped = false
            c.stopRequested.connect(() => stopped = true)
            mouseClick(findChild(c, "stopButton"))
            verify(stopped)
            c.text = "queued"
            c.submit() // no sending while a reply runs
            compare(c.text, "queued")
        }

        function test_thinkingToggleAndTokenCount() {
            const c = make({ thinking: true, tokenText: "≈ 3 tokens" })
            const sw = findChild(c, "thinkingSwitch")
            verify(sw.checked)
            let value = null
            c.thinkingToggled.connect((on) => value = on)
            mouseClick(sw)
            compare(value, false)
            compare(findChild(c, "tokenCount").text, "≈ 3 tokens")
            c.thinkingAvailable = false
            verify(!sw.enabled)
        }
    }
}
