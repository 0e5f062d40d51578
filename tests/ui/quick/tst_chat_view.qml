// ChatView: it follows a streaming reply to the bottom, stops following as
// soon as the user scrolls up (the reply keeps growing below, the view stays
// where they put it), and follows again once they scroll back to the end.
// It can also bring a message into view and flash it (a search result).
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 600
    height: 400

    ListModel { id: messagesModel }

    Component {
        id: viewComponent
        ChatView { anchors.fill: parent; model: messagesModel }
    }

    TestCase {
        name: "ChatView"
        when: windowShown

        function message(id, role, content, streaming) {
            return { messageId: id, role: role, content: content, reasoning: "", thinkingMs: -1,
                     status: streaming ? "streaming" : "complete", isStreaming: streaming,
                     statsText: "", createdText: "10:00", error: "" }
        }

        function paragraph(n) {
            let s = ""
            for (let i = 0; i < n; ++i)
                s += "Line " + i + " of a reply that keeps growing while the model writes it.\n\n"
            return s
        }

        function init() {
            messagesModel.clear()
            for (let i = 0; i < 6; ++i) {
                messagesModel.append(message(2 * i + 1, "user", "Question " + i, false))
                messagesModel.append(message(2 * i + 2, "assistant", paragraph(4), false))
            }
        }

        function make() {
            const v = createTemporaryObject(viewComponent, root)
            verify(v)
            waitForRendering(v)
            return v
        }

        // Runs the calls queued with Qt.callLater so far (they run in order,
        // on one later turn of the event loop): a marker queued behind them.
        function runCallLater() {
            let ran = false
            Qt.callLater(() => ran = true)
            tryVerify(() => ran, 2000, "Qt.callLater ran")
        }

        // The reply grows by a few lines, as a delta does; laid out, the
        // view scrolls with Qt.callLater (when it follows).
        function grow(v, lines) {
            const last = messagesModel.count - 1
            messagesModel.setProperty(last, "content", messagesModel.get(last).content + paragraph(lines))
            verify(waitForRendering(v))
            runCallLater()
        }

        function test_followsThenStopsThenResumes() {
            messagesModel.append(message(100, "assistant", "", true))
            const v = make()
            tryVerify(() => v.atBottom, 2000, "a new message scrolls to the end")
            verify(v.follow)
            for (let i = 0; i < 5; ++i) {
                grow(v, 3)
                tryVerify(() => v.atBottom, 2000, "the view follows the stream")
            }

            // The user scrolls up with the wheel: the view stays there.
            for (let i = 0; i < 5; ++i)
                mouseWheel(v, v.width / 2, v.height / 2, 0, 120)
            tryVerify(() => !v.moving, 2000)
            verify(!v.atBottom)
            verify(!v.follow)
            const seen = topRow(v)
            for (let i = 0; i < 5; ++i) {
                grow(v, 3)
                compare(topRow(v), seen, "the view does not move while the reply grows below")
                verify(!v.atBottom)
            }

            // "Scroll to the latest message" shows while the end is out of
            // view, and takes the user there (following again).
            const latest = findChild(v, "scrollToLatestButton")
            verify(latest.visible)
            compare(latest.Accessible.name, "Scroll to the latest message")
            mouseClick(latest)
            runCallLater()
            tryVerify(() => v.atBottom, 2000, "the button scrolls to the end")
            verify(v.follow)
            tryVerify(() => !latest.visible, 2000)
            grow(v, 3)
            tryVerify(() => v.atBottom, 2000, "and the view follows the stream again")

            // Up again, and back with the wheel: following resumes too.
            for (let i = 0; i < 5; ++i)
                mouseWheel(v, v.width / 2, v.height / 2, 0, 120)
            tryVerify(() => !v.moving, 2000)
            verify(!v.follow)
            for (let i = 0; i < 200 && !v.atBottom; ++i) {
                mouseWheel(v, v.width / 2, v.height / 2, 0, -120)
                tryVerify(() => !v.moving, 2000) // this notch's scroll has ended
            }
            tryVerify(() => v.atBottom, 2000)
            tryVerify(() => v.follow, 2000)
            for (let i = 0; i < 3; ++i) {
                grow(v, 3)
                tryVerify(() => v.atBottom, 2000, "the view follows the stream again")
            }
        }

        // The row at the top of the view and where it is: what the user sees.
        function topRow(v) {
            const row = v.indexAt(40, v.contentY + 2)
            const item = v.itemAtIndex(row)
            return [row, item ? Math.round(item.y - v.contentY) : 0]
        }

        function test_scrollBarDragAlsoStopsFollowing() {
            messagesModel.append(message(100, "assistant", "", true))
            const v = make()
            tryVerify(() => v.atBottom, 2000)
            const bar = findChild(v, "chatScrollBar")
            verify(bar)
            mouseDrag(bar, bar.width / 2, bar.height - 10, 0, -bar.height / 2)
            verify(!bar.pressed)
            verify(!v.atBottom)
            verify(!v.follow)
            const seen = topRow(v)
            for (let i = 0; i < 3; ++i) {
                grow(v, 4)
                compare(topRow(v), seen, "the view does not move while the reply grows below")
            }
        }

        function test_ownMovesDoNotStopFollowing() {
            messagesModel.append(message(100, "assistant", "", true))
            const v = make()
            tryVerify(() => v.atBottom, 2000)
            v.contentY = v.originY // not the user's: the view goes back to the end
            verify(v.follow)
            grow(v, 2)
            tryVerify(() => v.atBottom, 2000)
        }

        function test_sendingScrollsToTheEnd() {
            const v = make()
            tryVerify(() => v.atBottom, 2000)
            for (let i = 0; i < 5; ++i)
                mouseWheel(v, v.width / 2, v.height / 2, 0, 120)
            tryVerify(() => !v.moving, 2000)
            verify(!v.follow)
            messagesModel.append(message(200, "user", "Another question", false))
            tryVerify(() => v.atBottom, 2000, "a new message brings the end into view")
            verify(v.follow)
        }

        function test_revealMessageScrollsAndHighlights() {
            const v = make()
            tryVerify(() => v.atBottom, 2000)
            v.revealMessage(2, 3) // the second question, near the top
            tryVerify(() => v.highlightedId === 3, 1000)
            verify(!v.follow, "the view stays at the message, it does not jump back to the end")
            const row = 2
            const inView = () => {
                const it = v.itemAtIndex(row)
                return it && it.y + it.height > v.contentY && it.y < v.contentY + v.height
            }
            tryVerify(inView, 2000, "the message is in view")
            const item = v.itemAtIndex(row)
            verify(item.highlighted)
            verify(!v.itemAtIndex(row + 1).highlighted)
            tryVerify(() => v.highlightedId === -1, 5000, "the highlight fades after a moment")
            verify(!item.highlighted)
            v.revealMessage(-1, 12345) // not in this conversation: nothing happens
            compare(v.highlightedId, -1)
        }
    }
}
