/**
 * Draws a LoopModel into an <svg> that React owns; d3 owns everything inside it, through keyed joins, so a
 * token keeps its element from frame to frame and only moves.
 *
 * @example
 * const diagram = createLoopDiagram(svgElement);
 * diagram.update(loopModel(input, { controller: 'replicaset-controller', windowMs: 600, reducedMotion: false }));
 * diagram.destroy();
 */
import { select, type Selection } from 'd3';
import { appendArrowMarker } from './arrow-marker.ts';
import type { Box, Lane, LoopModel, Token, TokenKind } from './loop-model.ts';
import { attrOf } from './set-attr.ts';
import { textOf } from './set-text.ts';

export interface LoopDiagram {
  update(model: LoopModel): void;
  destroy(): void;
}

const LINE_H = 17;

/** Every token kind, in drawing order (errors and conflicts on top); a Record, so a new kind must be added. */
const TOKEN_KIND_SET: Record<TokenKind, true> = {
  watch: true,
  notify: true,
  enqueue: true,
  dedup: true,
  get: true,
  write: true,
  conflict: true,
  error: true,
};
const TOKEN_KINDS = Object.keys(TOKEN_KIND_SET) as TokenKind[];

export function createLoopDiagram(svg: SVGSVGElement): LoopDiagram {
  const root = select(svg);
  root.selectAll('*').remove();
  const markerId = `${svg.id || 'loop'}-arrow`;
  appendArrowMarker(root, markerId, 'loop-arrowhead');
  const arrow = `url(#${markerId})`;
  const gBoxes = root.append('g').attr('class', 'loop-boxes');
  const gEdges = root.append('g').attr('class', 'loop-edges');
  const gLanes = root.append('g').attr('class', 'loop-lanes');
  const gTokens = root.append('g').attr('class', 'loop-tokens');

  function drawLines(g: Selection<SVGGElement, Box, SVGGElement, unknown>) {
    g.select<SVGTextElement>('text.box-title').each(textOf((d) => d.title));
    g.each(function (box) {
      select(this)
        .selectAll<SVGTextElement, Box['lines'][number]>('text.box-line')
        .data(box.lines, (l) => l.id)
        .join('text')
        .each(attrOf('class', (l) => `box-line tone-${l.tone}`))
        .each(attrOf('x', () => box.x + 10))
        .each(attrOf('y', (_l, i) => box.y + 44 + i * LINE_H))
        .each(textOf((l) => l.text));
    });
  }

  return {
    update(model) {
      // Writes go through attrOf/textOf: a frame moves tokens, and an unchanged value written again still
      // costs the browser a restyle of its element.
      root.each(attrOf('viewBox', () => `0 0 ${model.width} ${model.height}`));

      const boxes = gBoxes
        .selectAll<SVGGElement, Box>('g.box')
        .data(model.boxes, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g').attr('class', (d) => `box box-${d.id}`);
          g.append('rect').attr('rx', 8);
          g.append('text').attr('class', 'box-title');
          return g;
        });
      boxes
        .select('rect')
        .each(attrOf('x', (d) => d.x))
        .each(attrOf('y', (d) => d.y))
        .each(attrOf('width', (d) => d.w))
        .each(attrOf('height', (d) => d.h));
      boxes
        .select('text.box-title')
        .each(attrOf('x', (d) => d.x + 10))
        .each(attrOf('y', (d) => d.y + 22));
      drawLines(boxes);

      const edges = gEdges
        .selectAll<SVGGElement, LoopModel['edges'][number]>('g.edge')
        .data(model.edges, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g').attr('class', (d) => `edge edge-${d.id}`);
          g.append('path').attr('marker-end', arrow);
          g.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle');
          return g;
        });
      edges.select('path').each(attrOf('d', (d) => `M${d.points.map((p) => p.join(',')).join('L')}`));
      edges
        .select('text')
        .each(attrOf('x', (d) => d.labelAt[0]))
        .each(attrOf('y', (d) => d.labelAt[1]))
        .each(textOf((d) => d.label));

      const lanes = gLanes
        .selectAll<SVGGElement, Lane>('g.lane')
        .data(model.lanes, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g');
          g.append('rect').attr('rx', 5);
          g.append('text').attr('class', 'lane-title');
          g.append('text').attr('class', 'lane-detail');
          return g;
        })
        .each(attrOf('class', (d) => `lane ${d.busy ? 'lane-busy' : 'lane-idle'}`));
      lanes
        .select('rect')
        .each(attrOf('x', (d) => d.x))
        .each(attrOf('y', (d) => d.y))
        .each(attrOf('width', (d) => d.w))
        .each(attrOf('height', (d) => d.h));
      lanes
        .select('text.lane-title')
        .each(attrOf('x', (d) => d.x + 10))
        .each(attrOf('y', (d) => d.y + 17))
        .each(textOf((d) => `${d.busy ? '▶' : '○'} ${d.title}`));
      lanes
        .select('text.lane-detail')
        .each(attrOf('x', (d) => d.x + 110))
        .each(attrOf('y', (d) => d.y + 17))
        .each(textOf((d) => d.detail));

      // One pool of elements per kind, each joined by position in its list, not by event: a token's place is
      // recomputed from its age every frame (no transition follows an element), so reusing elements draws the
      // same picture, and at thousands of events a second keying by event created and removed dozens of
      // elements every frame. Per kind, an element keeps its class and size: a frame only moves it.
      // Every kind keeps its pool, empty or not, so a kind that comes back finds its elements.
      const byKind = new Map<TokenKind, Token[]>(TOKEN_KINDS.map((k) => [k, []]));
      for (const t of model.tokens) byKind.get(t.kind)?.push(t);
      gTokens
        .selectAll<SVGGElement, [TokenKind, Token[]]>('g.token-pool')
        .data([...byKind], (d) => d[0])
        .join((enter) => enter.append('g').attr('class', 'token-pool'))
        .selectAll<SVGGElement, Token>('g.token')
        .data((d) => d[1])
        .join((enter) => {
          const g = enter.append('g').attr('class', (d) => `token token-${d.kind}`);
          g.append('circle').attr('r', (d) =>
            d.kind === 'conflict' || d.kind === 'error' ? 8 : d.kind === 'dedup' ? 4 : 6,
          );
          // The tooltip is written when the pointer reaches a token, not every frame for every token: the
          // element is reused for the token now at that place.
          g.append('title');
          g.on('pointerover', function (_ev, d) {
            const title = (this as SVGGElement).querySelector('title');
            if (title && title.textContent !== d.label) title.textContent = d.label;
          });
          return g;
        })
        .each(attrOf('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`));
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}
