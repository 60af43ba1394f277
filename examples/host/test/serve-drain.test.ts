/**
 * A stopping server closes its ledger only when nothing reads it: `counted` holds a streamed
 * answer (JSON Lines, produced from the ledger as the client reads) until its body has been read
 * or cancelled, and `stopServer` waits for it, at most a grace period for a client that stopped
 * reading, and always for a handler under way.
 */
import { serve as serveNode } from "@hono/node-server"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import { counted, stopServer } from "../src/api/Workers.js"

const NDJSON = { "content-type": "application/x-ndjson; charset=utf-8" }

/** a JSON Lines answer of `lines` lines, each produced when the reader asks for it; `produced` counts them */
const lazyLines = (lines: number, state: { produced: number }): Response => {
  const encoder = new TextEncoder()
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          if (state.produced === lines) return controller.close()
          state.produced++
          controller.enqueue(encoder.encode(JSON.stringify({ line: state.produced }) + "\n"))
        }
      },
      { highWaterMark: 0 }
    ),
    { headers: NDJSON }
  )
}

const settledSoon = async (p: Promise<unknown>): Promise<boolean> => {
  let settled = false
  void p.then(() => (settled = true))
  await new Promise((r) => setTimeout(r, 30))
  return settled
}

describe("counted: what a stopping server waits for", () => {
  it("holds a streamed answer until its body is read to the end, and gives other answers back as they are", async () => {
    const state = { produced: 0 }
    const json = new Response(JSON.stringify({ ok: true }), { headers: { "content-type": "application/json" } })
    const requests = counted((kind: string) => (kind === "stream" ? lazyLines(3, state) : json))
    expect(await requests.fetch("json")).toBe(json)
    expect(await settledSoon(requests.drained())).toBe(true)

    const answer = await requests.fetch("stream")
    expect(await settledSoon(requests.answered())).toBe(true)
    const drained = requests.drained()
    expect(await settledSoon(drained)).toBe(false)
    expect(await answer.text()).toBe('{"line":1}\n{"line":2}\n{"line":3}\n')
    expect(await settledSoon(drained)).toBe(true)
  })

  it("releases a streamed answer its reader cancels, and one whose production fails", async () => {
    const state = { produced: 0 }
    const failing = new Response(new ReadableStream({ pull: () => Promise.reject(new Error("the ledger went away")) }), { headers: NDJSON })
    const requests = counted((kind: string) => (kind === "fail" ? failing : lazyLines(1000, state)))
    const answer = await requests.fetch("stream")
    const reader = answer.body!.getReader()
    await reader.read()
    expect(await settledSoon(requests.drained())).toBe(false)
    await reader.cancel()
    expect(await settledSoon(requests.drained())).toBe(true)
    expect(state.produced).toBeLessThan(1000)

    const failed = await requests.fetch("fail")
    await expect(failed.text()).rejects.toThrow("the ledger went away")
    expect(await settledSoon(requests.drained())).toBe(true)
  })
})

describe("stopServer over a real server", () => {
  const start = async (lines: number, state: { produced: number }) => {
    const requests = counted(() => lazyLines(lines, state))
    const { server, port } = await new Promise<{ server: ReturnType<typeof serveNode>; port: number }>((resolve) => {
      const server = serveNode({ fetch: requests.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server, port: info.port }))
    })
    return { requests, server, port }
  }

  it("closes the ledger only after a client reading a streamed answer has read all of it", async () => {
    const state = { produced: 0 }
    const { requests, server, port } = await start(2000, state)
    const answer = await fetch(`http://127.0.0.1:${port}/`)
    const reader = answer.body!.getReader()
    const decoder = new TextDecoder()
    // the first chunk may already hold much of the answer (the client coalesces reads)
    const firstChunk = await reader.read()
    let text = firstChunk.done ? "" : decoder.decode(firstChunk.value, { stream: true })
    let closedAt = -1
    const stopping = stopServer(server as never, requests, async () => void (closedAt = state.produced), 30_000)
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true })
    await stopping
    expect(text.trim().split("\n").at(-1)).toBe('{"line":2000}')
    expect(closedAt).toBe(2000)
  })

  it("cuts a client still reading after the grace period, and nothing is produced from the ledger once it is closed", async () => {
    const state = { produced: 0 }
    const { requests, server, port } = await start(10_000_000, state)
    const answer = await fetch(`http://127.0.0.1:${port}/`)
    const reader = answer.body!.getReader()
    await reader.read()
    // a slow client: it goes on reading, a little at a time, past the grace period
    let reading = true
    const slow = (async () => {
      try {
        while (reading && !(await reader.read()).done) await new Promise((r) => setTimeout(r, 5))
      } catch {
        // cut by the server
      }
    })()
    let producedAtClose = -1
    const started = Date.now()
    await stopServer(server as never, requests, async () => void (producedAtClose = state.produced), 300)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    await new Promise((r) => setTimeout(r, 200))
    reading = false
    await slow
    expect(producedAtClose).toBeGreaterThan(0)
    expect(state.produced).toBe(producedAtClose)
  })

  it("stops even when a client went away before its streamed answer was written", async () => {
    const state = { produced: 0 }
    const requests = counted(async () => {
      await new Promise((r) => setTimeout(r, 300))
      return lazyLines(10_000_000, state)
    })
    const { server, port } = await new Promise<{ server: ReturnType<typeof serveNode>; port: number }>((resolve) => {
      const server = serveNode({ fetch: requests.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server, port: info.port }))
    })
    const gone = new AbortController()
    const asked = fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}\n", headers: NDJSON, signal: gone.signal }).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 100))
    gone.abort()
    await asked
    await new Promise((r) => setTimeout(r, 400))
    let closed = false
    const started = Date.now()
    await stopServer(server as never, requests, async () => void (closed = true), 500)
    expect(closed).toBe(true)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(await settledSoon(requests.drained())).toBe(true)
  })
})
