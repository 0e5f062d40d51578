// CodeBlock: a Python block is shown plain at once and coloured with the
// theme's code* roles once the highlighter answers (light and dark), the
// view keeps every character and stays selectable, and Copy copies exactly
// the code.
import QtQuick
import QtTest
import Vela.App
import Vela.Ui

Item {
    id: root
    width: 700
    height: 500

    Component {
        id: blockComponent
        CodeBlock { width: 680 }
    }

    TestCase {
        name: "CodeBlock"
        when: windowShown

        function make(props) {
            const b = createTemporaryObject(blockComponent, root, props)
            verify(b)
            return b
        }

        function span(color, escapedText) {
            return "<span style=\"color:" + color + "\">" + escapedText + "</span>"
        }

        function cleanup() {
            Theme.dark = false
        }

        function test_pythonIsColouredAndCopiesExactly() {
            const code = "def greet(name):\n\t# say <hi> & \"bye\"\r\n    return 'héllo ' + name * 2\n"
            const b = make({ code: code, language: "python" })
            const hl = findChild(b, "codeHighlighter")
            const text = findChild(b, "codeText")
            verify(hl)
            verify(text)
            compare(text.textFormat, TextEdit.RichText)
            verify(text.selectByMouse)
            verify(text.readOnly)
            tryVerify(() => hl.highlighted, 60000)
            // The view's document has the colours (TextEdit.text gives it back
            // as Qt writes HTML, not as it was set).
            verify(text.text.indexOf("color:" + Theme.colors.codeKeyword + ";\">def</span>") >= 0, text.text)
            verify(text.text.indexOf("color:" + Theme.colors.codeString + ";\">'héllo '</span>") >= 0, text.text)
            verify(hl.html.indexOf(span(Theme.colors.codeKeyword, "def")) >= 0, hl.html)
            verify(hl.html.indexOf(span(Theme.colors.codeKeyword, "return")) >= 0, hl.html)
            verify(hl.html.indexOf(span(Theme.colors.codeTitle, "greet")) >= 0, hl.html)
            verify(hl.html.indexOf(span(Theme.colors.codeComment, "# say &lt;hi&gt; &amp; &quot;bye&quot;")) >= 0, hl.html)
            verify(hl.html.indexOf(span(Theme.colors.codeString, "'héllo '")) >= 0, hl.html)
            verify(hl.html.indexOf(span(Theme.colors.codeNumber, "2")) >= 0, hl.html)
            // What the view holds is the code, whitespace and all: a line
            // break is a paragraph (U+2029 in getText()), a CRLF one break,
            // and the final one is dropped as rich text drops it.
            compare(text.getText(0, text.length).replace(/\u2029/g, "\n"),
                    code.replace("\r\n", "\n").replace(/\n$/, ""))
            const copy = findChild(b, "codeCopyButton")
            verify(copy)
            mouseClick(copy)
            compare(Clipboard.text, code)
            compare(copy.text, "Copied")
        }

        function test_darkThemeColours() {
            Theme.dark = true
            const b = make({ code: "while True:\n    pass\n", language: "python" })
            const hl = findChild(b, "codeHighlighter")
            tryVerify(() => hl.highlighted, 60000)
            verify(hl.html.indexOf(span(Theme.darkPalette.codeKeyword, "while")) >= 0, hl.html)
            Theme.dark = false
            verify(hl.html.indexOf(span(Theme.lightPalette.codeKeyword, "while")) >= 0, hl.html)
        }

        function test_streamingBlockEndsHighlighted() {
            const b = make({ code: "x = 1\n", language: "python", closed: false })
            const hl = findChild(b, "codeHighlighter")
            tryVerify(() => hl.highlighted, 60000)
            // Deltas while the block's first answer is in flight or not:
            // the block ends with the colours of its last text.
            let code = b.code
            for (let i = 0; i < 20; ++i) {
                code += "print('line " + i + "')\n"
                b.code = code
            }
            tryVerify(() => hl.highlighted && hl.code === code, 60000)
            verify(hl.html.indexOf(span(Theme.colors.codeString, "'line 19'")) >= 0, hl.html)
            b.closed = true
            mouseClick(findChild(b, "codeCopyButton"))
            compare(Clipboard.text, code)
        }
    }
}
