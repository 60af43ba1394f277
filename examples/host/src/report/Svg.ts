/**
 * Small inline SVG charts for the report: horizontal (optionally stacked) bars, columns and a
 * donut. No scripts, no external files: the report stays one self-contained HTML file.
 */

/** Escapes text for HTML and SVG. */
export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

const fmt = (n: number): string => n.toLocaleString("en-US")

/** A palette that reads in colour and in grey, and for common colour blindness. */
export const PALETTE = ["#1f6fb2", "#e08a1e", "#2a9d6f", "#c4423b", "#7b5ea7", "#8c6d46", "#d16ba5", "#5f7c8a"]

/** Risk levels from lowest to highest: green → amber → red. */
export const riskColors = (n: number): ReadonlyArray<string> =>
  n <= 1 ? ["#2a9d6f"] : n === 2 ? ["#2a9d6f", "#c4423b"] : n === 3 ? ["#2a9d6f", "#e0a21e", "#c4423b"] : ["#2a9d6f", "#9bbf3a", "#e0a21e", "#e0641e", "#c4423b", "#8e1f1a"].slice(0, n)

export interface Segment {
  readonly key: string
  readonly label: string
  readonly value: number
  readonly color: string
}

export interface Bar {
  readonly label: string
  readonly segments: ReadonlyArray<Segment>
}

/** Horizontal bars, stacked when a bar has several segments; the total is written at the end. */
export const hbars = (bars: ReadonlyArray<Bar>, options: { readonly width?: number; readonly labelWidth?: number; readonly title: string } ): string => {
  const width = options.width ?? 640
  const labelWidth = options.labelWidth ?? 150
  const rowH = 24
  const top = 6
  const height = top + bars.length * rowH + 6
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)))
  const plot = width - labelWidth - 70
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowH
      let x = labelWidth
      const total = b.segments.reduce((s, x) => s + x.value, 0)
      const rects = b.segments
        .filter((s) => s.value > 0)
        .map((s) => {
          const w = (s.value / max) * plot
          const r = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${Math.max(w, 0.5).toFixed(1)}" height="${rowH - 8}" fill="${s.color}" rx="2"><title>${esc(b.label)} · ${esc(s.label)}: ${fmt(s.value)}</title></rect>`
          x += w
          return r
        })
        .join("")
      return `<text x="${labelWidth - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" class="lbl">${esc(b.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 4}" class="val">${fmt(total)}</text>`
    })
    .join("")
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(options.title)}" xmlns="http://www.w3.org/2000/svg"><line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${height - 6}" class="axis"/>${rows}</svg>`
}

/** Vertical columns with the value above each. */
export const columns = (items: ReadonlyArray<{ readonly label: string; readonly value: number; readonly color?: string }>, options: { readonly width?: number; readonly height?: number; readonly title: string }): string => {
  const width = options.width ?? 420
  const height = options.height ?? 220
  const bottom = 28
  const top = 20
  const max = Math.max(1, ...items.map((i) => i.value))
  const slot = (width - 20) / Math.max(1, items.length)
  const barW = Math.min(56, slot * 0.62)
  const cols = items
    .map((it, i) => {
      const h = ((height - top - bottom) * it.value) / max
      const x = 10 + i * slot + (slot - barW) / 2
      const y = height - bottom - h
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(h, 0.5).toFixed(1)}" fill="${it.color ?? PALETTE[0]}" rx="2"><title>${esc(it.label)}: ${fmt(it.value)}</title></rect><text x="${(x + barW / 2).toFixed(1)}" y="${(y - 5).toFixed(1)}" text-anchor="middle" class="val">${fmt(it.value)}</text><text x="${(x + barW / 2).toFixed(1)}" y="${height - 9}" text-anchor="middle" class="lbl">${esc(it.label)}</text>`
    })
    .join("")
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(options.title)}" xmlns="http://www.w3.org/2000/svg"><line x1="6" y1="${height - bottom}" x2="${width - 6}" y2="${height - bottom}" class="axis"/>${cols}</svg>`
}

/** A donut with a legend and the total in the middle. */
export const donut = (segments: ReadonlyArray<Segment>, options: { readonly title: string; readonly centerLabel: string }): string => {
  const total = segments.reduce((s, x) => s + x.value, 0)
  const r = 70
  const cx = 90
  const cy = 90
  const c = 2 * Math.PI * r
  let offset = 0
  const arcs = segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const len = total === 0 ? 0 : (s.value / total) * c
      const a = `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${s.color}" stroke-width="26" stroke-dasharray="${len.toFixed(2)} ${(c - len).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}" transform="rotate(-90 ${cx} ${cy})"><title>${esc(s.label)}: ${fmt(s.value)}</title></circle>`
      offset += len
      return a
    })
    .join("")
  const legend = segments
    .map((s, i) => {
      const pct = total === 0 ? 0 : (100 * s.value) / total
      const y = 24 + i * 42
      return `<rect x="196" y="${y}" width="14" height="14" rx="3" fill="${s.color}"/><text x="218" y="${y + 12}" class="lbl">${esc(s.label)}</text><text x="218" y="${y + 30}" class="val">${fmt(s.value)} · ${pct.toFixed(1)}%</text>`
    })
    .join("")
  const height = Math.max(180, 30 + segments.length * 42)
  return `<svg viewBox="0 0 430 ${height}" width="100%" role="img" aria-label="${esc(options.title)}" xmlns="http://www.w3.org/2000/svg"><circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#eef1f5" stroke-width="26"/>${arcs}<text x="${cx}" y="${cy + 2}" text-anchor="middle" class="big">${fmt(total)}</text><text x="${cx}" y="${cy + 22}" text-anchor="middle" class="lbl">${esc(options.centerLabel)}</text>${legend}</svg>`
}
