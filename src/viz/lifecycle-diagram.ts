/**
 * Draws a LifecycleModel into an <svg> that React owns. Marks are joined by Machine key, so a Machine that
 * changes phase glides from one box to the next; a Machine that is gone slides into Deleted and fades. With
 * reduced motion every change is a discrete jump.
 *
 * @example
 * const chart = createLifecycleDiagram(svg, { onSelect: (key) => store.select(refOf(key)) });
 * chart.update(lifecycleModel(machines, { selectedKey }), { reducedMotion: false });
 */
// Importing transition also installs selection.transition (d3-transition's side effect), which a bundler
// would otherwise drop.
import { select, transition } from 'd3';
import { appendArrowMarker } from './arrow-marker.ts';
import type { LifecycleModel, MachineMark, PhaseArrow, PhaseBox } from './lifecycle-model.ts';
import { attrOf } from './set-attr.ts';
import { textOf } from './set-text.ts';

export interface LifecycleDiagram {
  update(model: LifecycleModel, opts: { reducedMotion: boolean }): void;
  destroy(): void;
}

const MOVE_MS = 600;

function markPath(d: MachineMark): string {
  const r = d.selected ? 6 : 4.5;
  return d.shape === 'square'
    ? `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}z`
    : `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}

export function createLifecycleDiagram(
  svg: SVGSVGElement,
  handlers: { onSelect(key: string): void },
): LifecycleDiagram {
  const root = select(svg);
  root.selectAll('*').remove();
  const markerId = `${svg.id || 'lifecycle'}-arrow`;
  appendArrowMarker(root, markerId, 'lc-arrowhead');
  const gArrows = root.append('g').attr('class', 'lc-arrows');
  const gBoxes = root.append('g').attr('class', 'lc-boxes');
  const gMarks = root.append('g').attr('class', 'lc-marks');

  return {
    update(model, { reducedMotion }) {
      // One shared timing for every mark that moves this update, made only when one does.
      let shared: ReturnType<typeof transition> | undefined;
      const move = () => (shared ??= transition().duration(MOVE_MS));
      root.each(attrOf('viewBox', () => `0 0 ${model.width} ${model.height}`));
      gArrows
        .selectAll<SVGGElement, PhaseArrow>('g.lc-arrow')
        .data(model.arrows, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'lc-arrow');
          g.append('path').attr('marker-end', `url(#${markerId})`);
          g.append('text').attr('class', 'lc-arrow-label');
          return g;
        })
        .call((g) => g.select('path').each(attrOf('d', (d) => d.path)))
        .call((g) =>
          g
            .select('text')
            .each(attrOf('x', (d) => Number(/M([\d.]+)/.exec(d.path)?.[1] ?? 0) + 6))
            .each(attrOf('y', (d) => Number(/M[\d.]+,([\d.]+)/.exec(d.path)?.[1] ?? 0) + 12))
            .each(textOf((d) => d.label)),
        );

      const boxes = gBoxes
        .selectAll<SVGGElement, PhaseBox>('g.lc-box')
        .data(model.boxes, (d) => d.phase)
        .join((enter) => {
          const g = enter.append('g');
          g.append('rect').attr('rx', 8);
          g.append('text').attr('class', 'lc-title');
          g.append('text').attr('class', 'lc-caption');
          g.append('text').attr('class', 'lc-more').attr('text-anchor', 'end');
          return g;
        })
        // Writes go through attrOf/textOf: an unchanged value written again still costs a restyle.
        .each(attrOf('class', (d) => `lc-box tone-${d.tone}${d.count > 0 ? ' occupied' : ''}`))
        .each(attrOf('data-phase', (d) => d.phase));
      boxes
        .select('rect')
        .each(attrOf('x', (d) => d.x))
        .each(attrOf('y', (d) => d.y))
        .each(attrOf('width', (d) => d.w))
        .each(attrOf('height', (d) => d.h));
      boxes
        .select<SVGTextElement>('text.lc-title')
        .each(attrOf('x', (d) => d.x + 8))
        .each(attrOf('y', (d) => d.y + 17))
        .each(textOf((d) => `${d.phase} ${d.count}`));
      boxes
        .select<SVGTextElement>('text.lc-caption')
        .each(attrOf('x', (d) => d.x + 8))
        .each(attrOf('y', (d) => d.y + 31))
        .each(textOf((d) => d.caption));
      boxes
        .select<SVGTextElement>('text.lc-more')
        .each(attrOf('x', (d) => d.x + d.w - 6))
        // Under the marks, not beside the title: "Pending 1966" and "+1952 not drawn" overlapped there.
        .each(attrOf('y', (d) => d.y + d.h - 4))
        .each(textOf((d) => (d.hidden > 0 ? `+${d.hidden} not drawn` : '')));

      // Leaving marks are out of the join: joined again, a fade would restart every update and never end, and
      // at scale they piled up, each rewritten every frame.
      gMarks
        .selectAll<SVGGElement, MachineMark>('g.lc-mark:not(.leaving)')
        .data(model.marks, (d) => d.key)
        .join(
          (enter) => {
            const g = enter
              .append('g')
              .attr('transform', (d) => `translate(${d.x},${d.y})`)
              .attr('tabindex', 0)
              .attr('role', 'button');
            g.append('path');
            g.append('title');
            g.on('click', (_ev, d) => handlers.onSelect(d.key));
            g.on('keydown', (ev: KeyboardEvent, d) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                handlers.onSelect(d.key);
              }
            });
            return g;
          },
          (update) => update,
          (exit) => {
            if (reducedMotion) return exit.remove();
            // A gone Machine flies to Deleted; one that still exists but no longer fits its box fades into
            // that box's "+N not drawn".
            const boxOf = new Map(model.boxes.map((b) => [b.phase, b]));
            const to = (d: MachineMark) => {
              const b = boxOf.get(model.overflow.get(d.key) ?? '');
              return b
                ? `translate(${b.x + b.w - 16},${b.y + b.h - 8})`
                : `translate(${model.deletedAt.x},${model.deletedAt.y})`;
            };
            // The opacity attribute, from an explicit 1: a style transition would read the computed style of
            // every leaving mark, forcing a style recalculation each time.
            return exit
              .classed('leaving', true)
              .attr('opacity', 1)
              .transition(move())
              .attr('transform', to)
              .attr('opacity', 0)
              .remove();
          },
        )
        // Only marks that changed are touched: with hundreds of Machines a frame moves a few, and restarting
        // every mark's transition (or rewriting its attributes) each frame cost more than the rest of the
        // diagram together.
        .each(function (d) {
          const el = this as SVGGElement & { __lc?: string; __at?: string };
          const look = `${d.tone}|${d.selected ? 1 : 0}|${d.phase}|${d.shape}|${d.name}`;
          if (el.__lc !== look) {
            el.__lc = look;
            const g = select(el);
            g.attr('class', `lc-mark tone-${d.tone}${d.selected ? ' selected' : ''}`)
              .attr('data-key', d.key)
              .attr('data-phase', d.phase)
              .attr('aria-label', `Machine ${d.name}: ${d.phase}`);
            g.select('path').attr('d', markPath(d));
            g.select('title').text(`Machine ${d.name}: ${d.phase}`);
          }
          const at = `translate(${d.x},${d.y})`;
          if (el.__at === at) return;
          el.__at = at;
          if (reducedMotion) select(el).interrupt().attr('transform', at);
          else select(el).transition(move()).attr('transform', at);
        });
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}
