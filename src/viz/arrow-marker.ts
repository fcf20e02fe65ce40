/**
 * The arrowhead both diagrams hang on their edges: one <marker> in the svg's <defs>, which an edge uses with
 * `marker-end="url(#id)"`. The id comes from the caller so that two diagrams on one page keep apart.
 *
 * @example
 * const id = `${svg.id || 'loop'}-arrow`;
 * appendArrowMarker(select(svg), id, 'loop-arrowhead');
 * edge.attr('marker-end', `url(#${id})`);
 */
import type { Selection } from 'd3';

export function appendArrowMarker(
  root: Selection<SVGSVGElement, unknown, null, undefined>,
  id: string,
  headClass: string,
): void {
  root
    .append('defs')
    .append('marker')
    .attr('id', id)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M0,0 L10,5 L0,10 z')
    .attr('class', headClass);
}
