/**
 * Draws a SeriesModel into an <svg> owned by React: d3 owns the inside, keyed joins for ticks and markers.
 *
 * @example
 * const chart = createSeriesChart(svg);
 * chart.update(seriesModel(samples, markers, now, end, layout), layout);
 */
import { select } from 'd3';
import type { SeriesLayout, SeriesModel } from './series-model.ts';
import { textOf } from './set-text.ts';

export interface SeriesChart {
  update(model: SeriesModel, layout: SeriesLayout): void;
  destroy(): void;
}

export function createSeriesChart(svg: SVGSVGElement): SeriesChart {
  const root = select(svg);
  root.selectAll('*').remove();
  const gAxes = root.append('g').attr('class', 'series-axes');
  const error = root.append('path').attr('class', 'series-error');
  const desired = root.append('path').attr('class', 'series-desired');
  const ready = root.append('path').attr('class', 'series-ready');
  const gMarkers = root.append('g').attr('class', 'series-markers');
  const now = root.append('line').attr('class', 'series-now');

  return {
    update(model, layout) {
      const { width, height, margin } = layout;
      root.attr('viewBox', `0 0 ${width} ${height}`);
      gAxes
        .selectAll<SVGTextElement, SeriesModel['xTicks'][number]>('text.x-tick')
        .data(model.xTicks, (d) => d.label)
        .join('text')
        .attr('class', 'x-tick')
        .attr('text-anchor', 'middle')
        .attr('x', (d) => d.x)
        .attr('y', height - 4)
        .each(textOf((d) => d.label));
      gAxes
        .selectAll<SVGTextElement, SeriesModel['yTicks'][number]>('text.y-tick')
        .data(model.yTicks, (d) => d.label)
        .join('text')
        .attr('class', 'y-tick')
        .attr('text-anchor', 'end')
        .attr('x', margin.left - 6)
        .attr('y', (d) => d.y + 4)
        .each(textOf((d) => d.label));
      gAxes
        .selectAll<SVGLineElement, SeriesModel['yTicks'][number]>('line.y-grid')
        .data(model.yTicks, (d) => d.label)
        .join('line')
        .attr('class', 'y-grid')
        .attr('x1', margin.left)
        .attr('x2', width - margin.right)
        .attr('y1', (d) => d.y)
        .attr('y2', (d) => d.y);
      error.attr('d', model.errorPath);
      desired.attr('d', model.desiredPath);
      ready.attr('d', model.readyPath);
      gMarkers
        .selectAll<SVGLineElement, SeriesModel['markers'][number]>('line')
        .data(model.markers, (d) => d.key)
        .join((enter) => {
          const l = enter.append('line');
          l.append('title');
          return l;
        })
        .attr('class', (d) => `series-marker marker-${d.kind}`)
        .attr('x1', (d) => d.x)
        .attr('x2', (d) => d.x)
        .attr('y1', margin.top)
        .attr('y2', height - margin.bottom)
        .call((l) => l.select('title').each(textOf((d) => d.label)));
      now
        .attr('x1', model.nowX)
        .attr('x2', model.nowX)
        .attr('y1', margin.top)
        .attr('y2', height - margin.bottom);
    },
    destroy() {
      root.selectAll('*').remove();
    },
  };
}
