/**
 * Export of what the lab shows: the loop diagram as a standalone SVG (computed styles inlined, since the
 * page's stylesheet and CSS variables do not travel with the file) or as a PNG drawn from that SVG on a canvas,
 * and the trace as JSONL. Nothing is fetched: the SVG carries its own styles and the PNG is made locally.
 */

/** Properties that decide how diagram marks look; copied from computed style onto each element. */
export const SVG_STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'marker-end',
] as const;

/** `reconcile-lab-replicaset-t12.345s.svg`: the scenario and the moment, safe as a file name. */
export function exportFileName(scenarioId: string, tMs: number, ext: string): string {
  const id = scenarioId.replace(/[^A-Za-z0-9_-]+/g, '-') || 'lab';
  const t = Number.isFinite(tMs) ? Math.max(0, Math.round(tMs)) : 0;
  return `reconcile-lab-${id}-t${(t / 1000).toFixed(3)}s.${ext}`;
}

/** Pixel size of an SVG from its viewBox, else its layout box; at least 1×1. */
export function svgSize(
  viewBox: { width: number; height: number } | undefined,
  box: { width: number; height: number },
): { width: number; height: number } {
  const w = viewBox && viewBox.width > 0 ? viewBox.width : box.width;
  const h = viewBox && viewBox.height > 0 ? viewBox.height : box.height;
  return { width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)) };
}

/** The SVG as a standalone document: computed styles inlined, size and background set. */
export function serializeSvg(
  svg: SVGSVGElement,
  background: string,
): { text: string; width: number; height: number } {
  const vb = svg.viewBox.baseVal;
  const rect = svg.getBoundingClientRect();
  const { width, height } = svgSize(
    vb && vb.width > 0 ? { width: vb.width, height: vb.height } : undefined,
    rect,
  );
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const target = dst[i];
    if (!target) return;
    const cs = getComputedStyle(el);
    const decl = SVG_STYLE_PROPS.map((p) => {
      const v = cs.getPropertyValue(p);
      return v ? `${p}:${v}` : '';
    })
      .filter(Boolean)
      .join(';');
    const own = target.getAttribute('style');
    target.setAttribute('style', own ? `${decl};${own}` : decl);
    // Classes pointed at the page's stylesheet, which does not travel with the file.
    target.removeAttribute('class');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('x', '0');
  bg.setAttribute('y', '0');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  return { text, width, height };
}

/** Draws the SVG text on a canvas at scale and returns it as PNG. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram could not be drawn as an image'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob through a temporary link: the browser's own download, no server involved. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
