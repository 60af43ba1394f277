/**
 * Request and response bodies of the HTTP API, defined with Effect Schema (the case file and
 * visit schemas are core's own), and the OpenAPI 3.1 document generated from their JSON Schema.
 */
import { CaseFile } from "@liushou/core"
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

/** Every error response. */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    code: Schema.String.annotate({ description: "unauthorized, forbidden, out-of-scope, bad-region, not-found, invalid-body, invalid-query, refused-by-workflow, ..." }),
    message: Text,
    issues: Schema.optionalKey(
      Schema.Array(Schema.Struct({ path: Schema.String.annotate({ description: "Field path, e.g. caseFiles[0].elder.birthDate" }), expected: Text, found: Schema.String }))
    )
  })
}).annotate({ identifier: "Error" })

/** The user the token belongs to (GET /v1/me). */
export const Me = Schema.Struct({ name: Schema.String, role: Schema.Literals(ROLES), region: Schema.NullOr(Schema.String) }).annotate({ identifier: "Me" })

const jsonSchemas = (): { components: Record<string, unknown> } => {
  const components: Record<string, unknown> = {}
  for (const s of [EvaluateRequest, VisitRequest, OpenReferralRequest, TransitionRequest, ErrorBody, Me, CaseFile.CaseFile] as const) {
    const doc = Schema.toJsonSchemaDocument(s as Schema.Top)
    Object.assign(components, doc.definitions)
    const ref = (doc.schema as { $ref?: string }).$ref
    if (ref === undefined) components[((s as Schema.Top).ast.annotations?.identifier as string | undefined) ?? "Anonymous"] = doc.schema
  }
  return { components: JSON.parse(JSON.stringify(components).replaceAll("#/$defs/", "#/components/schemas/")) }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ "application/json": { schema } })
const errors = {
  "400": { description: "Invalid request (the field path is named)", content: json(ref("Error")) },
  "401": { description: "No or unknown bearer token", content: json(ref("Error")) },
  "403": { description: "Role or region scope does not allow it", content: json(ref("Error")) }
}
const regionParam = { name: "region", in: "query", required: false, description: "Region code (2/4/6/9/12 digits) inside your scope; default your whole scope", schema: { type: "string", pattern: "^(\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12})$" } }
const dateParam = (name: string, description: string) => ({ name, in: "query", required: false, description, schema: { type: "string", format: "date" } })
const limitParam = { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 5000, default: 500 } }
const list = { type: "object", properties: { items: { type: "array", items: { type: "object" } } }, required: ["items"] }

/** The OpenAPI 3.1 document of the API. */
export const openApi = (version: string): unknown => ({
  openapi: "3.1.0",
  info: {
    title: "liushou host API",
    version,
    description: "Evaluate case files, query the ledger of left-behind elders, record visits and referral transitions, fetch reports. Every request is checked against the token's role and region scope."
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  paths: {
    "/v1/me": { get: { summary: "Who the token belongs to", responses: { "200": { description: "The user", content: json(ref("Me")) }, ...errors } } },
    "/v1/evaluate": {
      post: {
        summary: "Evaluate case files at a date (nothing stored)",
        requestBody: { required: true, content: json(ref("EvaluateRequest")) },
        responses: { "200": { description: "Evaluations (with reasons and provenance) and the case files refused, by position", content: json({ type: "object", properties: { evaluations: { type: "array", items: { type: "object" } }, errors: { type: "array", items: { type: "object" } } } }) }, ...errors }
      }
    },
    "/v1/elders": { get: { summary: "Elders in a region with their latest status", parameters: [regionParam, limitParam, { name: "after", in: "query", required: false, description: "regionCode/elderId of the last item of the previous page", schema: { type: "string" } }], responses: { "200": { description: "A page of elders", content: json(list) }, ...errors } } },
    "/v1/elders/{elderId}": { get: { summary: "One elder's current case file (personal data masked unless ?unmasked=true for officers)", parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The case file", content: json(ref("CaseFile")) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, ...errors } } },
    "/v1/elders/{elderId}/visits": {
      post: {
        summary: "Record a visit (audited)",
        parameters: [{ name: "elderId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: json(ref("Visit")) },
        responses: { "201": { description: "Recorded", content: json({ type: "object" }) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, ...errors }
      }
    },
    "/v1/visits-due": { get: { summary: "Visits due or overdue by a date", parameters: [regionParam, dateParam("dueBy", "default today"), limitParam], responses: { "200": { description: "Visits due", content: json(list) }, ...errors } } },
    "/v1/assessments-due": { get: { summary: "Risk assessments due or overdue by a date", parameters: [regionParam, dateParam("dueBy", "default today"), limitParam], responses: { "200": { description: "Assessments due", content: json(list) }, ...errors } } },
    "/v1/referrals": {
      get: { summary: "Referral cases in a state", parameters: [regionParam, { name: "state", in: "query", required: true, schema: { type: "string" } }, limitParam], responses: { "200": { description: "Referral cases", content: json(list) }, ...errors } },
      post: { summary: "Open a referral case (audited)", requestBody: { required: true, content: json(ref("OpenReferralRequest")) }, responses: { "201": { description: "Opened", content: json({ type: "object" }) }, "404": { description: "No such elder in your scope", content: json(ref("Error")) }, "409": { description: "Refused by the workflow or the ledger", content: json(ref("Error")) }, ...errors } }
    },
    "/v1/referrals/{caseId}": { get: { summary: "One referral case with its history", parameters: [{ name: "caseId", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The case", content: json({ type: "object" }) }, "404": { description: "No such case in your scope", content: json(ref("Error")) }, ...errors } } },
    "/v1/referrals/{caseId}/transitions": {
      post: {
        summary: "Move a referral case through its workflow (audited)",
        parameters: [{ name: "caseId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: json(ref("TransitionRequest")) },
        responses: { "200": { description: "The case after the transition", content: json({ type: "object" }) }, "404": { description: "No such case in your scope", content: json(ref("Error")) }, "409": { description: "The workflow does not allow it", content: json(ref("Error")) }, ...errors }
      }
    },
    "/v1/report": { get: { summary: "The region report (self-contained HTML)", parameters: [regionParam, dateParam("asOf", "default today"), { name: "lang", in: "query", required: false, schema: { enum: ["zh", "en"] } }], responses: { "200": { description: "HTML", content: { "text/html": { schema: { type: "string" } } } }, ...errors } } },
    "/openapi.json": { get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } } } }
  },
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: jsonSchemas().components }
})
