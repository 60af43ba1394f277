/**
 * Request and response bodies of the HTTP API, defined with Effect Schema (the case file and
 * visit schemas are core's own), and the OpenAPI 3.1 document generated from their JSON Schema.
 */
import { CaseFile } from "@liushou/core"
import type { Ledger } from "@liushou/storage"
import { Schema } from "effect"
import { ROLES } from "../config/Config.js"

const Text = Schema.Struct({ zh: Schema.String, en: Schema.String }).annotate({ identifier: "Text", description: "Text in Chinese and English" })

/** POST /v1/evaluate */
export const EvaluateRequest = Schema.Struct({
  asOf: CaseFile.Date,
  policy: Schema.optionalKey(Schema.String.annotate({ description: "id or id@range of a loaded policy; default: selected per elder by region and date" })),
  caseFiles: Schema.Array(Schema.Unknown).annotate({ description: "Case files (liushou case file v1); each is validated on its own, the bad ones are reported and the good ones evaluated" })
}).annotate({ identifier: "EvaluateRequest" })

/** POST /v1/elders/{elderId}/visits */
export const VisitRequest = CaseFile.Visit.annotate({ identifier: "Visit" })

/** POST /v1/elders/{elderId}/assignments: a responsible visitor or a pairing, from a date */
export const AssignmentRequest = Schema.Struct({
  id: Schema.optionalKey(CaseFile.Id.annotate({ description: "Assignment id; default role-person-from" })),
  role: Schema.Literals(CaseFile.ASSIGNMENT_ROLES),
  personId: CaseFile.Id,
  personKind: Schema.Literals(CaseFile.PERSON_KINDS),
  from: CaseFile.Date
}).annotate({ identifier: "AssignmentRequest" })

/** POST /v1/elders/{elderId}/assignments/{assignmentId}/end */
export const EndAssignmentRequest = Schema.Struct({
  until: CaseFile.Date.annotate({ description: "The assignment's last day (inclusive)" })
}).annotate({ identifier: "EndAssignmentRequest" })

/** The answer to an assignment write. */
export const AssignmentResult = Schema.Struct({
  elderId: Schema.String,
  revision: Schema.Int,
  assignment: CaseFile.Assignment.annotate({ identifier: "Assignment" })
}).annotate({ identifier: "AssignmentResult" })

/** POST /v1/elders/{elderId}/ledger-events: an entry into or exit from the active ledger */
export const LedgerEventRequest = CaseFile.LedgerEvent.annotate({ identifier: "LedgerEvent" })

/** The answer to an entry or exit. */
export const LedgerEventResult = Schema.Struct({
  elderId: Schema.String,
  revision: Schema.Int,
  seq: Schema.Int.annotate({ description: "The event's position in ledgerEvents" }),
  event: LedgerEventRequest,
  status: Schema.Literals(["active", "exited"]).annotate({ description: "Where the elder stands after the latest event" })
}).annotate({ identifier: "LedgerEventResult" })

/** GET /v1/ledger-events */
export const LedgerEventPage = Schema.Struct({
  from: CaseFile.Date,
  to: CaseFile.Date,
  items: Schema.Array(Schema.Struct({ regionCode: Schema.String, elderId: Schema.String, seq: Schema.Int, date: CaseFile.Date, event: Schema.Literals(["entered", "exited"]), reason: Schema.String }))
}).annotate({ identifier: "LedgerEventPage" })

/** POST /v1/elders/{elderId}/services: a care service delivered to the elder */
export const ServiceRequest = CaseFile.ServiceRecord.annotate({ identifier: "ServiceRecord" })

/** The answer to a recorded service. */
export const ServiceResult = Schema.Struct({
  elderId: Schema.String,
  revision: Schema.Int,
  index: Schema.Int.annotate({ description: "The record's position in services" }),
  service: ServiceRequest
}).annotate({ identifier: "ServiceResult" })

/** GET /v1/services: services received per kind in a region and period */
export const ServiceCounts = Schema.Struct({
  region: Schema.String,
  from: CaseFile.Date,
  to: CaseFile.Date,
  by: Schema.NullOr(Schema.Literals(["county", "township", "village", "elder"])),
  counts: Schema.Array(
    Schema.Struct({
      region: Schema.String.annotate({ description: "The area's code (the region asked for when not grouped; the elder's village with by=elder)" }),
      elderId: Schema.NullOr(Schema.String),
      kind: Schema.String,
      services: Schema.Int,
      elders: Schema.Int.annotate({ description: "Distinct elders who received a service of the kind" })
    })
  )
}).annotate({ identifier: "ServiceCounts" })

/** GET /v1/worklist */
export const Worklist = Schema.Struct({
  personId: Schema.String,
  asOf: CaseFile.Date,
  items: Schema.Array(
    Schema.Struct({
      regionCode: Schema.String,
      elderId: Schema.String,
      name: Schema.String.annotate({ description: "Masked" }),
      assignmentId: Schema.String,
      role: Schema.Literals(CaseFile.ASSIGNMENT_ROLES),
      since: CaseFile.Date,
      due: Schema.NullOr(CaseFile.Date),
      status: Schema.Literals(["overdue", "due", "not-due", "not-assessed", "not-applicable"]),
      daysOverdue: Schema.Int,
      riskLevel: Schema.NullOr(Schema.String),
      priority: Schema.NullOr(Schema.Boolean),
      assessedAsOf: Schema.NullOr(CaseFile.Date),
      stale: Schema.Boolean
    })
  )
}).annotate({ identifier: "Worklist" })

/** GET /v1/recheck */
export const RecheckList = Schema.Struct({
  region: Schema.String,
  asOf: CaseFile.Date,
  source: Text.annotate({ description: "The assessment run read, or that the case files were evaluated at the date" }),
  villages: Schema.Array(
    Schema.Struct({
      village: Schema.String,
      elders: Schema.Number,
      byAsk: Schema.Record(Schema.String, Schema.Number).annotate({ description: "How many elders need each thing checked: facts.supporters, facts.income, facts.health, facts.housing, identification, or a case-file field" }),
      items: Schema.Array(Schema.Struct({ regionCode: Schema.String, elderId: Schema.String, asks: Schema.Array(Schema.String) }))
    })
  )
}).annotate({ identifier: "RecheckList" })

const Citation = Schema.Struct({ document: Schema.String, clause: Schema.String }).annotate({ identifier: "Citation" })
const Basis = Schema.Literals(["law", "interpretation", "local", "sample"]).annotate({ identifier: "Basis", description: "What a reason or parameter value rests on: the cited document itself (law), a reading of it (interpretation), a figure the plugin chose (local), or a placeholder figure (sample)" })
const Reason = Schema.Struct({
  code: Schema.String,
  citation: Citation,
  basis: Basis,
  text: Text,
  continuedPastExpiry: Schema.optionalKey(Schema.Literal(true))
}).annotate({ identifier: "Reason", description: "One reason of a decision: a stable code, the clause it cites, what it rests on, the text in Chinese and English" })

const IndicatorValue = Schema.Struct({
  numerator: Schema.Int,
  denominator: Schema.Int,
  value: Schema.NullOr(Schema.Number).annotate({ description: "numerator ÷ denominator; null when the denominator is 0" })
}).annotate({ identifier: "IndicatorValue" })

const IndicatorValues = Schema.Record(
  Schema.String,
  Schema.Struct({
    numerator: Schema.Int,
    denominator: Schema.Int,
    value: Schema.NullOr(Schema.Number),
    byRiskLevel: Schema.optionalKey(Schema.Record(Schema.String, IndicatorValue).annotate({ description: "Per risk level at the period's end (ungraded: no level)" }))
  })
).annotate({ description: "Indicator id → its counts" })

const RegionIndicators = Schema.Struct({
  region: Schema.String,
  elders: Schema.Int.annotate({ description: "Elders with a case file in the region at the as-of date" }),
  values: IndicatorValues
}).annotate({ identifier: "RegionIndicators" })

/** GET /v1/indicators */
export const IndicatorReport = Schema.Struct({
  region: Schema.String,
  from: CaseFile.Date,
  to: CaseFile.Date,
  asOf: CaseFile.Date.annotate({ description: "The ledger as it stood at the end of this day (UTC): pass it again to reproduce the figures" }),
  period: Schema.Literals(["month", "quarter", "half-year", "year"]).annotate({ description: "The periods of the trend" }),
  indicators: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      title: Text,
      topic: Schema.String,
      measure: Schema.String,
      numerator: Text,
      denominator: Text,
      unit: Schema.Literal("share"),
      period: Schema.Literals(["month", "quarter", "half-year", "year"]),
      better: Schema.Literals(["higher", "lower"]),
      byRiskLevel: Schema.optionalKey(Schema.Boolean),
      status: Schema.Literals(["law", "interpretation", "local", "sample"]),
      reference: Schema.Struct({ document: Schema.String, clause: Schema.String }),
      note: Schema.optionalKey(Schema.String)
    })
  ).annotate({ description: "The governing plugin's evaluation method (考评办法), each with its numerator and denominator in words" }),
  governing: Schema.Struct({
    policy: Schema.NullOr(Schema.String).annotate({ description: "The plugin governing the region at the period's end (id@version), selected as evaluations are; null when none governs" }),
    document: Schema.NullOr(Schema.String),
    declaredBy: Schema.NullOr(Schema.String).annotate({ description: "The plugin of its chain whose indicators apply; null when none declares any (then `indicators` is empty)" }),
    continuedPastExpiry: Schema.optionalKey(
      Schema.Literal(true).annotate({ description: "The governing plugin has expired and is applied by the host's explicit choice (continuePastExpiry): every indicator is computed under it, marked （失效后继续适用）/(continued past expiry)" })
    ),
    selection: Schema.Struct({ value: Schema.String, reasons: Schema.Array(Reason) }).annotate({ description: "Why this plugin governs" })
  }).annotate({ identifier: "IndicatorGoverning", description: "Which plugin's evaluation method applies and why" }),
  total: RegionIndicators,
  townships: Schema.Array(RegionIndicators),
  villages: Schema.Array(RegionIndicators),
  trend: Schema.Array(Schema.Struct({ from: CaseFile.Date, to: CaseFile.Date, values: IndicatorValues })).annotate({ description: "The region's values in each calendar period of the span" }),
  rankings: Schema.Record(
    Schema.String,
    Schema.Array(
      Schema.Struct({
        region: Schema.String,
        rank: Schema.NullOr(Schema.Int).annotate({ description: "1 = best (in the indicator's direction); equal shares share a rank; null when nothing was counted" }),
        tied: Schema.Boolean.annotate({ description: "Another township has the same rank" }),
        numerator: Schema.Int,
        denominator: Schema.Int,
        value: Schema.NullOr(Schema.Number)
      })
    )
  ).annotate({ description: "Indicator id → the townships, best first" }),
  rankingKinds: Schema.Record(Schema.String, Schema.Literals(["ranked", "all-equal", "nothing-counted"])).annotate({
    description: "Indicator id → whether its ranking says anything: ranked; all-equal (every township with a count has the same share: show no ranking); nothing-counted (no denominator anywhere)"
  })
}).annotate({ identifier: "IndicatorReport" })

/** POST /v1/referrals */
export const OpenReferralRequest = Schema.Struct({
  caseId: CaseFile.Id,
  elderId: CaseFile.Id,
  on: CaseFile.Date,
  to: Schema.optionalKey(Schema.String),
  trigger: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "OpenReferralRequest" })

/** POST /v1/referrals/{caseId}/transitions */
export const TransitionRequest = Schema.Struct({
  action: Schema.String.annotate({ description: "An action the referral workflow allows from the current state" }),
  on: CaseFile.Date
}).annotate({ identifier: "TransitionRequest" })

/**
 * Every error code the API answers with (kebab-case; a ledger's or workflow's internal tag is
 * never sent): the status of each is listed in the operations' responses.
 */
export const ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "out-of-scope",
  "bad-region",
  "not-found",
  "no-such-route",
  "invalid-body",
  "invalid-query",
  "unsupported-media-type",
  "body-too-large",
  "visit-in-future",
  "invalid-visit",
  "invalid-assignment",
  "invalid-service",
  "ambiguous-elder",
  "assignment-exists",
  "assignment-not-found",
  "assignment-ended",
  "ledger-event-refused",
  "case-exists",
  "workflow-mismatch",
  "refused-by-workflow",
  "no-workflow",
  "internal"
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Every error response. */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    code: Schema.Literals(ERROR_CODES).annotate({ description: "What went wrong, stable and kebab-case" }),
    message: Text.annotate({ description: "What went wrong and what was found (personal data masked), in Chinese and English" }),
    issues: Schema.optionalKey(
      Schema.Array(
        Schema.Struct({
          path: Schema.String.annotate({ description: "Field path, e.g. caseFiles[0].elder.birthDate, or a query parameter's name" }),
          expected: Text,
          found: Schema.String.annotate({ description: 'The value found, JSON-encoded and masked if personal; "(missing)" when absent' })
        })
      )
    )
  })
}).annotate({ identifier: "Error" })

/** The user the token belongs to (GET /v1/me). */
export const Me = Schema.Struct({ name: Schema.String, role: Schema.Literals(ROLES), region: Schema.NullOr(Schema.String) }).annotate({ identifier: "Me" })

const Nullable = <S extends Schema.Top>(s: S) => Schema.NullOr(s)
const RiskLevel = Schema.NullOr(Schema.String).annotate({ description: "One of the governing plugin's risk levels (`liushou plugins`), or null when not graded" })

/** An elder's status from the latest stored evaluation (in GET /v1/elders). */
export const ElderStatus = Schema.Struct({
  runId: Schema.String,
  asOf: CaseFile.Date,
  policyId: Schema.String,
  leftBehind: Nullable(Schema.Boolean),
  priority: Nullable(Schema.Boolean),
  unmetDuties: Schema.Int,
  riskLevel: RiskLevel,
  assessmentNextDue: Nullable(CaseFile.Date),
  assessmentOverdue: Schema.Boolean,
  visitWindow: Nullable(Schema.Literals(["not-applicable", "not-due", "due", "late", "overdue"])),
  visitNextDue: Nullable(CaseFile.Date),
  visitExtraDue: Nullable(CaseFile.Date),
  exitedOn: Nullable(CaseFile.Date).annotate({ description: "The exit from the active ledger in force at asOf (nothing is due); null while in it" }),
  stale: Schema.Boolean.annotate({ description: "The case file changed after this evaluation (a visit recorded, a re-import)" })
}).annotate({ identifier: "ElderStatus" })

/** GET /v1/elders items (names masked). */
export const ElderSummary = Schema.Struct({
  regionCode: Schema.String,
  elderId: Schema.String,
  name: Schema.String.annotate({ description: "Masked (王**)" }),
  revision: Schema.Int,
  status: Schema.NullOr(ElderStatus)
}).annotate({ identifier: "ElderSummary" })

/** GET /v1/visits-due items. */
export const VisitDue = Schema.Struct({
  regionCode: Schema.String,
  elderId: Schema.String,
  name: Schema.String.annotate({ description: "Masked (王**)" }),
  due: CaseFile.Date,
  nextDue: Nullable(CaseFile.Date),
  extraDue: Nullable(CaseFile.Date),
  status: Schema.Literals(["due", "overdue"]),
  daysOverdue: Schema.Int,
  riskLevel: RiskLevel,
  asOf: CaseFile.Date,
  stale: Schema.Boolean
}).annotate({ identifier: "VisitDue" })

/** GET /v1/assessments-due items. */
export const AssessmentDue = Schema.Struct({
  regionCode: Schema.String,
  elderId: Schema.String,
  name: Schema.String.annotate({ description: "Masked (王**)" }),
  due: Nullable(CaseFile.Date),
  overdue: Schema.Boolean,
  riskLevel: RiskLevel,
  asOf: CaseFile.Date
}).annotate({ identifier: "AssessmentDue" })

/** A referral case with its history. */
export const ReferralCase = Schema.Struct({
  regionCode: Schema.String,
  caseId: Schema.String,
  elderId: Schema.String,
  workflowId: Schema.String,
  state: Schema.String,
  since: CaseFile.Date,
  to: Nullable(Schema.String),
  trigger: Nullable(Schema.String),
  history: Schema.Array(Schema.Struct({ from: Nullable(Schema.String), to: Schema.String, action: Schema.String, at: CaseFile.Date, by: Schema.String }))
}).annotate({ identifier: "ReferralCase" })

/** POST /v1/elders/{elderId}/visits answer. */
export const VisitRecorded = Schema.Struct({
  elderId: Schema.String,
  revision: Schema.Int.annotate({ description: "The case file's new revision" }),
  seq: Schema.Int.annotate({ description: "The audit log entry" })
}).annotate({ identifier: "VisitRecorded" })

const decision = <S extends Schema.Top>(value: S, identifier: string) => Schema.Struct({ value, reasons: Schema.Array(Reason) }).annotate({ identifier })
const PolicyRef = Schema.Struct({ id: Schema.String, version: Schema.String, document: Schema.String }).annotate({ identifier: "PolicyRef" })
const RuleOutput = Schema.Record(Schema.String, Schema.Unknown).annotate({ description: "A rule's output with its reasons (see the core's Evaluation type)" })
const OpenConcern = Schema.Struct({
  concern: Schema.String,
  since: CaseFile.Date.annotate({ description: "First noted (at a visit or in concerns[]) since it was last resolved" }),
  observedBy: Schema.String,
  verified: Schema.Boolean,
  serious: Schema.Boolean.annotate({ description: "Found serious (情节严重) on verification" }),
  groundsRecorded: Schema.Boolean.annotate({ description: "The grounds of the serious finding are on record (needed for law enforcement)" })
}).annotate({ identifier: "OpenConcern", description: "A concern still open at the as-of date" })
const FollowUpOutput = Schema.StructWithRest(
  Schema.Struct({
    step: Schema.String.annotate({ description: "A step of the governing chain's follow-up ladder (Hunan: none, reminder, criticism-education, law-enforcement)" }),
    reportToTownship: Schema.Boolean,
    reasons: Schema.Array(Reason),
    lastRecorded: Schema.optionalKey(
      Schema.NullOr(Schema.Struct({ date: CaseFile.Date, step: Schema.String })).annotate({ description: "The latest follow-up on record (followUps[]) on or before the as-of date" })
    ),
    openConcerns: Schema.optionalKey(Schema.Array(OpenConcern)),
    verificationVisitDue: Schema.optionalKey(Schema.NullOr(CaseFile.Date).annotate({ description: "When an open report is unverified: the date a verification home visit is due" }))
  }),
  [Schema.Record(Schema.String, Schema.Unknown)]
).annotate({ identifier: "FollowUp", description: "The village committee's follow-up: the ladder step, advancing on the recorded history" })

/**
 * One evaluation of POST /v1/evaluate: what every evaluation has is typed; the outputs of rules
 * the governing plugin adds (risk, visits, eligibility, referrals, ...) are objects with reasons,
 * and a later core may add fields.
 */
export const Evaluation = Schema.StructWithRest(
  Schema.Struct({
    elderId: Schema.String,
    regionCode: Schema.String,
    asOf: CaseFile.Date,
    policy: PolicyRef,
    selection: decision(Schema.String, "PolicySelection"),
    leftBehind: decision(Schema.NullOr(Schema.Boolean), "LeftBehindDecision"),
    priority: decision(Schema.NullOr(Schema.Boolean), "PriorityDecision"),
    duties: Schema.Array(Schema.Struct({ duty: Schema.String, supporterId: Schema.NullOr(Schema.String), status: Schema.Literals(["met", "unmet", "unknown"]), reasons: Schema.Array(Reason) })),
    followUp: Schema.optionalKey(FollowUpOutput),
    risk: Schema.optionalKey(RuleOutput),
    visits: Schema.optionalKey(RuleOutput),
    eligibility: Schema.optionalKey(Schema.Array(RuleOutput)),
    referrals: Schema.optionalKey(Schema.Array(RuleOutput)),
    provenance: Schema.Struct({
      policy: PolicyRef,
      chain: Schema.Array(Schema.String),
      parametersHash: Schema.String,
      parameters: Schema.Array(Schema.Struct({ id: Schema.String, value: Schema.Unknown, from: CaseFile.Date, region: Schema.NullOr(Schema.String), source: Schema.String, status: Basis })),
      asOf: CaseFile.Date,
      inputVersion: Schema.String,
      coreVersion: Schema.String,
      continuedPastExpiry: Schema.optionalKey(
        Schema.Literal(true).annotate({ description: "The policy was applied after its last day in force by the host's explicit, audited choice (continuePastExpiry); every reason is marked" })
      )
    })
  }),
  [Schema.Record(Schema.String, Schema.Unknown)]
).annotate({ identifier: "Evaluation" })

const Issue = Schema.Struct({ path: Schema.String.annotate({ description: "Field path, e.g. caseFiles[0].elder.birthDate" }), expected: Text, found: Schema.String })

/** POST /v1/evaluate answer. */
export const EvaluateResponse = Schema.Struct({
  evaluations: Schema.Array(Evaluation),
  errors: Schema.Array(Schema.Struct({ position: Schema.Int, elderId: Schema.NullOr(Schema.String), issues: Schema.Array(Issue), message: Text })).annotate({ description: "The case files refused, by position in caseFiles" })
}).annotate({ identifier: "EvaluateResponse" })

const page = <S extends Schema.Top>(item: S, identifier: string) => Schema.Struct({ items: Schema.Array(item) }).annotate({ identifier })
export const ElderPage = page(ElderSummary, "ElderPage")
export const VisitDuePage = page(VisitDue, "VisitDuePage")
export const AssessmentDuePage = page(AssessmentDue, "AssessmentDuePage")
export const ReferralPage = page(ReferralCase, "ReferralPage")

// The response schemas follow the ledger's types: a field added to one and not the other fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const same = <T extends true>(_: T) => undefined
same<Same<typeof ElderSummary.Type, Ledger.ElderSummary>>(true)
same<Same<typeof VisitDue.Type, Ledger.VisitDue>>(true)
same<Same<typeof AssessmentDue.Type, Ledger.AssessmentDue>>(true)
same<Same<typeof ReferralCase.Type, Ledger.ReferralCase>>(true)
same<Same<(typeof Worklist.Type)["items"][number], Ledger.VisitorWorkItem>>(true)
same<Same<(typeof LedgerEventPage.Type)["items"][number], Ledger.LedgerEventRow>>(true)

const jsonSchemas = (): { components: Record<string, unknown> } => {
  const components: Record<string, unknown> = {}
  for (const s of [EvaluateRequest, VisitRequest, OpenReferralRequest, TransitionRequest, ErrorBody, Me, CaseFile.CaseFile, AssignmentRequest, EndAssignmentRequest, AssignmentResult, LedgerEventRequest, LedgerEventResult, LedgerEventPage, ServiceRequest, ServiceResult, ServiceCounts, Worklist, RecheckList, IndicatorReport, ElderPage, VisitDuePage, AssessmentDuePage, ReferralPage, ReferralCase, VisitRecorded, EvaluateResponse] as const) {
    const doc = Schema.toJsonSchemaDocument(s as Schema.Top, { onExcessProperty: "error" })
    Object.assign(components, doc.definitions)
    const ref = (doc.schema as { $ref?: string }).$ref
    if (ref === undefined) components[((s as Schema.Top).ast.annotations?.identifier as string | undefined) ?? "Anonymous"] = doc.schema
  }
  // an object whose content is left open (`Record<string, unknown>`) says so, for client generators
  const open = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(open)
    else if (node !== null && typeof node === "object") {
      const o = node as Record<string, unknown>
      if (o["type"] === "object" && o["properties"] === undefined && o["additionalProperties"] === undefined && o["patternProperties"] === undefined) o["additionalProperties"] = true
      Object.values(o).forEach(open)
    }
  }
  open(components)
  return { components: JSON.parse(JSON.stringify(components).replaceAll("#/$defs/", "#/components/schemas/")) }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ "application/json": { schema } })
const errors = {
  "400": { description: "Invalid request (the field path is named)", content: json(ref("Error")) },
  "401": { description: "No or unknown bearer token", content: json(ref("Error")) },
  "403": { description: "Role or region scope does not allow it", content: json(ref("Error")) }
}
/** The errors of an operation with a body: also too large (413) or not JSON (415). */
const bodyErrors = {
  ...errors,
  "413": { description: "The body is larger than the limit", content: json(ref("Error")) },
  "415": { description: "The body is not application/json", content: json(ref("Error")) }
}
const ambiguous = { "409": { description: "The elder id is used in several counties of your scope: give ?region=", content: json(ref("Error")) } }
const regionParam = { name: "region", in: "query", required: false, description: "Region code (2/4/6/9/12 digits) inside your scope; default your whole scope", schema: { type: "string", pattern: "^(\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12})$" } }
const dateParam = (name: string, description: string) => ({ name, in: "query", required: false, description, schema: { type: "string", format: "date" } })
const limitParam = { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 5000, default: 500 } }

/** The OpenAPI 3.1 document of the API. */
export const openApi = (version: string): unknown => ({
  openapi: "3.1.0",
  info: {
    title: "liushou host API",
    version,
    license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    description: "Evaluate case files, query the ledger of left-behind elders, record visits and referral transitions, fetch reports. Every request is checked against the token's role and region scope."
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  paths: {
    "/v1/me": { get: { operationId: "getMe", summary: "Who the token belongs to", responses: { "200": { description: "The user", content: json(ref("Me")) }, ...errors } } },
    "/v1/evaluate": {
      post: {
        operationId: "evaluate",
        summary: "Evaluate case files at a date (nothing stored)",
        description:
          "A JSON body (at most 4 MiB) is answered as one JSON document. A large batch is streamed: send `Content-Type: application/x-ndjson`, one case file per line, with `asOf` (and `policy`) in the query; the answer is JSON Lines, one line per case file in order (`{position, evaluation}` or `{position, error}`; a line over 1 MiB is `line-too-large`, a case file outside your scope `out-of-scope`), then `{done, evaluated, rejected}`. Memory stays bounded: each line is read when the answer is read.",
        parameters: [
          { name: "asOf", in: "query", required: false, description: "The date to evaluate at (YYYY-MM-DD); required with an application/x-ndjson body", schema: { type: "string", format: "date" } },
          { name: "policy", in: "query", required: false, description: "id or id@range of a loaded policy (application/x-ndjson body); default: selected per elder", schema: { type: "string" } }
        ],
        requestBody: { required: true, content: { ...json(ref("EvaluateRequest")), "application/x-ndjson": { schema: { type: "string", description: "One case file (liushou case file v1) per line" } } } },
        responses: {
          "200": {
            description: "Evaluations (with reasons and provenance) and the case files refused, by position",
            content: { ...json(ref("EvaluateResponse")), "application/x-ndjson": { schema: { type: "string", description: "One JSON object per line: {position, evaluation} or {position, error}, then {done, evaluated, rejected}" } } }
          },
          ...bodyErrors
        }
      }
    },
    "/v1/elders": { get: { operationId: "listElders", summary: "Elders in a region with their latest status", parameters: [regionParam, limitParam, { name: "after", in: "query", required: false, description: "regionCode/elderId of the last item of the previous page", schema: { type: "string" } }], responses: { "200": { description: "A page of elders", content: json(ref("ElderPage")) }, ...errors } } },
    "/v1/elders/{elderId}": {
      get: {
        operationId: "getElder",
        summary: "One elder's current case file (personal data masked unless ?unmasked=true, which needs the export permission; audited)",
        parameters: [
          { name: "elderId", in: "path", required: true, schema: { type: "string" } },
          regionParam,
          { name: "unmasked", in: "query", required: false, description: "true: personal data in clear (roles with the export permission; any other role is refused with 403)", schema: { type: "boolean", default: false } }
        ],
        responses: { "200": { description: "The case file", content: json(ref("CaseFile")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, ...ambiguous, ...errors }
      }
    },
    "/v1/elders/{elderId}/visits": {
      post: {
        operationId: "recordVisit",
        summary: "Record a visit (audited)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }, regionParam],
        requestBody: { required: true, content: json(ref("Visit")) },
        responses: {
          "201": { description: "Recorded", content: json(ref("VisitRecorded")) },
          ...bodyErrors,
          "400": { description: "Invalid visit (the field path is named), or dated after today (visit-in-future)", content: json(ref("Error")) },
          "404": { description: "No such elder in your scope", content: json(ref("Error")) },
          ...ambiguous
        }
      }
    },
    "/v1/elders/{elderId}/assignments": {
      post: {
        operationId: "addAssignment",
        summary: "Name a responsible visitor or a pairing (结对帮扶) from a date (audited; role caseworker or officer)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }, regionParam],
        requestBody: { required: true, content: json(ref("AssignmentRequest")) },
        responses: { "201": { description: "Assigned: the new revision", content: json(ref("AssignmentResult")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, "409": { description: "Refused by the ledger (the id exists, the dates are wrong)", content: json(ref("Error")) }, ...bodyErrors }
      }
    },
    "/v1/elders/{elderId}/assignments/{assignmentId}/end": {
      post: {
        operationId: "endAssignment",
        summary: "End a responsible visitor or a pairing on its last day (kept with its dates; audited)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }, { name: "assignmentId", in: "path", required: true, schema: { type: "string" } }, regionParam],
        requestBody: { required: true, content: json(ref("EndAssignmentRequest")) },
        responses: { "200": { description: "Ended: the new revision", content: json(ref("AssignmentResult")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, "409": { description: "Refused by the ledger (no such assignment, already ended, ends before it starts)", content: json(ref("Error")) }, ...bodyErrors }
      }
    },
    "/v1/elders/{elderId}/ledger-events": {
      post: {
        operationId: "recordLedgerEvent",
        summary: "Record an elder's entry into or exit from the active ledger, with its date and a reason the governing policy declares (audited; role caseworker or officer; nothing is deleted)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: json(ref("LedgerEvent")) },
        responses: { "201": { description: "Recorded: the new revision", content: json(ref("LedgerEventResult")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, "409": { description: "Refused by the ledger (out of date order, an exit after an exit, an entry while in the ledger)", content: json(ref("Error")) }, ...errors }
      }
    },
    "/v1/ledger-events": { get: { operationId: "listLedgerEvents", summary: "Entries into and exits from the active ledger dated within a period, by date", parameters: [regionParam, { ...dateParam("from", "first day (inclusive)"), required: true }, dateParam("to", "last day (inclusive); default today")], responses: { "200": { description: "Entries and exits", content: json(ref("LedgerEventPage")) }, ...errors } } },
    "/v1/elders/{elderId}/services": {
      post: {
        operationId: "recordService",
        summary: "Record a care service delivered to an elder: a kind the governing policy declares, its date, who delivered it, through which program or organisation (audited; role visitor, caseworker or officer; the note is never logged)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }, regionParam],
        requestBody: { required: true, content: json(ref("ServiceRecord")) },
        responses: { "201": { description: "Recorded: the new revision", content: json(ref("ServiceResult")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, ...bodyErrors }
      }
    },
    "/v1/services": {
      get: {
        operationId: "countServices",
        summary: "Care services received in a region and period, counted per kind (and per county, township, village or elder with by)",
        parameters: [regionParam, { ...dateParam("from", "first day (inclusive)"), required: true }, dateParam("to", "last day (inclusive); default today"), { name: "by", in: "query", required: false, schema: { enum: ["county", "township", "village", "elder"] } }],
        responses: { "200": { description: "Counts per kind", content: json(ref("ServiceCounts")) }, ...errors }
      }
    },
    "/v1/worklist": { get: { operationId: "getWorklist", summary: "A person's worklist: the elders assigned to them on a date, overdue and due visits first (names masked)", parameters: [{ name: "person", in: "query", required: true, schema: { type: "string" } }, regionParam, dateParam("asOf", "default today")], responses: { "200": { description: "The worklist", content: json(ref("Worklist")) }, ...errors } } },
    "/v1/recheck": { get: { operationId: "getRecheckList", summary: "The re-check worklist (ledger upkeep, §1): per village, the elders whose facts are stale or unknown and what to ask each", parameters: [{ ...regionParam, required: true }, dateParam("asOf", "default today")], responses: { "200": { description: "Villages with elders to check", content: json(ref("RecheckList")) }, ...errors } } },
    "/v1/indicators": {
      get: {
        operationId: "getIndicators",
        summary: "The evaluation indicators (考评, §10) of a region for a period: each indicator's numerator and denominator per region, by risk level, the trend over calendar periods and the township rankings, from the ledger as it stood at the as-of date",
        parameters: [
          { ...regionParam, required: true },
          { ...dateParam("from", "first day of the period (inclusive)"), required: true },
          { ...dateParam("to", "last day of the period (inclusive)"), required: true },
          dateParam("asOf", "read the ledger as it stood at the end of this day; on or after to; default today (or to, when later)"),
          { name: "period", in: "query", required: false, description: "the periods of the trend; default quarter", schema: { enum: ["month", "quarter", "half-year", "year"] } }
        ],
        responses: { "200": { description: "The indicators", content: json(ref("IndicatorReport")) }, ...errors }
      }
    },
    "/v1/visits-due": { get: { operationId: "listVisitsDue", summary: "Visits due or overdue by a date", parameters: [regionParam, dateParam("dueBy", "default today"), limitParam], responses: { "200": { description: "Visits due", content: json(ref("VisitDuePage")) }, ...errors } } },
    "/v1/assessments-due": { get: { operationId: "listAssessmentsDue", summary: "Risk assessments due or overdue by a date", parameters: [regionParam, dateParam("dueBy", "default today"), limitParam], responses: { "200": { description: "Assessments due", content: json(ref("AssessmentDuePage")) }, ...errors } } },
    "/v1/referrals": {
      get: { operationId: "listReferrals", summary: "Referral cases in a state", parameters: [regionParam, { name: "state", in: "query", required: true, schema: { type: "string" } }, limitParam], responses: { "200": { description: "Referral cases", content: json(ref("ReferralPage")) }, ...errors } },
      post: { operationId: "openReferral", summary: "Open a referral case (audited)", requestBody: { required: true, content: json(ref("OpenReferralRequest")) }, responses: { "201": { description: "Opened", content: json(ref("ReferralCase")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, "409": { description: "Refused by the workflow or the ledger", content: json(ref("Error")) }, ...bodyErrors } }
    },
    "/v1/referrals/{caseId}": { get: { operationId: "getReferral", summary: "One referral case with its history", parameters: [{ name: "caseId", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The case", content: json(ref("ReferralCase")) }, "404": { description: "No such case in your scope", content: json(ref("Error")) }, ...errors } } },
    "/v1/referrals/{caseId}/transitions": {
      post: {
        operationId: "transitionReferral",
        summary: "Move a referral case through its workflow (audited)",
        parameters: [{ name: "caseId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: json(ref("TransitionRequest")) },
        responses: { "200": { description: "The case after the transition", content: json(ref("ReferralCase")) }, "404": { description: "No such case in your scope", content: json(ref("Error")) }, "409": { description: "The workflow does not allow it", content: json(ref("Error")) }, ...bodyErrors }
      }
    },
    "/v1/report": { get: { operationId: "getReport", summary: "The region report (self-contained HTML)", parameters: [regionParam, dateParam("asOf", "default today"), { name: "lang", in: "query", required: false, schema: { enum: ["zh", "en"] } }], responses: { "200": { description: "HTML", content: { "text/html": { schema: { type: "string" } } } }, ...errors } } }
  },
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: jsonSchemas().components }
})
