/**
 * The CodeMirror 6 editor itself. Loaded with import() the first time the editor opens, so CodeMirror stays
 * out of the first screen's bundle. Problems found on Apply become lint diagnostics at their line and column.
 */
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { EditIssue } from '../lab/yaml-edit.ts';

export interface YamlEditorViewProps {
  /** The text to show; a new value replaces the document. */
  text: string;
  /** Diagnostics to show; an empty list clears them. */
  issues: readonly EditIssue[];
  /** Reads the current document (for Apply). */
  bindReader: (read: () => string) => void;
  label: string;
}

function toDiagnostics(view: EditorView, issues: readonly EditIssue[]): Diagnostic[] {
  const doc = view.state.doc;
  return issues.map((i) => {
    const line = doc.line(Math.min(Math.max(1, i.line), doc.lines));
    const from = Math.min(line.to, line.from + Math.max(0, i.column - 1));
    return { from, to: Math.max(from, line.to), severity: 'error', message: i.message, source: 'apply' };
  });
}

export default function YamlEditorView({ text, issues, bindReader, label }: YamlEditorViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      doc: text,
      parent: host.current,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.theme({ '&': { maxHeight: '24rem' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    view.current = v;
    bindReader(() => v.state.doc.toString());
    return () => {
      v.destroy();
      view.current = null;
    };
    // One editor per mount; text changes are dispatched below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, toDiagnostics(v, issues)));
  }, [issues]);

  return <div ref={host} className="yaml-editor-host" data-testid="yaml-editor" />;
}
