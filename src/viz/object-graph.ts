/**
 * Draws an ObjectGraphModel into an <svg> that React owns; d3 owns its inside through keyed joins (a row keeps
 * its element while it moves up or down). Rows are focusable: Enter or a click selects, the chevron or the
 * arrow keys fold and unfold.
 *
 * @example
 * const graph = createObjectGraph(svg, { onSelect: (row) => store.select(row.ref), onToggle: (row) => flip(row.id) });
 * graph.update(objectGraphModel(view, { toggled, selectedId }));
 */
import { select } from 'd3';
import type { GraphLink, GraphRow, ObjectGraphModel } from './object-graph-model.ts';
import { ROW_H } from './object-graph-model.ts';
import { attrOf } from './set-attr.ts';
import { textOf } from './set-text.ts';

export interface ObjectGraphHandlers {
  onSelect(row: GraphRow): void;
  onToggle(row: GraphRow): void;
}

export interface ObjectGraph {
  update(model: ObjectGraphModel): void;
  destroy(): void;
}

export function createObjectGraph(svg: SVGSVGElement, handlers: ObjectGraphHandlers): ObjectGraph {
  const root = select(svg);
  root.selectAll('*').remove();
  const gLinks = root.append('g').attr('class', 'og-links');
  const gRows = root.append('g').attr('class', 'og-rows');

  return {
    update(model) {
      // Every write below goes through attrOf/textOf: most frames change a handful of rows, and a write of an
      // unchanged value still costs the browser a restyle of that row.
      root
        .each(attrOf('viewBox', () => `0 0 ${model.width} ${model.height}`))
        .each(attrOf('width', () => model.width))
        .each(attrOf('height', () => model.height));
      gLinks
        .selectAll<SVGPathElement, GraphLink>('path.og-link')
        .data(model.links, (d) => d.id)
        .join((enter) => enter.append('path').attr('class', 'og-link'))
        .each(attrOf('d', (d) => d.path));

      const rows = gRows
        .selectAll<SVGGElement, GraphRow>('g.og-row')
        .data(model.rows, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g').attr('tabindex', 0).attr('role', 'button');
          g.append('rect')
            .attr('class', 'og-hit')
            .attr('y', 1)
            .attr('height', ROW_H - 2)
            .attr('rx', 4);
          for (const cls of ['og-chevron', 'og-icon', 'og-label', 'og-status'])
            g.append('text')
              .attr('class', cls)
              .attr('y', ROW_H / 2 + 5);
          g.on('click', (ev: MouseEvent, d) => {
            if ((ev.target as Element).classList.contains('og-chevron')) handlers.onToggle(d);
            else if (d.ref) handlers.onSelect(d);
            else if (d.expandable) handlers.onToggle(d);
          });
          g.on('keydown', (ev: KeyboardEvent, d) => {
            if (ev.key === 'Enter' || ev.key === ' ') {
              ev.preventDefault();
              if (d.ref) handlers.onSelect(d);
              else if (d.expandable) handlers.onToggle(d);
            } else if (
              d.expandable &&
              ((ev.key === 'ArrowRight' && !d.expanded) || (ev.key === 'ArrowLeft' && d.expanded))
            ) {
              ev.preventDefault();
              handlers.onToggle(d);
            }
          });
          return g;
        })
        .each(
          attrOf(
            'class',
            (d) => `og-row tone-${d.tone}${d.selected ? ' selected' : ''}${d.ref ? '' : ' og-group'}`,
          ),
        )
        .each(attrOf('data-id', (d) => d.id))
        .each(attrOf('data-kind', (d) => d.kind))
        .each(
          attrOf(
            'aria-label',
            (d) =>
              `${d.label}: ${d.status || 'more objects'}${d.expandable ? (d.expanded ? ', expanded' : ', collapsed') : ''}`,
          ),
        )
        .each(attrOf('aria-expanded', (d) => (d.expandable ? String(d.expanded) : null)))
        .each(attrOf('aria-pressed', (d) => (d.ref ? String(d.selected) : null)))
        .each(attrOf('transform', (d) => `translate(0,${d.y})`));
      rows
        .select('rect')
        .each(attrOf('x', (d) => d.x - 16))
        .each(attrOf('width', (d) => model.width - d.x + 12));
      rows
        .select('text.og-chevron')
        .each(attrOf('x', (d) => d.x - 14))
        .each(textOf((d) => (d.expandable ? (d.expanded ? '▾' : '▸') : '')));
      rows
        .select('text.og-icon')
        .each(attrOf('x', (d) => d.x))
        .each(textOf((d) => d.icon));
      rows
        .select('text.og-label')
        .each(attrOf('x', (d) => d.x + 16))
        .each(textOf((d) => d.label));
      rows
        .select('text.og-status')
        .each(attrOf('x', () => model.statusX))
        .each(textOf((d) => d.status));
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}
