// Sidebar: the conversation list with pinned first, selection, search mode
// with highlighted snippets, the row menu (rename, pin, delete) and undo.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 320
    height: 600

    ListModel {
        id: conversationsModel
        ListElement { conversationId: 2; title: "Pinned chat"; pinned: true; updatedText: "10:00"; section: "pinned" }
        ListElement { conversationId: 1; title: "Older chat"; pinned: false; updatedText: "Mon"; section: "older" }
    }
    ListModel {
        id: resultsModel
        ListElement { conversationId: 1; messageId: 5; title: "Older chat"; snippet: "a <b>tortilla</b> recipe"; field: "content"; timeText: "Mon" }
    }
    Component {
        id: sidebarComponent
        Sidebar { anchors.fill: parent; conversations: conversationsModel; searchResults: resultsModel }
    }

    TestCase {
        name: "Sidebar"
        when: windowShown

        function make() {
            const s = createTemporaryObject(sidebarComponent, root)
            verify(s)
            waitForRendering(s)
            return s
        }

        function test_listAndSelect() {
            const s = make()
            const list = findChild(s, "conversationList")
            compare(list.count, 2)
            let selected = -1
            s.conversationSelected.connect((id) => selected = id)
            const row = findChild(s, "conversation_1")
            verify(row)
            mouseClick(row)
            compare(selected, 1)
            s.currentId = 1
            verify(row.highlighted)
            let newChat = false
            s.newChatRequested.connect(() => newChat = true)
            mouseClick(findChild(s, "newChatButton"))
            verify(newChat)
        }

        function test_pinnedShowsAnIconNotAnEmoji() {
            const s = make()
            verify(findChild(findChild(s, "conversation_2"), "pinnedIcon").visible)
            verify(!findChild(findChild(s, "conversation_1"), "pinnedIcon").visible)
        }

        // Rows draw their title themselves (no text): what a screen reader says.
        function test_rowsAreNamed() {
            const s = make()
            compare(findChild(s, "searchField").Accessible.name, "Search all conversations")
            const pinned = findChild(s, "conversation_2")
            compare(pinned.Accessible.name, "Pinned chat, pinned")
            compare(pinned.Accessible.description, "10:00")
            compare(findChild(s, "conversation_1").Accessible.name, "Older chat")
            compare(findChild(pinned, "conversationMenuButton").Accessible.name, "Actions for “Pinned chat”")
        }

        function test_sectionsNameTheirGroup() {
            const s = make()
            compare(findChild(s, "section_pinned").text, "Pinned")
            compare(findChild(s, "section_older").text, "Older")
        }

        function test_searchShowsHighlightedResults() {
            const s = make()
            let query = ""
            s.searchChanged.connect((q) => query = q)
            const field = findChild(s, "searchField")
            field.text = "tortilla"
            compare(query, "tortilla")
            verify(s.searching)
            verify(findChild(s, "searchResults").visible)
            verify(!findChild(s, "conversationList").visible)
            const snippet = findChild(s, "snippet")
            verify(snippet)
            verify(snippet.text.indexOf("<b>tortilla</b>") >= 0)
            // A click opens the hit: its conversation and the message that matched.
            let opened = []
            s.searchResultSelected.connect((id, messageId) => opened = [id, messageId])
            waitForRendering(s)
            const hit = findChild(s, "searchHit_5")
            verify(hit)
            compare(hit.Accessible.name, "Older chat: a tortilla recipe") // the snippet's words, no markup
            mouseClick(hit)
            compare(opened, [1, 5])
            field.text = ""
            verify(findChild(s, "conversationList").visible)
        }

        function test_renameAndDeleteWithUndo() {
            const s = make()
            const row = findChild(s, "conversation_2")
            let renamed = ""
            s.renameRequested.connect((id, t) => renamed = id + ":" + t)
            row.renaming = true
            const field = findChild(row, "renameField")
            verify(field.visible)
            field.text = "Better title"
            field.accepted()
            compare(renamed, "2:Better title")
            verify(!row.renaming)

            let deleted = -1
            s.deleteRequested.connect((id) => deleted = id)
            mouseClick(findChild(row, "conversationMenuButton"))
            const item = findChild(row, "deleteItem")
            tryVerify(() => item.visible)
            mouseClick(item)
            compare(deleted, 2)

            verify(!findChild(s, "undoBar").visible)
            s.undoTitle = "Pinned chat"
            verify(findChild(s, "undoBar").visible)
            let undone = false
            s.undoRequested.connect(() => undone = true)
            mouseClick(findChild(s, "undoButton"))
            verify(undone)
        }
    }
}
