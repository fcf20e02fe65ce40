/**
 * The placeholder page: the product's name, what it is for, and a toy reconcile loop to play with. The toy is
 * deliberately self-contained (it does not use src/engine yet); the real lab replaces this page.
 */
import { useEffect, useReducer } from 'react';

type ReplicaPhase = 'Pending' | 'Running' | 'Terminating';

interface Replica {
  id: number;
  phase: ReplicaPhase;
}

interface LoopState {
  desired: number;
  replicas: Replica[];
  nextId: number;
  round: number;
  playing: boolean;
  /** Newest first; ids keep React keys stable while old lines drop off the end. */
  log: { id: number; text: string }[];
  logSeq: number;
}

type LoopAction =
  | { type: 'tick' }
  | { type: 'setDesired'; desired: number }
  | { type: 'delete'; id: number }
  | { type: 'togglePlay' };

const TICK_MS = 800;
const MAX_DESIRED = 8;
const LOG_LINES = 5;

const initialState: LoopState = {
  desired: 3,
  replicas: [],
  nextId: 1,
  round: 0,
  playing: true,
  log: [],
  logSeq: 0,
};

const isLive = (r: Replica) => r.phase !== 'Terminating';

function withLog(state: LoopState, text: string): Pick<LoopState, 'log' | 'logSeq'> {
  const id = state.logSeq + 1;
  return { log: [{ id, text }, ...state.log].slice(0, LOG_LINES), logSeq: id };
}

/**
 * One round of the toy world: the "kubelet" first moves what is in flight (Pending starts, Terminating goes),
 * then the "controller" compares desired with what it observes and takes one step toward it.
 */
function tick(state: LoopState): LoopState {
  const round = state.round + 1;
  const actual: Replica[] = [];
  for (const r of state.replicas) {
    if (r.phase === 'Terminating') continue;
    actual.push(r.phase === 'Pending' ? { ...r, phase: 'Running' } : r);
  }
  const live = actual.filter(isLive).length;
  if (live < state.desired) {
    const created: Replica = { id: state.nextId, phase: 'Pending' };
    return {
      ...state,
      round,
      replicas: [...actual, created],
      nextId: state.nextId + 1,
      ...withLog(state, `#${round} desired ${state.desired}, observed ${live}: create replica-${created.id}`),
    };
  }
  if (live > state.desired) {
    // Scale down the newest first: a ReplicaSet deletes not-yet-running and younger Pods before older ones
    // (kubernetes pkg/controller/replicaset/replica_set.go getPodsToDelete, ranked by controller.ActivePodsWithRanks).
    const victim = actual[actual.length - 1]!;
    return {
      ...state,
      round,
      replicas: actual.map((r) => (r === victim ? { ...r, phase: 'Terminating' } : r)),
      ...withLog(state, `#${round} desired ${state.desired}, observed ${live}: delete replica-${victim.id}`),
    };
  }
  return { ...state, round, replicas: actual };
}

function reduce(state: LoopState, action: LoopAction): LoopState {
  switch (action.type) {
    case 'tick':
      return tick(state);
    case 'setDesired': {
      const desired = Math.min(MAX_DESIRED, Math.max(0, action.desired));
      if (desired === state.desired) return state;
      return { ...state, desired, ...withLog(state, `you set desired replicas to ${desired}`) };
    }
    case 'delete': {
      const target = state.replicas.find((r) => r.id === action.id);
      if (!target || target.phase === 'Terminating') return state;
      return {
        ...state,
        replicas: state.replicas.map((r) => (r === target ? { ...r, phase: 'Terminating' } : r)),
        ...withLog(state, `you deleted replica-${target.id}`),
      };
    }
    case 'togglePlay':
      return { ...state, playing: !state.playing };
  }
}

export function App() {
  const [state, dispatch] = useReducer(reduce, initialState);

  useEffect(() => {
    if (!state.playing) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), TICK_MS);
    return () => clearInterval(timer);
  }, [state.playing]);

  const running = state.replicas.filter((r) => r.phase === 'Running').length;
  const converged = running === state.desired && state.replicas.every((r) => r.phase === 'Running');
  const status = converged
    ? `Converged: ${running} of ${state.desired} running.`
    : `Reconciling: ${running} of ${state.desired} running.`;

  return (
    <div className="page">
      <header className="masthead">
        <img className="logo" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="48" height="48" />
        <div>
          <h1>Reconcile Lab</h1>
          <p className="tagline">
            Watch the Kubernetes reconciliation loop run in your browser: watch, informer, workqueue,
            Reconcile, and Cluster API Machines on their way to Ready.
          </p>
        </div>
      </header>

      <main>
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title">Desired vs actual, in one loop</h2>
          <p className="hint">
            A controller never runs a script to the end. Each round it <strong>observes</strong> the world,{' '}
            <strong>compares</strong> it with what you asked for, and takes <strong>one step</strong> closer.
            Change the desired count or delete a replica, and watch it converge again.
          </p>

          <div className="controls" role="group" aria-label="Demo controls">
            <span className="label" id="desired-label">
              Desired replicas
            </span>
            <button
              type="button"
              aria-label="Fewer replicas"
              onClick={() => dispatch({ type: 'setDesired', desired: state.desired - 1 })}
              disabled={state.desired <= 0}
            >
              −
            </button>
            <output className="desired" aria-labelledby="desired-label" data-testid="desired">
              {state.desired}
            </output>
            <button
              type="button"
              aria-label="More replicas"
              onClick={() => dispatch({ type: 'setDesired', desired: state.desired + 1 })}
              disabled={state.desired >= MAX_DESIRED}
            >
              +
            </button>
            <span className="spacer" />
            <button type="button" className="primary" onClick={() => dispatch({ type: 'togglePlay' })}>
              {state.playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" onClick={() => dispatch({ type: 'tick' })} disabled={state.playing}>
              Step
            </button>
          </div>

          <ul className="replicas" aria-label="Actual replicas">
            {state.replicas.length === 0 && <li className="empty">No replicas yet.</li>}
            {state.replicas.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={`replica replica-${r.phase.toLowerCase()}`}
                  data-phase={r.phase}
                  aria-label={`replica-${r.id}, ${r.phase}. Delete it.`}
                  title="Delete this replica"
                  onClick={() => dispatch({ type: 'delete', id: r.id })}
                  disabled={r.phase === 'Terminating'}
                >
                  <span className="dot" aria-hidden="true" />
                  <span className="name">replica-{r.id}</span>
                  <span className="phase">{r.phase}</span>
                </button>
              </li>
            ))}
          </ul>

          <p className={converged ? 'status status-ok' : 'status'} role="status" data-testid="status">
            <span aria-hidden="true">{converged ? '✓ ' : '↻ '}</span>
            {status}
          </p>

          <ol className="log" aria-label="Reconcile log, newest first">
            {state.log.map((line) => (
              <li key={line.id}>{line.text}</li>
            ))}
          </ol>
          <p className="footnote">
            This toy runs on your wall clock and skips the informer cache and the workqueue. The real lab runs
            a deterministic simulation of client-go, controller-runtime and Cluster API v1beta2.
          </p>
        </section>

        <section className="card status-card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <p>
            The simulation engine comes first; the interactive views, lessons and embeds are in progress. Run
            a scenario headless today with <code>npm run sim -- &lt;scenario&gt;</code>.
          </p>
        </section>
      </main>
    </div>
  );
}
