// Composer: Enter sends, Shift+Enter adds a line, disabled with the reason
// while no model is loaded, Stop while generating, the thinking toggle;
// spell checking: the context menu's suggestions replace the word (English,
// and Spanish with its accents), "Add to dictionary" and "Ignore" (from the
// keyboard too), only the misspelled word drawn marked, a language without a
// dictionary doing nothing, and the switch turning it off. The dictionary
// tests skip where the system has no en_US / es_* dictionary.
import QtQuick
import QtTest
import Vela.App
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
            // Named the same whatever the placeholder says; that is its description.
            compare(input.Accessible.name, "Message")
            compare(input.Accessible.description, "Load a model to start chatting.")
            verify(!findChild(c, "sendButton").enabled)
            c.blockedReason = ""
            verify(input.enabled)
            compare(input.Accessible.name, "Message")
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
    
        // The checker once its dictionary has loaded; skips without one.
        function readySpellChecker(c) {
            const spell = c.spellChecker
            verify(spell)
            tryVerify(() => spell.status === SpellChecker.Ready || spell.status === SpellChecker.Missing, 20000)
            if (spell.status === SpellChecker.Missing)
                skip("No English Hunspell dictionary installed (Debian: hunspell-en-us)")
            return spell
        }

        function menuItemNamed(menu, text) {
            for (let i = 0; i < menu.count; ++i) {
                const item = menu.itemAt(i)
                if (item && item.visible && item.text === text)
                    return item
            }
            return null
        }

        function test_contextMenuSuggestsAndReplaces() {
            const c = make({ spellLanguage: "en" })
            const input = findChild(c, "composerInput")
            c.text = "I recieve it"
            const spell = readySpellChecker(c)
            tryVerify(() => spell.isMisspelled(4), 5000)
            verify(!spell.isMisspelled(0))
            compare(spell.wordAt(4), "recieve")
            const r = input.positionToRectangle(4)
            mouseClick(input, r.x + 2, r.y + r.height / 2, Qt.RightButton)
            const menu = findChild(c, "composerContextMenu")
            tryVerify(() => menu.opened)
            verify(findChild(c, "addToDictionaryItem").visible)
            // The suggestions come from the worker a moment later.
            tryVerify(() => menuItemNamed(menu, "receive") !== null, 10000)
            verify(findChild(c, "suggestion0").visible)
            const item = menuItemNamed(menu, "receive")
            compare(item.Accessible.name, "Replace with receive")
            // The slots that just became visible move the rows below them:
            // click once the menu is laid out again.
            waitForItemPolished(menu.contentItem)
            tryVerify(() => item.height > 0 && item.width > 0)
            mouseClick(item)
            compare(input.text, "I receive it")
            tryVerify(() => !menu.visible)
            tryVerify(() => !spell.isMisspelled(4), 5000)
        }

        function test_spanishSuggestionKeepsTheAccent() {
            const c = make({ spellLanguage: "es" })
            const input = findChild(c, "composerInput")
            c.text = "Una cancion para el niño"
            const spell = c.spellChecker
            tryVerify(() => spell.status === SpellChecker.Ready || spell.status === SpellChecker.Missing, 20000)
            if (spell.status === SpellChecker.Missing)
                skip("No Spanish Hunspell dictionary installed (Debian: hunspell-es)")
            tryVerify(() => spell.isMisspelled(6), 5000)
            verify(!spell.isMisspelled(22)) // niño
            const r = input.positionToRectangle(6)
            mouseClick(input, r.x + 2, r.y + r.height / 2, Qt.RightButton)
            const menu = findChild(c, "composerContextMenu")
            tryVerify(() => menuItemNamed(menu, "canción") !== null, 10000)
            const item = menuItemNamed(menu, "canción")
            waitForItemPolished(menu.contentItem)
            tryVerify(() => item.height > 0 && item.width > 0)
            mouseClick(item)
            compare(input.text, "Una canción para el niño")
        }

        function test_addToDictionaryAndIgnoreFromTheKeyboard() {
            const c = make({ spellLanguage: "en" })
            const input = findChild(c, "composerInput")
            c.text = "zorblax and wrold"
            const spell = readySpellChecker(c)
            tryVerify(() => spell.isMisspelled(1) && spell.isMisspelled(14), 5000)
            const menu = findChild(c, "composerContextMenu")
            input.forceActiveFocus()
            input.cursorPosition = 2
            keyClick(Qt.Key_Menu)
            tryVerify(() => menu.opened)
            const add = findChild(c, "addToDictionaryItem")
            verify(add.visible)
            mouseClick(add)
            verify(!spell.isMisspelled(1))
            verify(spell.isMisspelled(14))
            tryVerify(() => !menu.visible)

            input.forceActiveFocus()
            input.cursorPosition = 14
            keyClick(Qt.Key_F10, Qt.ShiftModifier)
            tryVerify(() => menu.opened)
            const ignore = findChild(c, "ignoreItem")
            compare(ignore.Accessible.name, "Ignore this word")
            mouseClick(ignore)
            verify(!spell.isMisspelled(14))
            compare(input.text, "zorblax and wrold") // nothing replaced
        }

        function test_contextMenuOnACorrectWordHasTheClipboard() {
            const c = make({ spellLanguage: "en" })
            const input = findChild(c, "composerInput")
            c.text = "hello there"
            const spell = readySpellChecker(c)
            const menu = findChild(c, "composerContextMenu")
            input.forceActiveFocus()
            input.select(0, 5)
            keyClick(Qt.Key_Menu)
            tryVerify(() => menu.opened)
            verify(!findChild(c, "addToDictionaryItem").visible)
            verify(!findChild(c, "ignoreItem").visible)
            verify(findChild(c, "copyItem").enabled)
            verify(findChild(c, "cutItem").enabled)
            mouseClick(findChild(c, "selectAllItem"))
            compare(input.selectedText, "hello there")
            verify(!spell.isMisspelled(0))
        }

        // Pixels of a colour in the input's image, in columns [fromX, toX).
        function countColored(input, color, fromX, toX) {
            const img = grabImage(input)
            let n = 0
            for (let x = Math.max(0, fromX); x < Math.min(img.width, toX); ++x) {
                for (let y = 0; y < img.height; ++y) {
                    const p = img.pixel(x, y)
                    if (Math.abs(p.r - color.r) < 0.1 && Math.abs(p.g - color.g) < 0.1 && Math.abs(p.b - color.b) < 0.1)
                        ++n
                }
            }
            return n
        }

        function test_onlyTheMisspelledWordIsDrawnMarked() {
            const c = make({ spellLanguage: "en" })
            const input = findChild(c, "composerInput")
            const spell = readySpellChecker(c)
            const mark = Qt.rgba(0, 0.8, 0, 1) // a colour nothing else in the composer has
            spell.underlineColor = mark
            c.text = "hello wrold"
            tryVerify(() => spell.isMisspelled(7), 5000)
            const split = input.positionToRectangle(6).x // where "wrold" starts
            // Drawn once the scene graph has the new formats.
            tryVerify(() => countColored(input, mark, split, input.width) > 20, 5000)
            compare(countColored(input, mark, 0, split), 0) // "hello" is not marked
        }

        function test_noDictionaryForTheLanguageDoesNothing() {
            const c = make({ spellLanguage: "zz" }) // no such dictionary anywhere
            const input = findChild(c, "composerInput")
            c.text = "wrold"
            tryCompare(c.spellChecker, "status", SpellChecker.Missing, 10000)
            verify(!c.spellChecker.isMisspelled(1))
            compare(c.spellChecker.suggestions(1), [])
            input.forceActiveFocus()
            keyClick(Qt.Key_Menu)
            const menu = findChild(c, "composerContextMenu")
            tryVerify(() => menu.opened)
            verify(!findChild(c, "addToDictionaryItem").visible)
            verify(findChild(c, "selectAllItem").enabled)
        }

        function test_spellCheckOff() {
            const c = make({ spellLanguage: "en", spellCheck: false })
            compare(c.spellChecker.status, SpellChecker.Off)
            c.text = "wrold"
            verify(!c.spellChecker.isMisspelled(1))
            c.spellCheck = true
            readySpellChecker(c)
            tryVerify(() => c.spellChecker.isMisspelled(1), 5000)
            c.spellCheck = false
            compare(c.spellChecker.status, SpellChecker.Off)
        }
    }
}
