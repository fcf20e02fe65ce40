/**
 * The Machine phase statechart with every Machine as a mark in its phase, and the deletion rail of a deleting
 * Machine. Pure: MachineViews in, boxes, arrows, marks and rail steps out.
 *
 * Phases: api/core/v1beta2/machine_phase_types.go; the rules that set them:
 * internal/controllers/machine/machine_controller_phases.go (setMachinePhaseAndLastUpdated, mirrored in
 * src/engine/controllers/capi/machine/phase.ts). v1beta2 never writes Failed, Deleted or Unknown (truth-capi F8):
 * a Machine leaves the chart when its finalizer is removed and the API server deletes it.
 *
 * @example
 * const model = lifecycleModel(snap.capi.machines, { selectedKey: 'default/demo-md-0-abc' });
 * model.boxes.find((b) => b.phase === 'Running')?.count; // 3
 */
import type { MachineView } from '../app/lab/capi-views.ts';
import { machineTone, type RowTone } from './object-graph-model.ts';

export interface PhaseBox {
  phase: string;
  x: number;
  y: number;
  w: number;
  h: number;
  count: number;
  /** Marks not drawn because the box is full; shown as "+N". */
  hidden: number;
  caption: string;
  tone: RowTone;
}

export interface PhaseArrow {
  id: string;
  path: string;
  label: string;
}

export interface MachineMark {
  /** namespace/name: the join key, so a Machine's mark moves between boxes instead of being redrawn. */
  key: string;
  name: string;
  phase: string;
  x: number;
  y: number;
  /** Control-plane Machines are squares, workers circles. */
  shape: 'square' | 'circle';
  tone: RowTone;
  selected: boolean;
}

export interface LifecycleModel {
  width: number;
  height: number;
  boxes: readonly PhaseBox[];
  arrows: readonly PhaseArrow[];
  marks: readonly MachineMark[];
  /** Where a Machine that disappeared goes on its way out. */
  deletedAt: { x: number; y: number };
  /**
   * Machines that exist but are not drawn (their box is full), by key, with the phase whose box counts them:
   * a mark that leaves because its box overflowed joins that box's "+N not drawn", it does not fly to Deleted.
   */
  overflow: ReadonlyMap<string, string>;
}

export const BOX_W = 112;
export const BOX_H = 72;
const GAP = 24;
const MARK_STEP = 13;
const MARK_COLS = Math.floor((BOX_W - 14) / MARK_STEP);
const MARK_ROWS = 2;
export const MAX_MARKS_PER_BOX = MARK_COLS * MARK_ROWS;

/**
 * A 3 × 3 grid that fits a side column and a phone: the happy path snakes Pending → Provisioning →
 * Provisioned, down to Running (⇄ Updating), down to Deleting, and out to Deleted.
 */
const GRID: Readonly<Record<string, readonly [col: number, row: number]>> = {
  Pending: [0, 0],
  Provisioning: [1, 0],
  Provisioned: [2, 0],
  Failed: [0, 1],
  Updating: [1, 1],
  Running: [2, 1],
  Deleted: [1, 2],
  Deleting: [2, 2],
};
const ROW_GAP = 24;

const CAPTIONS: Readonly<Record<string, string>> = {
  Pending: 'created',
  Provisioning: 'bootstrap data ready',
  Provisioned: 'providerID set',
  Running: 'nodeRef set',
  Updating: 'in-place update',
  Deleting: 'deletionTimestamp set',
  Deleted: 'gone from the API',
  Failed: 'never set (v1beta2)',
};

export function lifecycleModel(
  machines: readonly MachineView[],
  opts: { selectedKey?: string | undefined } = {},
): LifecycleModel {
  const boxes = new Map<string, PhaseBox>();
  for (const [phase, [col, row]] of Object.entries(GRID))
    boxes.set(phase, box(phase, 10 + col * (BOX_W + GAP), 6 + row * (BOX_H + ROW_GAP), machineTone(phase)));
  boxes.get('Failed')!.tone = 'bad';

  const marks: MachineMark[] = [];
  const overflow = new Map<string, string>();
  for (const m of machines) {
    // Unknown phases (any string the controller did not write) read as Unknown upstream: GetTypedPhase.
    const b = boxes.get(m.phase) ?? boxes.get('Failed')!;
    const i = b.count++;
    if (i >= MAX_MARKS_PER_BOX) {
      b.hidden++;
      overflow.set(m.key, b.phase);
      continue;
    }
    const col = i % MARK_COLS;
    const row = Math.floor(i / MARK_COLS);
    marks.push({
      key: m.key,
      name: m.name,
      phase: m.phase,
      x: b.x + 13 + col * MARK_STEP,
      y: b.y + 42 + row * MARK_STEP,
      shape: m.controlPlane ? 'square' : 'circle',
      tone: machineTone(m.phase),
      selected: m.key === opts.selectedKey,
    });
  }

  const at = (phase: string) => boxes.get(phase)!;
  const arrows: PhaseArrow[] = [];
  /** Edge to edge between two boxes in one row (dy shifts it so a pair of opposite arrows do not overlap). */
  const across = (from: string, to: string, dy = 0, label = '') => {
    const a = at(from);
    const b = at(to);
    const y = a.y + a.h / 2 + dy;
    const [x0, x1] = a.x < b.x ? [a.x + a.w, b.x - 3] : [a.x, b.x + b.w + 3];
    arrows.push({ id: `${from}-${to}`, path: `M${x0},${y}H${x1}`, label });
  };
  const down = (from: string, to: string, label = '') => {
    const a = at(from);
    const b = at(to);
    const x = a.x + a.w / 2;
    arrows.push({ id: `${from}-${to}`, path: `M${x},${a.y + a.h}V${b.y - 3}`, label });
  };
  across('Pending', 'Provisioning');
  across('Provisioning', 'Provisioned');
  down('Provisioned', 'Running');
  across('Running', 'Updating', -12);
  across('Updating', 'Running', 12);
  down('Running', 'Deleting', 'any phase →');
  across('Deleting', 'Deleted');
  const deleted = at('Deleted');
  const right = Math.max(...[...boxes.values()].map((b) => b.x + b.w));
  const bottom = Math.max(...[...boxes.values()].map((b) => b.y + b.h));
  return {
    width: right + 10,
    height: bottom + 6,
    boxes: [...boxes.values()],
    arrows,
    marks,
    deletedAt: { x: deleted.x + deleted.w / 2, y: deleted.y + 50 },
    overflow,
  };
}

function box(phase: string, x: number, y: number, tone: RowTone): PhaseBox {
  return { phase, x, y, w: BOX_W, h: BOX_H, count: 0, hidden: 0, caption: CAPTIONS[phase] ?? '', tone };
}

export type RailState = 'done' | 'current' | 'pending' | 'skipped';

export interface RailStep {
  id: string;
  label: string;
  state: RailState;
  detail: string;
}

/**
 * The deletion order of internal/controllers/machine/machine_controller.go reconcileDelete (truth-capi F26):
 * pre-drain hooks, drain, volume detach, pre-terminate hooks, infrastructure, bootstrap, Node, finalizer.
 * The current step comes from the Deleting condition's reason (api/core/v1beta2/machine_types.go
 * MachineDeleting*Reason); a step before it that never recorded its status.deletion start time was skipped.
 */
export function deletionRail(
  m: MachineView,
  related: { infraExists: boolean; bootstrapExists: boolean; nodeExists: boolean },
): RailStep[] {
  const steps: {
    id: string;
    label: string;
    reason: string;
    started?: number | undefined;
    evidence?: boolean;
  }[] = [
    {
      id: 'preDrain',
      label: 'Pre-drain hooks',
      reason: 'WaitingForPreDrainHook',
      started: m.deletion.waitForPreDrainHookStartMs,
    },
    { id: 'drain', label: 'Drain Node', reason: 'DrainingNode', started: m.deletion.nodeDrainStartMs },
    {
      id: 'volumes',
      label: 'Volumes detach',
      reason: 'WaitingForVolumeDetach',
      started: m.deletion.waitForNodeVolumeDetachStartMs,
    },
    {
      id: 'preTerminate',
      label: 'Pre-terminate hooks',
      reason: 'WaitingForPreTerminateHook',
      started: m.deletion.waitForPreTerminateHookStartMs,
    },
    {
      id: 'infra',
      label: 'Infrastructure deleted',
      reason: 'WaitingForInfrastructureDeletion',
      evidence: !related.infraExists,
    },
    {
      id: 'bootstrap',
      label: 'Bootstrap config deleted',
      reason: 'WaitingForBootstrapDeletion',
      evidence: !related.bootstrapExists,
    },
    { id: 'node', label: 'Node deleted', reason: 'DeletingNode', evidence: !related.nodeExists },
    { id: 'finalizer', label: 'Finalizer removed', reason: 'DeletionCompleted' },
  ];
  const deleting = m.phase === 'Deleting';
  let current = deleting ? steps.findIndex((s) => s.reason === m.deletingReason) : -1;
  // "Deletion started" (reason Deleting) before the first step is decided: the rail starts at its head.
  if (deleting && current < 0) current = 0;
  return steps.map((s, i) => {
    let state: RailState = 'pending';
    let detail = '';
    if (!deleting) state = 'pending';
    else if (i === current) {
      state = 'current';
      detail = m.deletingMessage ?? '';
    } else if (i < current) {
      const ran = s.started !== undefined || s.evidence === true;
      state = ran ? 'done' : 'skipped';
      detail = ran ? '' : 'skipped: nothing to wait for or not allowed';
    }
    if (s.id === 'preDrain' && m.preDrainHooks.length > 0 && state !== 'done')
      detail = detail || `hooks: ${m.preDrainHooks.join(', ')}`;
    if (s.id === 'preTerminate' && m.preTerminateHooks.length > 0 && state !== 'done')
      detail = detail || `hooks: ${m.preTerminateHooks.join(', ')}`;
    return { id: s.id, label: s.label, state, detail };
  });
}
