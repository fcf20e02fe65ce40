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
import type { LifecycleModel, MachineMark, PhaseArrow, PhaseBox } from './lifecycle-model.ts';

export interface LifecycleDiagram {
  update(model: LifecycleModel, opts: { reducedMotion: boolean }): void;
  destroy(): void;
}

const MOVE_MS = 600;

export function createLifecycleDiagram(
  svg: SVGSVGElement,
  handlers: { onSelect(key: string): void },
): LifecycleDiagram {
  const root = select(svg);
  root.selectAll('*').remove();
  const markerId = `${svg.id || 'lifecycle'}-arrow`;
  root
    .append('defs')
    .append('marker')
    .attr('id', markerId)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0 L10,5 L0,10 z')
    .attr('class', 'lc-arrowhead');
  const gArrows = root.append('g').attr('class', 'lc-arrows');
  const gBoxes = root.append('g').attr('class', 'lc-boxes');
  const gMarks = root.append('g').attr('class', 'lc-marks');

  return {
    update(model, { reducedMotion }) {
      const move = transition().duration(MOVE_MS);
      root.attr('viewBox', `0 0 ${model.width} ${model.height}`);
      gArrows
        .selectAll<SVGGElement, PhaseArrow>('g.lc-arrow')
        .data(model.arrows, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'lc-arrow');
          g.append('path').attr('marker-end', `url(#${markerId})`);
          g.append('text').attr('class', 'lc-arrow-label');
          return g;
        })
        .call((g) => g.select('path').attr('d', (d) => d.path))
        .call((g) =>
          g
            .select('text')
            .attr('x', (d) => Number(/M([\d.]+)/.exec(d.path)?.[1] ?? 0) + 6)
            .attr('y', (d) => Number(/M[\d.]+,([\d.]+)/.exec(d.path)?.[1] ?? 0) + 12)
            .text((d) => d.label),
        );

      const boxes = gBoxes
        .selectAll<SVGGElement, PhaseBox>('g.lc-box')
        .data(model.boxes, (d) => d.phase)
        .join((enter) => {
          const g = enter.append('g');
          g.append('rect').attr('rx', 8);
          g.append('text').attr('class', 'lc-title');
          g.append('text').attr('class', 'lc-caption');
          g.append('text').attr('class', 'lc-more');
          return g;
        })
        .attr('class', (d) => `lc-box tone-${d.tone}${d.count > 0 ? ' occupied' : ''}`)
        .attr('data-phase', (d) => d.phase);
      boxes
        .select('rect')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h);
      boxes
        .select('text.lc-title')
        .attr('x', (d) => d.x + 8)
        .attr('y', (d) => d.y + 17)
        .text((d) => `${d.phase} ${d.count}`);
      boxes
        .select('text.lc-caption')
        .attr('x', (d) => d.x + 8)
        .attr('y', (d) => d.y + 31)
        .text((d) => d.caption);
      boxes
        .select('text.lc-more')
        .attr('x', (d) => d.x + d.w - 6)
        .attr('y', (d) => d.y + 17)
        .attr('text-anchor', 'end')
        .text((d) => (d.hidden > 0 ? `+${d.hidden} not drawn` : ''));

      const marks = gMarks
        .selectAll<SVGGElement, MachineMark>('g.lc-mark')
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
            return exit
              .transition(move)
              .attr('transform', `translate(${model.deletedAt.x},${model.deletedAt.y})`)
              .style('opacity', 0)
              .remove();
          },
        )
        .attr('class', (d) => `lc-mark tone-${d.tone}${d.selected ? ' selected' : ''}`)
        .attr('data-key', (d) => d.key)
        .attr('data-phase', (d) => d.phase)
        .attr('aria-label', (d) => `Machine ${d.name}: ${d.phase}`);
      marks.select('path').attr('d', (d) => {
        const r = d.selected ? 6 : 4.5;
        return d.shape === 'square'
          ? `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}z`
          : `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
      });
      marks.select('title').text((d) => `Machine ${d.name}: ${d.phase}`);
      const at = (d: MachineMark) => `translate(${d.x},${d.y})`;
      if (reducedMotion) marks.interrupt().attr('transform', at);
      else marks.transition(move).attr('transform', at);
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}
