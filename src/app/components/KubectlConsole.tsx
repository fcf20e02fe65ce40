/**
 * An in-page terminal that runs kubectl against the lab's world (src/console): a scrolling output log, an input
 * with history (↑/↓), Ctrl+C to stop a `get -w`. Multi-line input is kubectl's stdin: a heredoc
 * (`apply -f - <<EOF` … `EOF`) or YAML pasted under `apply -f -`. Changes go through the store's act(), so
 * they are recorded and replay with the scenario.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { runKubectl } from '../../console/console.ts';
import type { ConsoleTarget, OutputLine, WatchSession } from '../../console/types.ts';
import { useLabStore } from '../lab/LabProvider.tsx';
import type { LabStore } from '../lab/lab-store.ts';

/** Lines kept in the log; older ones scroll away, as a terminal's scrollback does. */
const SCROLLBACK = 2000;
const HISTORY = 100;

interface LogLine {
  id: number;
  text: string;
  kind: 'cmd' | 'out' | 'err';
}

function targetOf(store: LabStore): ConsoleTarget {
  const world = store.getState().world();
  return {
    api: world.api,
    now: () => world.sim.now(),
    act: (a) => store.getState().act(a),
  };
}

/** True while a heredoc is open: Enter then adds a line instead of running the command. */
function heredocOpen(text: string): boolean {
  const lines = text.split('\n');
  const m = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(lines[0] ?? '');
  if (!m) return false;
  return !lines.slice(1).some((l) => l.trim() === m[1]);
}

export function KubectlConsole({ onClose }: { onClose: () => void }) {
  const store = useLabStore();
  const inputId = useId();
  const [lines, setLines] = useState<LogLine[]>([
    { id: 0, text: 'kubectl against this lab. Try: kubectl get pods, kubectl help', kind: 'out' },
  ]);
  const [input, setInput] = useState('');
  const [watching, setWatching] = useState(false);
  const nextId = useRef(1);
  const history = useRef<string[]>([]);
  const cursor = useRef(-1);
  // Running `get -w` sessions; a background one (`… -w &`, as a shell job) survives the next command.
  const watches = useRef<{ session: WatchSession; generation: number; background: boolean }[]>([]);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const append = useCallback((more: readonly { text: string; kind: LogLine['kind'] }[]) => {
    if (more.length === 0) return;
    setLines((prev) => {
      const added = more.map((l) => ({ ...l, id: nextId.current++ }));
      const all = prev.concat(added);
      return all.length > SCROLLBACK ? all.slice(-SCROLLBACK) : all;
    });
  }, []);
  const fromOutput = (out: readonly OutputLine[]) =>
    out.map((l) => ({ text: l.text, kind: l.stream === 'err' ? ('err' as const) : ('out' as const) }));

  const stopWatch = useCallback(
    (note?: string, all = true) => {
      const stopping = watches.current.filter((w) => all || !w.background);
      if (stopping.length === 0) return;
      for (const w of stopping) {
        append(fromOutput(w.session.drain()));
        w.session.stop();
      }
      watches.current = watches.current.filter((w) => !stopping.includes(w));
      setWatching(watches.current.length > 0);
      if (note) append([{ text: note, kind: 'err' }]);
    },
    [append],
  );

  // The store publishes once per frame while the world runs: drain the watch then.
  useEffect(
    () =>
      store.subscribe((s) => {
        const ws = watches.current;
        if (ws.length === 0) return;
        if (ws.some((w) => s.snap.generation !== w.generation)) {
          stopWatch('(watch ended: the world was rebuilt by a reset or a seek back)');
          return;
        }
        for (const w of ws) append(fromOutput(w.session.drain()));
      }),
    [store, append, stopWatch],
  );
  useEffect(() => () => watches.current.forEach((w) => w.session.stop()), []);
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  useEffect(() => inputRef.current?.focus(), []);

  const run = (text: string) => {
    // A foreground watch holds the terminal: typing the next command is as if Ctrl+C came first.
    stopWatch(undefined, false);
    const trimmed = text.replace(/\s+$/, '');
    if (trimmed === '') return;
    history.current = [...history.current.filter((h) => h !== trimmed), trimmed].slice(-HISTORY);
    cursor.current = -1;
    const echo = trimmed
      .split('\n')
      .map((t, i) => ({ text: `${i === 0 ? '$ ' : '> '}${t}`, kind: 'cmd' as const }));
    if (trimmed === 'clear') {
      setLines([]);
      return;
    }
    const [first = '', ...more] = trimmed.split('\n');
    const background = / &$/.test(first);
    const command = background ? [first.replace(/ &$/, ''), ...more].join('\n') : trimmed;
    const result = runKubectl(command, targetOf(store));
    append([...echo, ...fromOutput(result.lines)]);
    if (result.watch) {
      const generation = store.getState().snap.generation;
      watches.current = [...watches.current, { session: result.watch, generation, background }];
      setWatching(true);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (e.key === 'c' && e.ctrlKey && el.selectionStart === el.selectionEnd) {
      e.preventDefault();
      if (watches.current.some((w) => !w.background)) stopWatch('^C', false);
      else if (input !== '') {
        append([{ text: `$ ${input}^C`, kind: 'cmd' }]);
        setInput('');
      }
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !heredocOpen(input)) {
      e.preventDefault();
      run(input);
      setInput('');
      return;
    }
    const h = history.current;
    const before = el.value.slice(0, el.selectionStart);
    const after = el.value.slice(el.selectionEnd);
    if (e.key === 'ArrowUp' && !before.includes('\n') && h.length > 0) {
      e.preventDefault();
      cursor.current = cursor.current < 0 ? h.length - 1 : Math.max(0, cursor.current - 1);
      setInput(h[cursor.current] ?? '');
    } else if (e.key === 'ArrowDown' && !after.includes('\n') && cursor.current >= 0) {
      e.preventDefault();
      cursor.current = cursor.current + 1;
      if (cursor.current >= h.length) {
        cursor.current = -1;
        setInput('');
      } else setInput(h[cursor.current] ?? '');
    }
  };

  return (
    <section className="kubectl-console" aria-label="kubectl console">
      <header className="kc-head">
        <h2>kubectl</h2>
        <span className="kc-hint">
          Enter runs · Shift+Enter or a heredoc adds lines · ↑/↓ history · Ctrl+C stops a watch (… -w & keeps
          it) · Esc closes
        </span>
        {watching && (
          <button type="button" onClick={() => stopWatch('^C')}>
            Stop watches
          </button>
        )}
        <button type="button" onClick={onClose} aria-label="Close the kubectl console">
          ×
        </button>
      </header>
      <div className="kc-log" role="log" aria-label="kubectl output" ref={logRef} tabIndex={0}>
        {lines.map((l) => (
          <pre key={l.id} className={`kc-${l.kind}`}>
            {l.text === '' ? ' ' : l.text}
          </pre>
        ))}
      </div>
      <div className="kc-input">
        <label htmlFor={inputId} className="kc-prompt">
          <span aria-hidden="true">$</span>
          <span className="visually-hidden">kubectl command</span>
        </label>
        <textarea
          id={inputId}
          ref={inputRef}
          value={input}
          rows={Math.min(10, Math.max(1, input.split('\n').length))}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder="kubectl get pods"
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
    </section>
  );
}
