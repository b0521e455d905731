/**
 * How each figure grows from 1,000 to 100,000 rows, as an SVG chart for bench/README.md: both axes
 * logarithmic, so linear growth is a line of slope one (drawn dashed through each series' first
 * point) and anything steeper bends away from it.
 */
interface Series {
  name: string;
  colour: string;
  points: [number, number][];
}

interface Figures {
  engine: { rows: number[]; ms: number[]; hyperformulaMs: (number | null)[] };
  whatIf: { sizes: number[]; msBySize: number[] };
}

const W = 640;
const H = 400;
const PAD = { left: 70, right: 170, top: 30, bottom: 50 };
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function growthChart(r: Figures): string {
  const series: Series[] = [
    { name: 'engine (read, score, lay out)', colour: '#0f6cbd', points: r.engine.rows.map((rows, i) => [rows, r.engine.ms[i]] as [number, number]) },
    { name: 'HyperFormula (same sheet)', colour: '#c50f1f', points: r.engine.rows.flatMap((rows, i) => (r.engine.hyperformulaMs[i] === null ? [] : [[rows, r.engine.hyperformulaMs[i]!] as [number, number]])) },
    { name: 'what-if (one edit)', colour: '#107c10', points: r.whatIf.sizes.map((rows, i) => [rows, r.whatIf.msBySize[i]] as [number, number]) },
  ].filter((s) => s.points.length);
  const all = series.flatMap((s) => s.points);
  const [xMin, xMax] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const yLo = 10 ** Math.floor(Math.log10(Math.min(...all.map((p) => p[1])) || 0.01));
  const yHi = 10 ** Math.ceil(Math.log10(Math.max(...all.map((p) => p[1]))));
  const x = (v: number) => PAD.left + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo) || 1)) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  for (let e = Math.log10(yLo); e <= Math.log10(yHi); e++) {
    const v = 10 ** e;
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e0e0e0"/>`, `<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v.toLocaleString('en') : v} ms</text>`);
  }
  for (const rows of [...new Set(all.map((p) => p[0]))]) {
    parts.push(`<text x="${x(rows)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${rows.toLocaleString('en')}</text>`);
  }
  parts.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 10}" text-anchor="middle">rows</text>`);
  series.forEach((s, i) => {
    const [x0, y0] = s.points[0];
    // The linear reference: time proportional to rows from the first point.
    parts.push(`<line x1="${x(x0)}" y1="${y(y0)}" x2="${x(xMax)}" y2="${y((y0 * xMax) / x0)}" stroke="${s.colour}" stroke-dasharray="4 4" stroke-opacity="0.5"/>`);
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${s.points.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')}"/>`);
    for (const [a, b] of s.points) parts.push(`<circle cx="${x(a)}" cy="${y(b)}" r="3" fill="${s.colour}"><title>${esc(s.name)}: ${a.toLocaleString('en')} rows, ${b.toFixed(2)} ms</title></circle>`);
    parts.push(`<rect x="${W - PAD.right + 12}" y="${PAD.top + i * 22}" width="12" height="3" fill="${s.colour}"/>`, `<text x="${W - PAD.right + 30}" y="${PAD.top + i * 22 + 5}">${esc(s.name)}</text>`);
  });
  parts.push(`<text x="${W - PAD.right + 12}" y="${PAD.top + series.length * 22 + 10}" fill="#616161">dashed: linear</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="Segoe UI, sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}
