/**
 * Reading a request body as JSON Lines with bounded memory: one line at a time, a line longer
 * than the limit skipped (reported, never buffered whole), the body pulled only as fast as the
 * caller asks for lines (so a response stream built on it applies backpressure to the client).
 */

/** One line of the body: its text, or its size when it was longer than the limit. */
export type Line = { readonly position: number; readonly text: string } | { readonly position: number; readonly tooLarge: number }

const NEWLINE = 0x0a

const join = (parts: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The lines of a body, numbered from 0 (blank lines are numbered and skipped). */
export async function* lines(body: ReadableStream<Uint8Array> | null, maxLineBytes: number): AsyncGenerator<Line> {
  if (body === null) return
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let parts: Array<Uint8Array> = []
  let size = 0
  let position = 0
  const end = (): Line | undefined => {
    const p = position++
    const line: Line | undefined = size > maxLineBytes ? { position: p, tooLarge: size } : { position: p, text: decoder.decode(join(parts, size)) }
    parts = []
    size = 0
    return "text" in line && line.text.trim() === "" ? undefined : line
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      let start = 0
      for (let i = value.indexOf(NEWLINE); i !== -1; i = value.indexOf(NEWLINE, start)) {
        const piece = value.subarray(start, i)
        if (size + piece.length <= maxLineBytes) parts.push(piece)
        size += piece.length
        start = i + 1
        const line = end()
        if (line !== undefined) yield line
      }
      const rest = value.subarray(start)
      if (size + rest.length <= maxLineBytes) parts.push(rest)
      else parts = []
      size += rest.length
    }
    if (size > 0) {
      const line = end()
      if (line !== undefined) yield line
    }
  } finally {
    reader.releaseLock()
  }
}
