import { Compartment, EditorState, Transaction } from '@codemirror/state'
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view'
import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands'
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { json } from '@codemirror/lang-json'
import { lintGutter, setDiagnostics } from '@codemirror/lint'
import type { Diagnostic } from '@codemirror/lint'

// CodeMirror 6 set up for the JSON editor. Loaded with a dynamic import, so the segment screen's
// bundle does not carry it. The editor only edits text: checking is done by jsonDraft.ts and the
// results are pushed in as diagnostics, so there is one validation, not two.
// No indentWithTab: Tab must keep moving the focus out of the editor (keyboard users).

export interface EditorMark { from: number; to: number; message: string }

export interface JsonEditorHandle {
  /**
   * Replaces the whole text. `undoable` for the user's own actions (Format, Revert); otherwise it is
   * the rule's new state and the editor's undo history starts again from it.
   */
  setText(text: string, undoable?: boolean): void
  setMarks(marks: readonly EditorMark[]): void
  setLabel(label: string): void
  focus(): void
  destroy(): void
}

export interface JsonEditorOptions {
  text: string
  label: string
  /** id of the element that describes the editor (the problems list). */
  describedBy: string
  onChange: (text: string) => void
}

const attrs = (label: string, describedBy: string) =>
  EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy, spellcheck: 'false' })

/** Mounts a JSON editor in `parent`. */
export function createJsonEditor(parent: HTMLElement, opts: JsonEditorOptions): JsonEditorHandle {
  const labelSlot = new Compartment()
  const historySlot = new Compartment()
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(), historySlot.of(history()), drawSelection(), highlightActiveLine(), bracketMatching(),
        json(), syntaxHighlighting(defaultHighlightStyle), lintGutter(), EditorView.lineWrapping,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        labelSlot.of(attrs(opts.label, opts.describedBy)),
        EditorView.updateListener.of((u) => { if (u.docChanged) opts.onChange(u.state.doc.toString()) }),
      ],
    }),
  })
  return {
    setText(text, undoable = false) {
      if (text === view.state.doc.toString()) return
      const changes = { from: 0, to: view.state.doc.length, insert: text }
      if (undoable) return view.dispatch({ changes, annotations: isolateHistory.of('full') })
      // The earlier edits were made to a text that is gone: start a fresh history.
      view.dispatch({ changes, annotations: Transaction.addToHistory.of(false), effects: historySlot.reconfigure([]) })
      view.dispatch({ effects: historySlot.reconfigure(history()) })
    },
    setMarks(marks) {
      const len = view.state.doc.length
      const diagnostics: Diagnostic[] = marks.map((m) => {
        const from = Math.min(m.from, len)
        return { from, to: Math.max(from, Math.min(m.to, len)), severity: 'error', message: m.message }
      })
      view.dispatch(setDiagnostics(view.state, diagnostics))
    },
    setLabel(label) {
      view.dispatch({ effects: labelSlot.reconfigure(attrs(label, opts.describedBy)) })
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  }
}
