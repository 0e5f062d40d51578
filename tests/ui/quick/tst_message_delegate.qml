// MessageDelegate: the reasoning pane (live, collapsed with "Thought for N s",
// expanding on click, the start-collapsed setting), Markdown and code
// blocks, copy, and the per-message actions.
import QtQuick
import QtTest
import Vela.App
import Vela.Ui

Item {
    id: root
    width: 700
    height: 900

    Component {
        id: delegateComponent
        MessageDelegate { width: 680 }
    }

    TestCase {
        name: "MessageDelegate"
        when: windowShown

        function make(props) {
            const d = createTemporaryObject(delegateComponent, root, props)
            verify(d)
            return d
        }

        function test_reasoningStreamsExpandedThenCollapses() {
            const d = make({ role: "assistant", isStreaming: true, status: "streaming",
                             reasoning: "Let me think", content: "" })
            const pane = findChild(d, "reasoningPane")
            const header = findChild(d, "reasoningHeader")
            const body = findChild(d, "reasoningBody")
            verify(pane.visible)
            compare(header.text, "▾ Thinking…")
            verify(body.visible)
            compare(body.text, "Let me think")
            // The answer begins: the pane collapses and tells how long.
            d.thinkingMs = 3200
            d.content = "Paris."
            verify(!body.visible)
            compare(header.text, "▸ Thought for 3 s")
            d.isStreaming = false
            d.status = "complete"
            verify(!body.visible) // starts collapsed by default
            // A screen reader hears the state the arrow shows.
            compare(header.Accessible.name, "Thought for 3 s")
            compare(header.Accessible.description, "collapsed")
            verify(header.Accessible.checkable && !header.Accessible.checked)
            mouseClick(header)
            verify(body.visible)
            compare(header.text, "▾ Thought for 3 s")
            compare(header.Accessible.description, "expanded")
            verify(header.Accessible.checked)
            mouseClick(header)
            verify(!body.visible)
            compare(header.Accessible.description, "collapsed")
        }

        function test_thinkingCounterCountsSeconds() {
            const d = make({ role: "assistant", isStreaming: true, status: "streaming",
                             reasoning: "Hmm", content: "", reasoningStartedAt: new Date(Date.now() - 3200) })
            const header = findChild(d, "reasoningHeader")
            tryCompare(header, "text", "▾ Thinking… 3 s", 500)
            tryCompare(header, "text", "▾ Thinking… 4 s", 2500) // the timer ticks every second
            d.thinkingMs = 4000
            d.content = "Done."
            compare(header.text, "▸ Thought for 4 s")
        }

        function test_finishedReasoningCanStartExpanded() {
            const d = make({ role: "assistant", reasoning: "Because", content: "Yes",
                             thinkingMs: 1000, reasoningStartsCollapsed: false })
            verify(findChild(d, "reasoningBody").visible)
            compare(findChild(d, "reasoningHeader").text, "▾ Thought for 1 s")
        }

        function test_noReasoningNoPane() {
            const d = make({ role: "assistant", content: "Hi" })
            verify(!findChild(d, "reasoningPane").visible)
        }

        function test_markdownAndCodeBlocks() {
            const d = make({ role: "assistant",
                             content: "# Title\n\nSome **bold** and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('hi')\n```\n" })
            const answer = findChild(d, "answer")
            verify(answer.visible)
            tryVerify(() => findChild(answer, "codeCopyButton") !== null)
            const prose = findChild(answer, "proseBlock")
            verify(prose)
            // Rendered as Markdown: the markers are gone from the visible text.
            verify(prose.getText(0, prose.length).indexOf("Title") >= 0)
            verify(prose.getText(0, prose.length).indexOf("#") < 0)
            verify(prose.getText(0, prose.length).indexOf("**") < 0)
            const copy = findChild(answer, "codeCopyButton")
            mouseClick(copy)
            compare(Clipboard.text, "print('hi')")
            compare(copy.text, "Copied")
        }

        // Prose is rich text made without HTML: tags in a message show as written.
        function test_htmlInAMessageShowsAsText() {
            const d = make({ role: "assistant", content: "Say <b>hi</b> and <img src=\"http://t.invalid/p.png\"/>" })
            const prose = findChild(findChild(d, "answer"), "proseBlock")
            verify(prose)
            compare(prose.textFormat, TextEdit.RichText)
            compare(prose.getText(0, prose.length), "Say <b>hi</b> and <img src=\"http://t.invalid/p.png\"/>")
        }

        function test_accessibleListItem() {
            const d = make({ role: "assistant", content: "Hi", spokenText: "Vela, 10:42: Hi", spokenStatus: "Writing a reply" })
            compare(d.Accessible.role, Accessible.ListItem)
            compare(d.Accessible.name, "Vela, 10:42: Hi")
            compare(d.Accessible.description, "Writing a reply")
            d.spokenStatus = "" // the reply ended: the description says so by going
            compare(d.Accessible.description, "")
            // The icon-only actions are named (their tooltip is their name).
            compare(findChild(d, "copyButton").Accessible.name, "Copy")
            compare(findChild(d, "regenerateButton").Accessible.name, "Regenerate")
        }

        function test_copyMessage() {
            const d = make({ role: "assistant", content: "Answer *text*" })
            mouseClick(findChild(d, "copyButton"))
            compare(Clipboard.text, "Answer *text*")
        }

        function test_actions() {
            const d = make({ role: "assistant", messageId: 7, content: "x" })
            const regen = findChild(d, "regenerateButton")
            verify(regen.visible)
            verify(!findChild(d, "stopButton").visible)
            let asked = -1
            d.regenerateRequested.connect((id) => asked = id)
            mouseClick(regen)
            compare(asked, 7)
            d.isStreaming = true
            verify(!regen.visible)
            verify(findChild(d, "stopButton").visible)
            d.isStreaming = false
            d.actionsEnabled = false
            verify(!regen.enabled)
        }

        function test_editAndResend() {
            const d = make({ role: "user", messageId: 3, content: "Old question" })
            verify(!findChild(d, "regenerateButton").visible)
            mouseClick(findChild(d, "editButton"))
            const area = findChild(d, "editArea")
            compare(area.text, "Old question")
            area.text = "New question"
            let sent = ""
            d.editAndResendRequested.connect((id, text) => sent = id + ":" + text)
            mouseClick(findChild(d, "resendButton"))
            compare(sent, "3:New question")
            verify(!d.editing)
        }

        // A message past previewLength shows its beginning as plain text with
        // a note, at once; Copy still takes all of it. As Markdown, 20,000
        // characters of such lines took about 5 s to lay out, and a pasted
        // 2 MB message froze the window for more than half an hour.
        function test_longMessageShowsAPreview() {
            const line = "Hello, wörld! ¿Qué tal? 日本語のテキスト code: x = [i*i for i in range(10)]\n"
            let text = ""
            while (text.length < 30000)
                text += line
            // A surrogate pair across the cut: the preview stops before it.
            text = text.substring(0, 19999) + "🙂" + text.substring(19999)
            for (const role of ["user", "assistant"]) {
                const started = Date.now()
                const d = make({ role: role, content: text })
                verify(waitForRendering(d)) // a frame: laid out and drawn
                const ms = Date.now() - started
                verify(ms < 2000, role + " took " + ms + " ms")
                verify(d.oversized)
                const preview = findChild(d, role === "user" ? "userPreview" : "answerPreview")
                verify(preview.visible)
                compare(preview.text.length, 19999)
                compare(preview.text, text.substring(0, 19999))
                verify(!findChild(d, "answer").visible)
                const note = findChild(d, "previewNote")
                verify(note.visible)
                compare(note.text, "Showing the first 19,999 of " + Number(text.length).toLocaleString(Qt.locale(), "f", 0)
                                   + " characters. Copy takes the whole message.")
                mouseClick(findChild(d, "copyButton"))
                compare(Clipboard.text.length, text.length)
                verify(Clipboard.text === text)
            }
            // At the limit it is still Markdown.
            const d = make({ role: "assistant", content: "**bold** " + "x".repeat(20000 - 9) })
            verify(!d.oversized)
            verify(findChild(d, "answer").visible)
            verify(!findChild(d, "previewNote").visible)
        }

        function test_longPromptShowsHowMuchWasRead() {
            const d = make({ role: "assistant", isStreaming: true, status: "streaming", content: "" })
            const waiting = findChild(d, "waiting")
            const progress = findChild(d, "promptProgress")
            verify(waiting.visible)
            verify(!progress.visible) // a short prompt: only the spinner
            d.promptProgress = 0.375
            d.promptText = "Reading the conversation: 384 / 1,024 tokens"
            verify(progress.visible)
            compare(findChild(d, "promptText").text, "Reading the conversation: 384 / 1,024 tokens")
            compare(findChild(d, "promptBar").value, 0.375)
            // The first text replaces both.
            d.promptProgress = -1
            d.content = "Hi"
            verify(!waiting.visible)
        }

        function test_stoppedAndFailed() {
            const d = make({ role: "assistant", content: "half", status: "stopped" })
            compare(findChild(d, "statusLabel").text, "Stopped")
            d.status = "failed"
            d.errorText = "GPU lost"
            compare(findChild(d, "statusLabel").text, "Failed: GPU lost")
        }
    }
}
