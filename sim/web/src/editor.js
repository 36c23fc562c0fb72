// The scenario editor: CodeMirror 6 with TOML highlighting, and the library's
// errors marked at their line and column.
import { EditorView, basicSetup } from "codemirror";
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";
import { keymap } from "@codemirror/view";

export class Editor {
  constructor(parent, { onRun, onChange }) {
    this.view = new EditorView({
      parent,
      extensions: [
        basicSetup,
        StreamLanguage.define(toml),
        lintGutter(),
        linter(() => [], { delay: 1e9 }),  // diagnostics come from runs, not from typing
        keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }]),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(); }),
      ],
    });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set text(text) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /// Marks `error` ({ line, column, message }) in the text; line 0: nothing to mark.
  mark(error) {
    const doc = this.view.state.doc;
    if (!error || error.line < 1 || error.line > doc.lines) return this.clear();
    const line = doc.line(error.line);
    const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
    const to = Math.max(from + 1, line.to);
    this.view.dispatch(setDiagnostics(this.view.state, [
      { from, to: Math.min(to, doc.length), severity: "error", message: error.message },
    ]));
    this.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  }

  clear() {
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }
}
