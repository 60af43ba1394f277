/**
 * The HTTP API on Hono: web-standard Request/Response handlers, testable with `app.request()`
 * without a socket, served on Node 20 by @hono/node-server. Every /v1 route authenticates a
 * bearer token, checks the role and the region scope, validates bodies with the same Schemas
 * as the library, and answers errors as JSON naming the field path. Refused requests are
 * logged without personal data; writes are audited by the ledger (who, when, what).
 */
import { CalendarDate, Decode, Engine, type Evaluation, Indicator, Mask, type Loader, type Outcome, RegionCode, type Workflow } from "@liushou/core"
import { Ledger } from "@liushou/storage"
import { Result, Schema } from "effect"
import { type Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import * as Access from "../access.js"
import type { Config } from "../config/Config.js"
import { auditDetail, continuationsFrom, countContinued } from "../continuation.js"
import { render } from "../report/Html.js"
import { checkTerm } from "../vocabulary.js"
import { recheckWorklist, reportData } from "../report/FromLedger.js"
import { indicatorsView } from "../indicators/View.js"
import { type Line, lines } from "./Ndjson.js"
import { type ErrorCode, AssignmentRequest, EndAssignmentRequest, LedgerEventRequest, ServiceRequest, EvaluateRequest, OpenReferralRequest, openApi, TransitionRequest, VisitRequest } from "./Schemas.js"

/** A line in the access log (no personal data: no names, ID numbers, phones or bodies). */
export interface AccessLogEntry {
  readonly at: string
  readonly event: "refused"
  readonly user: string | null
  readonly method: string
  readonly route: string
  readonly status: number
  readonly code: string
}

export interface ApiOptions {
  readonly ledger: Ledger.Ledger
  readonly registry: Loader.Registry
  readonly config: Config
  readonly workflow?: Workflow.Workflow<string, string>
  /** where refusals are logged; default: JSON lines on stderr */
  readonly log?: (entry: AccessLogEntry) => void
  /** today's date for defaults (dueBy, asOf); default the system clock */
  readonly today?: () => CalendarDate.CalendarDate
  readonly version?: string
  /** the largest request body accepted, in bytes (default 4 MiB); a larger one is answered 413 */
  readonly maxBodyBytes?: number
  /** the longest line of a JSON Lines body (`/v1/evaluate` streamed), in bytes (default 1 MiB); a longer line is reported and skipped */
  readonly maxLineBytes?: number
}

/** The default limit of one line of a streamed `/v1/evaluate` (one case file). */
export const MAX_LINE_BYTES = 1024 * 1024

const NDJSON = "application/x-ndjson"

/** The default limit of a request body: about 2,500 case files in one /v1/evaluate. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

type Env = { Variables: { principal: Access.Principal } }

/** A request refused by a check of its body, query or elder: the answer to send, in the API's error shape. */
interface Rejected {
  readonly _tag: "Rejected"
  readonly status: number
  readonly code: ErrorCode
  readonly message: { readonly zh: string; readonly en: string }
  readonly issues?: ReadonlyArray<Decode.FieldIssue>
}

/** What a check of a request gives: core's `Outcome`, the error a `Rejected` or an access check's `Refused`. */
type Checked<A> = Outcome.Outcome<A, Rejected | Access.Refused>

const rejected = (status: number, code: ErrorCode, message: Rejected["message"], issues?: ReadonlyArray<Decode.FieldIssue>): Outcome.Failure<Rejected> => ({
  ok: false,
  error: { _tag: "Rejected", status, code, message, ...(issues === undefined ? {} : { issues }) }
})

const TEXT = (zh: string, en: string) => ({ zh, en })
/** A query value as it may be echoed in an error: JSON-encoded, long digit runs masked, control characters escaped. */
const foundQuery = (v: string | undefined): string => (v === undefined ? "(missing)" : JSON.stringify(Decode.printable(v)))

/** How each refusal of the ledger is answered: a status and a kebab-case code (the `_tag` is never sent). */
const LEDGER_REFUSALS: Record<Ledger.LedgerError["_tag"], { readonly status: 400 | 404 | 409; readonly code: ErrorCode }> = {
  ElderNotFound: { status: 404, code: "not-found" },
  AmbiguousElder: { status: 409, code: "ambiguous-elder" },
  CaseNotFound: { status: 404, code: "not-found" },
  CaseExists: { status: 409, code: "case-exists" },
  WorkflowMismatch: { status: 409, code: "workflow-mismatch" },
  InvalidVisit: { status: 400, code: "invalid-visit" },
  InvalidAssignment: { status: 400, code: "invalid-assignment" },
  AssignmentExists: { status: 409, code: "assignment-exists" },
  AssignmentNotFound: { status: 409, code: "assignment-not-found" },
  AssignmentEnded: { status: 409, code: "assignment-ended" },
  InvalidLedgerEvent: { status: 409, code: "ledger-event-refused" },
  InvalidService: { status: 400, code: "invalid-service" },
  IllegalTransition: { status: 409, code: "refused-by-workflow" }
}

/** Makes the API application. */
export const makeApi = (options: ApiOptions): Hono<Env> => {
  const { ledger, registry, config } = options
  // an expired plugin kept in force only by the configuration's explicit choice; every evaluate request under it is audited
  const continuations = continuationsFrom({}, config)
  const engine = Engine.make(registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
  const auditContinued = async (p: Access.Principal, asOf: string, policy: string | undefined, evaluated: number, continued: number): Promise<void> => {
    if (continuations.length === 0) return
    await ledger.audit({
      actor: p.name,
      action: "evaluate.continued-past-expiry",
      regionCode: p.region,
      subject: null,
      detail: { asOf, policy: policy ?? null, continuePastExpiry: auditDetail(continuations), evaluated, continued }
    })
  }
  const log = options.log ?? ((e: AccessLogEntry) => void process.stderr.write(JSON.stringify(e) + "\n"))
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))
  const app = new Hono<Env>()

  const fail = (c: Context<Env>, status: number, code: ErrorCode, message: { zh: string; en: string }, issues?: ReadonlyArray<Decode.FieldIssue>) => {
    if (status === 401 || status === 403 || status === 404 || code === "bad-region") {
      const p = c.get("principal") as Access.Principal | undefined
      log({ at: new Date().toISOString(), event: "refused", user: p?.name ?? null, method: c.req.method, route: c.req.routePath, status, code })
    }
    return c.json({ error: { code, message, ...(issues === undefined ? {} : { issues }) } }, status as never)
  }
  const refuse = (c: Context<Env>, r: Access.Refused) => fail(c, r.status, r.code, r.message)
  /** The one place a failed check of a request becomes its HTTP answer. */
  const answer = (c: Context<Env>, e: Rejected | Access.Refused) => (e._tag === "Refused" ? refuse(c, e) : fail(c, e.status, e.code, e.message, e.issues))
  const refusedByLedger = (c: Context<Env>, e: Ledger.LedgerError) => {
    const how = LEDGER_REFUSALS[e._tag]
    return fail(c, how.status, how.code, e.message, "issues" in e ? e.issues : undefined)
  }

  const body = async <S extends Schema.Top>(c: Context<Env>, schema: S): Promise<Checked<S["Type"]>> => {
    let json: unknown
    try {
      json = await c.req.json()
    } catch {
      return rejected(400, "invalid-body", TEXT("请求体应为 JSON", "the body must be JSON"))
    }
    const r = Schema.decodeUnknownResult(schema as never)(json, { errors: "all", onExcessProperty: "error" }) as Result.Result<S["Type"], Schema.SchemaError>
    if (Result.isSuccess(r)) return { ok: true, value: r.success }
    const issues = Decode.fieldIssues(r.failure, json, { root: "(body)" })
    return rejected(
      400,
      "invalid-body",
      TEXT(`请求体不符合规定格式：${issues.map((i) => `${i.path} 应为${i.expected.zh}，实际为 ${i.found}`).join("；")}`, `the body does not match the schema: ${issues.map((i) => `${i.path}: expected ${i.expected.en}, found ${i.found}`).join("; ")}`),
      issues
    )
  }
  const dateQuery = (c: Context<Env>, name: string): Checked<string> => {
    const v = c.req.query(name)
    if (v === undefined) return { ok: true, value: today() }
    if (!CalendarDate.isValid(v)) return rejected(400, "invalid-query", TEXT(`${name} 应为日历上存在的日期 YYYY-MM-DD，实际为 ${foundQuery(v)}`, `${name} must be a calendar date YYYY-MM-DD, found ${foundQuery(v)}`), [{ path: name, expected: TEXT("日历上存在的日期（YYYY-MM-DD）", "a calendar date YYYY-MM-DD"), found: foundQuery(v) }])
    return { ok: true, value: v }
  }
  const limitQuery = (c: Context<Env>): Checked<number> => {
    const v = c.req.query("limit")
    if (v === undefined) return { ok: true, value: 500 }
    const n = Number(v)
    if (!/^\d+$/.test(v) || n < 1 || n > 5000) return rejected(400, "invalid-query", TEXT(`limit 应为 1 到 5000 的整数，实际为 ${foundQuery(v)}`, `limit must be an integer from 1 to 5000, found ${foundQuery(v)}`), [{ path: "limit", expected: TEXT("1 到 5000 的整数", "an integer from 1 to 5000"), found: foundQuery(v) }])
    return { ok: true, value: n }
  }
  /**
   * The elder with an id inside the principal's scope (narrowed by `?region=`): an elder is its
   * county and its id, so an id used in several counties of the scope needs the region.
   */
  const findElder = async (c: Context<Env>, elderId: string): Promise<Checked<Ledger.CurrentElder>> => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return region
    let found: Ledger.CurrentElder | undefined
    try {
      found = await ledger.elder(elderId, { region: region.value })
    } catch (e) {
      if (e instanceof Ledger.LedgerInputError) return rejected(409, "ambiguous-elder", TEXT(e.zh, e.message))
      throw e
    }
    const ok = Access.record(p, found?.regionCode, Access.ELDER)
    if (!ok.ok) return ok
    return { ok: true, value: found! }
  }

  /** What every write to one elder starts with: the permission, the elder inside the scope, the decoded body. */
  const elderWrite = async <S extends Schema.Top>(
    c: Context<Env>,
    permission: Parameters<typeof Access.requirePermission>[1],
    schema: S
  ): Promise<Checked<{ readonly actor: string; readonly elderId: string; readonly region: string; readonly body: S["Type"] }>> => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, permission)
    if (!perm.ok) return perm
    const elderId = c.req.param("elderId")!
    const found = await findElder(c, elderId)
    if (!found.ok) return found
    const b = await body(c, schema)
    if (!b.ok) return b
    return { ok: true, value: { actor: p.name, elderId, region: found.value.regionCode, body: b.value } }
  }

  app.get("/openapi.json", (c) => c.json(openApi(options.version ?? "0.1.0") as object))
  app.get("/health", (c) => c.json({ ok: true }))

  app.use("/v1/*", async (c, next) => {
    const auth = c.req.header("authorization")
    const token = auth?.startsWith("Bearer ") === true ? auth.slice(7).trim() : undefined
    const p = Access.principalForToken(config, token)
    if (p === undefined) return fail(c, 401, "unauthorized", TEXT("缺少或无效的访问令牌（Authorization: Bearer …）", "missing or unknown bearer token (Authorization: Bearer ...)"))
    c.set("principal", p)
    await next()
  })

  // bodies: JSON only, and bounded (the limit is enforced while reading, so a large body is never buffered whole)
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES
  const contentType = (c: Context<Env>): string => (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase()
  /** a streamed batch: JSON Lines to /v1/evaluate, bounded per line instead of as a whole */
  const streamed = (c: Context<Env>): boolean => c.req.method === "POST" && c.req.path === "/v1/evaluate" && contentType(c) === NDJSON
  app.use("/v1/*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next()
    if (contentType(c) !== "application/json" && !streamed(c)) return fail(c, 415, "unsupported-media-type", TEXT("请求体须为 JSON（Content-Type: application/json；/v1/evaluate 也接受 application/x-ndjson）", "the body must be JSON (Content-Type: application/json; /v1/evaluate also takes application/x-ndjson)"))
    return next()
  })
  const limit = bodyLimit({
    maxSize: maxBody,
    onError: (c) => c.json({ error: { code: "body-too-large", message: TEXT(`请求体超过 ${maxBody} 字节（大批量请用 application/x-ndjson 流式提交）`, `the body is larger than ${maxBody} bytes (stream large batches as application/x-ndjson)`) } }, 413)
  })
  app.use("/v1/*", async (c, next) => (streamed(c) ? next() : limit(c, next)))

  app.get("/v1/me", (c) => {
    const p = c.get("principal")
    return c.json({ name: p.name, role: p.role, region: p.region })
  })

  /** One case file of a streamed batch: its evaluation or why it was refused (one line of the response). */
  const evaluateLine = (p: Access.Principal, line: Line, asOf: string, policy: string | undefined): object => {
    const refused = (elderId: string | null, issues: ReadonlyArray<Decode.FieldIssue>, message: { zh: string; en: string }, code?: string) => ({ position: line.position, error: { ...(code === undefined ? {} : { code }), elderId, issues, message } })
    if ("tooLarge" in line) return refused(null, [], TEXT(`第 ${line.position + 1} 行超过 ${maxLine} 字节，已跳过`, `line ${line.position + 1} is longer than ${maxLine} bytes and was skipped`), "line-too-large")
    let raw: unknown
    try {
      raw = JSON.parse(line.text.charCodeAt(0) === 0xfeff ? line.text.slice(1) : line.text)
    } catch (e) {
      const j = Decode.jsonError(line.position, (e as Error).message)
      return refused(null, j.issues, j.message)
    }
    const r = Decode.caseFile(raw, line.position)
    if (!r.ok) return refused(r.error.elderId, r.error.issues, r.error.message)
    if (!Access.inScope(p, r.value.elder.regionCode)) return refused(Decode.printable(r.value.elder.id), [], TEXT(`第 ${line.position + 1} 行的案卷区划不在您的权限范围内`, `the case file of line ${line.position + 1} is outside your region scope`), "out-of-scope")
    const e = engine.evaluate(r.value, asOf, policy === undefined ? {} : { policy })
    if (!e.ok) return refused(Decode.printable(r.value.elder.id), [], TEXT(e.error.reason.reasons.map((x) => x.text.zh).join("；"), e.error.reason.reasons.map((x) => x.text.en).join("; ")))
    return { position: line.position, evaluation: e.value }
  }

  app.post("/v1/evaluate", async (c) => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, "evaluate")
    if (!perm.ok) return refuse(c, perm.error)
    if (streamed(c)) {
      // JSON Lines in, JSON Lines out, one case file at a time: memory stays bounded whatever the batch
      const asOf = c.req.query("asOf")
      if (asOf === undefined || !CalendarDate.isValid(asOf)) return fail(c, 400, "invalid-query", TEXT(`流式评估须在查询参数中给出 asOf（YYYY-MM-DD），实际为 ${foundQuery(asOf)}`, `a streamed evaluation needs asOf (YYYY-MM-DD) in the query, found ${foundQuery(asOf)}`), [{ path: "asOf", expected: TEXT("日历上存在的日期（YYYY-MM-DD）", "a calendar date YYYY-MM-DD"), found: foundQuery(asOf) }])
      const policy = c.req.query("policy")
      const input = lines(c.req.raw.body, maxLine)
      const encoder = new TextEncoder()
      let evaluated = 0
      let rejected = 0
      let continued = 0
      const stream = new ReadableStream<Uint8Array>({
        // pulled by the client's reading: the next line of the body is read only then
        pull: async (controller) => {
          const next = await input.next()
          if (next.done === true) {
            await auditContinued(p, asOf, policy, evaluated, continued)
            controller.enqueue(encoder.encode(JSON.stringify({ done: true, evaluated, rejected }) + "\n"))
            controller.close()
            return
          }
          const out = evaluateLine(p, next.value, asOf, policy)
          if ("evaluation" in out) {
            evaluated++
            if ((out.evaluation as Evaluation.Evaluation).provenance.continuedPastExpiry === true) continued++
          } else rejected++
          controller.enqueue(encoder.encode(JSON.stringify(out) + "\n"))
        },
        cancel: async () => {
          await input.return(undefined)
        }
      }, { highWaterMark: 1 })
      return new Response(stream, { status: 200, headers: { "content-type": `${NDJSON}; charset=utf-8` } })
    }
    const b = await body(c, EvaluateRequest)
    if (!b.ok) return answer(c, b.error)
    const evaluations: Array<unknown> = []
    const errors: Array<unknown> = []
    const decoded: Array<{ position: number; cf: import("@liushou/core").CaseFile.CaseFile }> = []
    b.value.caseFiles.forEach((raw: unknown, i: number) => {
      const r = Decode.caseFile(raw, i)
      if (r.ok) decoded.push({ position: i, cf: r.value })
      else errors.push({ position: i, elderId: r.error.elderId, issues: r.error.issues.map((x) => ({ ...x, path: `caseFiles[${i}].${x.path}` })), message: r.error.message })
    })
    // every case must be inside the scope, or the whole request is refused
    const outside = decoded.find((d) => !Access.inScope(p, d.cf.elder.regionCode))
    if (outside !== undefined) return fail(c, 403, "out-of-scope", TEXT(`第 ${outside.position + 1} 个案卷的区划不在您的权限范围内`, `case file ${outside.position + 1} is outside your region scope`))
    for (const d of decoded) {
      const r = engine.evaluate(d.cf, b.value.asOf, b.value.policy === undefined ? {} : { policy: b.value.policy })
      if (r.ok) evaluations.push(r.value)
      else errors.push({ position: d.position, elderId: d.cf.elder.id, issues: [], message: TEXT(r.error.reason.reasons.map((x) => x.text.zh).join("；"), r.error.reason.reasons.map((x) => x.text.en).join("; ")) })
    }
    await auditContinued(p, b.value.asOf, b.value.policy, evaluations.length, countContinued(evaluations as Array<Evaluation.Evaluation>))
    return c.json({ evaluations, errors })
  })

  app.get("/v1/elders", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    const limit = limitQuery(c)
    if (!limit.ok) return answer(c, limit.error)
    const afterRaw = c.req.query("after")
    let after: { regionCode: string; elderId: string } | undefined
    if (afterRaw !== undefined) {
      const [regionCode, elderId] = afterRaw.split("/")
      if (regionCode === undefined || elderId === undefined || !RegionCode.isVillage(regionCode)) return fail(c, 400, "invalid-query", TEXT(`after 应为 村级区划代码/老年人编号，实际为 ${foundQuery(afterRaw)}`, `after must be villageCode/elderId, found ${foundQuery(afterRaw)}`), [{ path: "after", expected: TEXT("村级区划代码/老年人编号", "villageCode/elderId"), found: foundQuery(afterRaw) }])
      after = { regionCode, elderId }
    }
    const items = await ledger.eldersByRegion(region.value, { limit: limit.value, ...(after === undefined ? {} : { after }) })
    return c.json({ items: items.filter((e) => Access.inScope(p, e.regionCode)).map((e) => ({ ...e, name: Mask.name(e.name) })) })
  })

  app.get("/v1/elders/:elderId", async (c) => {
    const p = c.get("principal")
    const elderId = c.req.param("elderId")
    const found = await findElder(c, elderId)
    if (!found.ok) return answer(c, found.error)
    const cf = found.value.caseFile
    const unmaskedQuery = c.req.query("unmasked")
    if (unmaskedQuery !== undefined && unmaskedQuery !== "true" && unmaskedQuery !== "false") {
      return fail(c, 400, "invalid-query", TEXT(`unmasked 应为 true 或 false，实际为 ${foundQuery(unmaskedQuery)}`, `unmasked must be true or false, found ${foundQuery(unmaskedQuery)}`), [{ path: "unmasked", expected: TEXT("true 或 false", "true or false"), found: foundQuery(unmaskedQuery) }])
    }
    if (unmaskedQuery === "true") {
      // asking for personal data in clear is refused outright, never answered masked as if it were allowed
      const perm = Access.requirePermission(p, "export")
      if (!perm.ok) return fail(c, 403, "forbidden", TEXT(`角色 ${p.role} 无权查看未遮蔽的个人信息（unmasked=true 需要 export 权限）`, `role ${p.role} may not read personal data unmasked (unmasked=true needs the export permission)`))
      await ledger.audit({ actor: p.name, action: "elder.read-unmasked", regionCode: cf.elder.regionCode, subject: elderId })
      return c.json(cf)
    }
    return c.json(Mask.caseFile(cf))
  })

  app.post("/v1/elders/:elderId/visits", async (c) => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, "record-visit")
    if (!perm.ok) return refuse(c, perm.error)
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    const elderId = c.req.param("elderId")
    const b = await body(c, VisitRequest)
    if (!b.ok) return answer(c, b.error)
    const visit = b.value
    const now = today()
    if (CalendarDate.compare(visit.date, now) > 0) {
      const found = JSON.stringify(visit.date)
      return fail(c, 400, "visit-in-future", TEXT(`探访日期 ${visit.date} 晚于今天（${now}）：只能登记已经发生的探访`, `the visit is dated ${visit.date}, after today (${now}): only visits that took place can be recorded`), [{ path: "date", expected: TEXT(`不晚于今天（${now}）的日期`, `a date on or before today (${now})`), found }])
    }
    // the ledger finds the elder inside the scope as it locks it (no read before the write): an
    // elder outside the scope is not found, and answered as every elder outside it is
    const r = await ledger.recordVisit({ elderId, ...(region.value === "" ? {} : { region: region.value }), visit, actor: p.name })
    if (!r.ok) {
      const outside = r.error._tag === "ElderNotFound" ? Access.record(p, undefined, Access.ELDER) : undefined
      return outside !== undefined && !outside.ok ? refuse(c, outside.error) : refusedByLedger(c, r.error)
    }
    return c.json({ elderId, ...r.value }, 201)
  })

  app.post("/v1/elders/:elderId/assignments", async (c) => {
    const w = await elderWrite(c, "assign", AssignmentRequest)
    if (!w.ok) return answer(c, w.error)
    const { elderId } = w.value
    const { id, ...rest } = w.value.body
    const assignment = { id: id ?? `${rest.role === "pairing" ? "pair" : "visitor"}-${rest.personId}-${rest.from}`, ...rest, until: null }
    const r = await ledger.addAssignment({ elderId, region: w.value.region, assignment, actor: w.value.actor })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json({ elderId, ...r.value }, 201)
  })

  app.post("/v1/elders/:elderId/assignments/:assignmentId/end", async (c) => {
    const w = await elderWrite(c, "assign", EndAssignmentRequest)
    if (!w.ok) return answer(c, w.error)
    const { elderId } = w.value
    const r = await ledger.endAssignment({ elderId, region: w.value.region, assignmentId: c.req.param("assignmentId"), until: w.value.body.until, actor: w.value.actor })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json({ elderId, ...r.value })
  })

  app.post("/v1/elders/:elderId/ledger-events", async (c) => {
    const w = await elderWrite(c, "ledger", LedgerEventRequest)
    if (!w.ok) return answer(c, w.error)
    const { elderId } = w.value
    const e = w.value.body
    const term = checkTerm(registry, w.value.region, e.date, "reason", TEXT(`${e.event === "exited" ? "退出" : "纳入"}台账的原因`, `reason to ${e.event === "exited" ? "leave" : "enter"} the ledger`), (v) => v.ledgerReasons, e.reason, (t) => t.event === e.event)
    if (!term.ok) return fail(c, 400, "invalid-body", term.error.message, [{ path: term.error.path, expected: term.error.expected, found: term.error.found }])
    const r = await ledger.recordLedgerEvent({ elderId, region: w.value.region, event: e, actor: w.value.actor })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json({ elderId, ...r.value }, 201)
  })

  app.post("/v1/elders/:elderId/services", async (c) => {
    const w = await elderWrite(c, "record-visit", ServiceRequest)
    if (!w.ok) return answer(c, w.error)
    const { elderId } = w.value
    const s = w.value.body
    const now = today()
    if (CalendarDate.compare(s.date, now) > 0) {
      // a service not yet delivered is not a care record (as a visit in the future is not)
      return fail(c, 400, "invalid-service", TEXT(`关爱服务日期 ${s.date} 晚于今天（${now}）：只能登记已经提供的服务`, `the service is dated ${s.date}, after today (${now}): only services delivered can be recorded`), [{ path: "date", expected: TEXT(`不晚于今天（${now}）的日期`, `a date on or before today (${now})`), found: JSON.stringify(s.date) }])
    }
    const kind = checkTerm(registry, w.value.region, s.date, "kind", TEXT("关爱服务类别", "care service kind"), (v) => v.serviceKinds, s.kind)
    if (!kind.ok) return fail(c, 400, "invalid-body", kind.error.message, [{ path: kind.error.path, expected: kind.error.expected, found: kind.error.found }])
    if (s.program !== undefined) {
      const p = checkTerm(registry, w.value.region, s.date, "program", TEXT("项目", "program"), (v) => v.programs, s.program)
      if (!p.ok) return fail(c, 400, "invalid-body", p.error.message, [{ path: p.error.path, expected: p.error.expected, found: p.error.found }])
    }
    const r = await ledger.recordService({ elderId, region: w.value.region, service: s, actor: w.value.actor })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json({ elderId, ...r.value }, 201)
  })

  app.get("/v1/services", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    if (c.req.query("from") === undefined) return fail(c, 400, "invalid-query", TEXT("缺少 from", "from is required"), [{ path: "from", expected: TEXT("日期 YYYY-MM-DD", "a date YYYY-MM-DD"), found: "(missing)" }])
    const from = dateQuery(c, "from")
    if (!from.ok) return answer(c, from.error)
    const to = dateQuery(c, "to")
    if (!to.ok) return answer(c, to.error)
    const byQuery = c.req.query("by")
    const LEVELS = ["county", "township", "village", "elder"] as const
    if (byQuery !== undefined && !(LEVELS as ReadonlyArray<string>).includes(byQuery)) {
      return fail(c, 400, "invalid-query", TEXT("by 应为 county、township、village 或 elder", "by must be county, township, village or elder"), [{ path: "by", expected: TEXT("county、township、village 或 elder", "county, township, village or elder"), found: foundQuery(byQuery) }])
    }
    const by = byQuery as (typeof LEVELS)[number] | undefined
    // the region is inside the user's scope (Access.region), so every count is
    const counts = await ledger.serviceCounts({ ...(region.value === "" ? {} : { region: region.value }), from: from.value, to: to.value, ...(by === undefined ? {} : { by }) })
    return c.json({ region: region.value, from: from.value, to: to.value, by: by ?? null, counts })
  })

  app.get("/v1/ledger-events", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    if (c.req.query("from") === undefined) return fail(c, 400, "invalid-query", TEXT("缺少 from", "from is required"), [{ path: "from", expected: TEXT("日期 YYYY-MM-DD", "a date YYYY-MM-DD"), found: "(missing)" }])
    const from = dateQuery(c, "from")
    if (!from.ok) return answer(c, from.error)
    const to = dateQuery(c, "to")
    if (!to.ok) return answer(c, to.error)
    const items = await ledger.ledgerEvents({ ...(region.value === "" ? {} : { region: region.value }), from: from.value, to: to.value })
    return c.json({ from: from.value, to: to.value, items: items.filter((x) => Access.inScope(p, x.regionCode)) })
  })

  app.get("/v1/worklist", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    const person = c.req.query("person")
    if (person === undefined || person === "") return fail(c, 400, "invalid-query", TEXT("缺少 person（探访人或志愿者编号）", "person is required (a visitor's or volunteer's id)"), [{ path: "person", expected: TEXT("探访人或志愿者编号", "a visitor's or volunteer's id"), found: "(missing)" }])
    const asOf = dateQuery(c, "asOf")
    if (!asOf.ok) return answer(c, asOf.error)
    const items = await ledger.visitorWorklist(person, asOf.value, region.value === "" ? {} : { region: region.value })
    return c.json({ personId: person, asOf: asOf.value, items: items.filter((x) => Access.inScope(p, x.regionCode)).map((x) => ({ ...x, name: Mask.name(x.name) })) })
  })

  app.get("/v1/recheck", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    if (region.value === "") return fail(c, 400, "invalid-query", TEXT("请指定区划", "region is required"), [{ path: "region", expected: TEXT("区划代码", "a region code"), found: "(missing)" }])
    const asOf = dateQuery(c, "asOf")
    if (!asOf.ok) return answer(c, asOf.error)
    const { villages, source } = await recheckWorklist(ledger, registry, region.value, asOf.value, (code) => Access.inScope(p, code))
    return c.json({ region: region.value, asOf: asOf.value, source, villages })
  })

  app.get("/v1/indicators", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    if (region.value === "") return fail(c, 400, "invalid-query", TEXT("请指定区划", "region is required"), [{ path: "region", expected: TEXT("区划代码", "a region code"), found: "(missing)" }])
    for (const name of ["from", "to"]) {
      if (c.req.query(name) === undefined) return fail(c, 400, "invalid-query", TEXT(`缺少 ${name}（日期 YYYY-MM-DD）`, `${name} is required (a date YYYY-MM-DD)`), [{ path: name, expected: TEXT("日历上存在的日期（YYYY-MM-DD）", "a calendar date YYYY-MM-DD"), found: "(missing)" }])
    }
    const from = dateQuery(c, "from")
    if (!from.ok) return answer(c, from.error)
    const to = dateQuery(c, "to")
    if (!to.ok) return answer(c, to.error)
    const asOf = c.req.query("asOf") === undefined ? { ok: true as const, value: to.value > today() ? to.value : today() } : dateQuery(c, "asOf")
    if (!asOf.ok) return answer(c, asOf.error)
    const period = c.req.query("period") ?? "quarter"
    if (!(Indicator.PERIODS as ReadonlyArray<string>).includes(period)) {
      return fail(c, 400, "invalid-query", TEXT(`period 应为 ${Indicator.PERIODS.join("、")} 之一，实际为 ${foundQuery(period)}`, `period must be one of ${Indicator.PERIODS.join(", ")}, found ${foundQuery(period)}`), [{ path: "period", expected: TEXT(Indicator.PERIODS.join("、"), Indicator.PERIODS.join(", ")), found: foundQuery(period) }])
    }
    if (to.value < from.value) return fail(c, 400, "invalid-query", TEXT(`to（${to.value}）早于 from（${from.value}）`, `to (${to.value}) is before from (${from.value})`), [{ path: "to", expected: TEXT(`不早于 ${from.value} 的日期`, `a date on or after ${from.value}`), found: foundQuery(to.value) }])
    if (asOf.value < to.value) return fail(c, 400, "invalid-query", TEXT(`asOf（${asOf.value}）早于期末 to（${to.value}）`, `asOf (${asOf.value}) is before the period's end (${to.value})`), [{ path: "asOf", expected: TEXT(`不早于 ${to.value} 的日期`, `a date on or after ${to.value}`), found: foundQuery(asOf.value) }])
    const view = await indicatorsView(ledger, registry, { region: region.value, from: from.value, to: to.value, asOf: asOf.value, period: period as Indicator.PeriodLength, continuations, ...(options.workflow === undefined ? {} : { workflow: options.workflow }) })
    return c.json(view)
  })

  const dueRoute = (path: string, query: (dueBy: string, o: { region: string; limit: number }) => Promise<ReadonlyArray<{ readonly regionCode: string; readonly name: string }>>) =>
    app.get(path, async (c) => {
      const p = c.get("principal")
      const region = Access.region(p, c.req.query("region"))
      if (!region.ok) return refuse(c, region.error)
      const dueBy = dateQuery(c, "dueBy")
      if (!dueBy.ok) return answer(c, dueBy.error)
      const limit = limitQuery(c)
      if (!limit.ok) return answer(c, limit.error)
      const items = await query(dueBy.value, { region: region.value, limit: limit.value })
      return c.json({ items: items.filter((x) => Access.inScope(p, x.regionCode)).map((x) => ({ ...x, name: Mask.name(x.name) })) })
    })
  dueRoute("/v1/visits-due", (d, o) => ledger.visitsDue(d, o))
  dueRoute("/v1/assessments-due", (d, o) => ledger.assessmentsDue(d, o))

  app.get("/v1/referrals", async (c) => {
    const p = c.get("principal")
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    const state = c.req.query("state")
    if (state === undefined || state === "") return fail(c, 400, "invalid-query", TEXT("缺少 state（转介工作流状态）", "state is required (a referral workflow state)"), [{ path: "state", expected: TEXT("工作流状态", "a workflow state"), found: "(missing)" }])
    const limit = limitQuery(c)
    if (!limit.ok) return answer(c, limit.error)
    const items = await ledger.referralsByState(state, { region: region.value, limit: limit.value })
    return c.json({ items: items.filter((x) => Access.inScope(p, x.regionCode)) })
  })

  app.get("/v1/referrals/:caseId", async (c) => {
    const p = c.get("principal")
    const r = await ledger.referral(c.req.param("caseId"))
    const ok = Access.record(p, r?.regionCode, Access.REFERRAL_CASE)
    if (!ok.ok) return refuse(c, ok.error)
    return c.json(r)
  })

  app.post("/v1/referrals", async (c) => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, "referral")
    if (!perm.ok) return refuse(c, perm.error)
    if (options.workflow === undefined) return fail(c, 409, "no-workflow", TEXT("未加载转介工作流", "no referral workflow is loaded"))
    const b = await body(c, OpenReferralRequest)
    if (!b.ok) return answer(c, b.error)
    const found = await findElder(c, b.value.elderId)
    if (!found.ok) return answer(c, found.error)
    const existing = await ledger.referral(b.value.caseId)
    if (existing !== undefined && !Access.inScope(p, existing.regionCode)) return refuse(c, { _tag: "Refused", status: 404, code: "not-found", message: TEXT("在您的权限范围内找不到该转介个案", "no such referral case in your scope") })
    const r = await ledger.openReferral({ workflow: options.workflow, caseId: b.value.caseId, elderId: b.value.elderId, region: found.value.regionCode, on: b.value.on, by: p.name, ...(b.value.to === undefined ? {} : { to: b.value.to }), ...(b.value.trigger === undefined ? {} : { trigger: b.value.trigger }) })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json(r.value, 201)
  })

  app.post("/v1/referrals/:caseId/transitions", async (c) => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, "referral")
    if (!perm.ok) return refuse(c, perm.error)
    if (options.workflow === undefined) return fail(c, 409, "no-workflow", TEXT("未加载转介工作流", "no referral workflow is loaded"))
    const caseId = c.req.param("caseId")
    const existing = await ledger.referral(caseId)
    const ok = Access.record(p, existing?.regionCode, Access.REFERRAL_CASE)
    if (!ok.ok) return refuse(c, ok.error)
    const b = await body(c, TransitionRequest)
    if (!b.ok) return answer(c, b.error)
    const r = await ledger.transitionReferral({ workflow: options.workflow, caseId, action: b.value.action, on: b.value.on, by: p.name })
    if (!r.ok) return refusedByLedger(c, r.error)
    return c.json(r.value)
  })

  app.get("/v1/report", async (c) => {
    const p = c.get("principal")
    const perm = Access.requirePermission(p, "report")
    if (!perm.ok) return refuse(c, perm.error)
    const region = Access.region(p, c.req.query("region"))
    if (!region.ok) return refuse(c, region.error)
    if (region.value === "") return fail(c, 400, "invalid-query", TEXT("缺少 region（区划代码）", "region is required (a region code)"), [{ path: "region", expected: TEXT("区划代码", "a region code"), found: "(missing)" }])
    const asOf = dateQuery(c, "asOf")
    if (!asOf.ok) return answer(c, asOf.error)
    const lang = c.req.query("lang") === "en" ? "en" : "zh"
    const data = await reportData(ledger, registry, { region: region.value, asOf: asOf.value, indicatorsAsOf: today(), continuations, ...(options.workflow === undefined ? {} : { workflow: options.workflow }), ...(config.regionNames === undefined ? {} : { regionNames: config.regionNames }) })
    return c.html(render(data, lang))
  })

  app.notFound((c) => c.json({ error: { code: "no-such-route", message: TEXT("没有这个接口", "no such route") } }, 404))
  app.onError((e, c) => {
    process.stderr.write(`liushou serve: internal error on ${c.req.method} ${c.req.routePath}: ${e instanceof Error ? e.message : String(e)}\n`)
    return c.json({ error: { code: "internal", message: TEXT("服务器内部错误", "internal error") } }, 500)
  })
  return app
}
