/**
 * Writes examples/data/hunan-villages.json: 60 case files from Hunan villages with varied
 * situations, as of mid-2019 (inside 湘民发〔2018〕30号's validity), and
 * examples/data/invalid-cases.jsonl: records with typical mistakes, to show decoding errors.
 * Deterministic: run `pnpm exec tsx examples/data/generate.ts` to rebuild.
 * Names, ID numbers and phones are invented (ID numbers carry valid check characters).
 */
import { writeFileSync } from "node:fs"
import { CalendarDate, Decode, IdNumber } from "../../packages/core/src/index.js"

let seed = 20190630
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rand() * xs.length)]!

const VILLAGES = [
  "430121101201", "430121101203", "430121104212", "430121106205", // 长沙县
  "430181103204", "430181112218", "430181120201", // 浏阳市
  "431224105210", "431224108203", // 溆浦县
  "433127102207", "433127109215", // 永顺县
  "430523104206", "430523111202" // 邵阳县
]
const SURNAMES = ["张", "李", "王", "刘", "陈", "杨", "周", "黄", "彭", "谭", "邓", "罗", "唐", "曾", "向", "田"]
const GIVEN_F = ["桂英", "秀兰", "春花", "冬梅", "玉兰", "淑珍", "翠娥", "满姣", "凤英", "金莲"]
const GIVEN_M = ["建国", "德华", "志强", "长生", "有财", "光明", "福生", "国庆", "万里", "运来"]
const RELATIVES = ["niece", "nephew", "brother", "sister", "neighbor's son"]

type Supporter = { id: string; relation: string; whereabouts: string; awaySince: string | null; reportedToVillage: boolean; lastContact: string | null; phone?: string }
type Case = Record<string, unknown> & { elder: Record<string, unknown>; supporters: Array<Supporter> }

let n = 0
const make = (o: {
  age?: number
  sex?: "male" | "female"
  village?: string
  living?: string
  ability?: string
  ill?: boolean
  grade?: number | null
  income?: number
  receiving?: Array<string>
  sources?: Array<string>
  supporters?: Array<Partial<Supporter> & { relation: string; whereabouts: string }>
  carer?: boolean
  visits?: Array<{ date: string; mode: string; by: string; concerns: Array<string> }>
  assessed?: Array<{ date: string; level: string }>
  rural?: boolean
  housing?: string
  categories?: Array<string>
  birthDate?: string
  note: string
}): Case & { note: string } => {
  n++
  const sex = o.sex ?? pick(["male", "female"] as const)
  const age = o.age ?? 60 + Math.floor(rand() * 30)
  const birthDate = o.birthDate ?? CalendarDate.make(2019 - age - 1, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))
  const village = o.village ?? pick(VILLAGES)
  const name = pick(SURNAMES) + (sex === "female" ? pick(GIVEN_F) : pick(GIVEN_M))
  const seq = 100 + Math.floor(rand() * 400) * 2 + (sex === "male" ? 1 : 0)
  const supporters = (o.supporters ?? []).map((s, i) => ({
    id: `S${i + 1}`,
    relation: s.relation,
    whereabouts: s.whereabouts,
    awaySince: s.awaySince !== undefined ? s.awaySince : s.whereabouts === "with-elder" ? null : CalendarDate.make(2012 + Math.floor(rand() * 6), 1 + Math.floor(rand() * 12), 1),
    reportedToVillage: s.reportedToVillage ?? rand() > 0.25,
    lastContact: s.lastContact !== undefined ? s.lastContact : CalendarDate.addDays("2019-06-30", -Math.floor(rand() * 120)),
    ...(rand() > 0.5 ? { phone: `13${Math.floor(100000000 + rand() * 899999999)}` } : {})
  }))
  const elder: Record<string, unknown> = {
    id: `HN-${String(n).padStart(4, "0")}`,
    name,
    idNumber: IdNumber.make(village.slice(0, 6), birthDate, seq),
    sex,
    birthDate,
    regionCode: village,
    rural: o.rural ?? true,
    livingArrangement: o.living ?? "alone",
    ability: o.ability ?? "intact",
    seriousIllness: o.ill ?? false,
    disabilityGrade: o.grade ?? null,
    annualIncome: o.income ?? 3000 + Math.round(rand() * 90) * 100,
    incomeSources: o.sources ?? ["farming", "children"],
    receiving: o.receiving ?? []
  }
  if (o.housing !== undefined) elder.housingSafety = o.housing
  if (o.categories !== undefined) elder.categories = o.categories
  return {
    note: o.note,
    elder,
    supporters,
    delegatedCarer: o.carer ? { name: pick(SURNAMES) + pick(GIVEN_M), relation: pick(RELATIVES), since: "2018-03-01" } : null,
    visits: o.visits ?? [{ date: CalendarDate.addDays("2019-06-30", -Math.floor(rand() * 100)), mode: pick(["home", "phone", "home"]), by: "village-committee", concerns: [] }],
    riskAssessments: o.assessed ?? [{ date: "2018-11-15", level: "low" }]
  }
}

const away = (since = "2016-03-01") => ({ relation: "son", whereabouts: "out-of-county", awaySince: since })
const cases = [
  make({ age: 60, sex: "female", living: "alone", income: 4800, receiving: ["dibao"], supporters: [away("2018-03-01")], carer: true, note: "the issue's example: 60, alone, son out of the county since 2018-03, receives dibao" }),
  make({ age: 72, living: "with-spouse", supporters: [away(), { relation: "daughter", whereabouts: "out-of-county", awaySince: "2015-09-01" }, { relation: "spouse", whereabouts: "with-elder", awaySince: null }], carer: true, note: "spouse at home: still left behind (a spouse owes maintenance, not support)" }),
  make({ age: 68, supporters: [{ relation: "son", whereabouts: "in-county", awaySince: "2014-05-01" }], note: "son works in the county town: left behind nationally, not in Hunan (away from the county)" }),
  make({ age: 75, living: "with-relatives", supporters: [{ relation: "son", whereabouts: "with-elder" }, away()], note: "one son at home: not left behind" }),
  make({ age: 81, living: "alone", supporters: [], note: "no children or other supporters: not left behind (empty-nest), a case for other programs" }),
  make({ age: 59, birthDate: "1959-07-01", supporters: [away()], note: "turns 60 the day after the as-of date 2019-06-30: not yet" }),
  make({ age: 60, birthDate: "1959-06-30", supporters: [away()], carer: true, note: "60th birthday on the as-of date: counts (以上 includes the boundary)" }),
  make({ age: 66, supporters: [away("2019-01-15")], note: "son left 2019-01-15: under six months at 2019-06-30" }),
  make({ age: 66, supporters: [away("2018-12-31")], carer: true, note: "son left 2018-12-31: exactly six months at 2019-06-30 (半年以上 includes it)" }),
  make({ age: 70, supporters: [{ relation: "son", whereabouts: "out-of-county", awaySince: null }], note: "when the son left is unknown: left-behind status null, the reason names the field" }),
  make({ age: 77, rural: false, supporters: [away()], note: "lives in a town, not rural" }),
  make({ age: 86, living: "alone", ability: "severe", ill: true, grade: 2, income: 2600, receiving: ["dibao", "disability-living-subsidy"], supporters: [away(), { relation: "daughter", whereabouts: "out-of-county", awaySince: "2010-02-01", lastContact: "2019-01-20" }], note: "86, alone, severely impaired and seriously ill, no one at home: high risk, carer-at-home unmet" }),
  make({ age: 79, visits: [{ date: "2019-06-10", mode: "home", by: "village-committee", concerns: ["abuse"] }], supporters: [away(), { relation: "daughter-in-law", whereabouts: "out-of-county" }], note: "abuse concern at the last visit: referral to public security, law-enforcement step" }),
  make({ age: 74, visits: [{ date: "2019-05-02", mode: "phone", by: "neighbor", concerns: ["neglect", "loneliness"] }], supporters: [{ ...away(), lastContact: "2018-10-01", reportedToVillage: false }], note: "neglect: no contact for eight months, whereabouts not reported" }),
  make({ age: 83, living: "alone", income: 1900, receiving: [], supporters: [away()], housing: "unsafe", note: "very low income, not receiving dibao, unsafe housing" }),
  make({ age: 65, birthDate: "1954-03-10", ability: "intact", income: 9000, supporters: [away()], carer: true, receiving: ["health-management"], note: "65: health management (§10) already received" }),
  make({ age: 64, supporters: [away()], carer: true, note: "64: not yet eligible for 65+ health management" }),
  make({ age: 90, living: "alone", ability: "total", ill: true, grade: 1, receiving: ["dibao", "disability-care-subsidy", "disability-living-subsidy"], supporters: [away(), away("2013-01-01")], carer: true, note: "90, total loss of ability, grade 1 disability" }),
  make({ age: 70, living: "with-grandchildren", supporters: [away(), { relation: "grandchild", whereabouts: "with-elder" }], note: "a grandchild at home carries a duty of support: not left behind" }),
  make({ age: 67, categories: ["extreme-poverty"], receiving: ["dibao"], supporters: [away()], note: "registered in extreme poverty (特困)" }),
  make({ age: 73, visits: [], assessed: [], supporters: [away()], note: "never visited, never assessed" }),
  make({ age: 71, assessed: [{ date: "2017-05-01", level: "medium" }], supporters: [away()], note: "last risk assessment over a year ago: overdue" }),
  make({ age: 78, ill: true, visits: [{ date: "2019-06-20", mode: "video", by: "social-worker", concerns: ["health"] }], supporters: [away()], note: "health concern at a recent video visit: extra visit, referral to health" }),
  make({ age: 62, supporters: [{ relation: "daughter", whereabouts: "out-of-county", awaySince: "2017-08-31" }, { relation: "son-in-law", whereabouts: "out-of-county", awaySince: "2017-08-31" }], income: 12000, sources: ["children", "pension"], note: "younger, comfortable income, daughter and son-in-law away" }),
  make({ age: 88, ability: "moderate", living: "with-spouse", supporters: [away(), { relation: "spouse", whereabouts: "with-elder" }], receiving: ["elderly-service-subsidy"], note: "88 with spouse, moderately impaired" }),
  make({ age: 69, visits: [{ date: "2019-06-01", mode: "home", by: "village-committee", concerns: ["legal"] }], supporters: [away()], note: "legal concern (land dispute): legal aid referral" }),
  make({ age: 84, living: "alone", housing: "at-risk", supporters: [away(), away("2009-04-01")], note: "84 alone, housing at risk" })
]
const situations = ["alone", "alone", "with-spouse", "with-grandchildren", "with-relatives", "other"]
const abilities = ["intact", "intact", "intact", "mild", "mild", "moderate", "severe", "total"]
const programsPool = ["dibao", "medical-assistance", "poverty-registration", "elderly-service-subsidy", "temporary-assistance"]
while (cases.length < 60) {
  const ability = pick(abilities)
  const supporters = Array.from({ length: Math.floor(rand() * 4) }, () =>
    rand() > 0.8
      ? { relation: pick(["son", "daughter"]), whereabouts: pick(["with-elder", "in-county"]) }
      : { relation: pick(["son", "daughter", "son", "daughter-in-law", "son-in-law"]), whereabouts: "out-of-county" }
  )
  const receiving = programsPool.filter(() => rand() > 0.8)
  cases.push(
    make({
      living: pick(situations),
      ability,
      ill: rand() > 0.85,
      grade: ability === "severe" || ability === "total" ? pick([1, 2, null]) : rand() > 0.9 ? pick([3, 4]) : null,
      receiving,
      supporters,
      carer: rand() > 0.4,
      ...(rand() > 0.8 ? { housing: pick(["safe", "at-risk", "unsafe"]) } : {}),
      note: "mixed situation"
    })
  )
}

for (const [i, c] of cases.entries()) {
  const { note: _note, ...cf } = c
  const r = Decode.caseFile(cf, i)
  if (!r.ok) throw new Error(Decode.formatError(r.error))
}
writeFileSync(new URL("./hunan-villages.json", import.meta.url), JSON.stringify(cases.map(({ note: _n, ...cf }) => cf), null, 2) + "\n")
writeFileSync(
  new URL("./hunan-villages.notes.md", import.meta.url),
  "# What each example case shows\n\nGenerated by `generate.ts` (as of 2019-06-30).\n\n| elder | situation |\n| --- | --- |\n" +
    cases.map((c) => `| ${String(c.elder.id)} | ${c.note} |`).join("\n") +
    "\n"
)
// Records with typical ledger mistakes: each should be rejected with a clear error.
const good = cases[0]!
const { note: _x, ...base } = good
const bad = [
  { ...base, elder: { ...base.elder, id: "BAD-1", birthDate: "1959-02-30" } },
  { ...base, elder: { ...base.elder, id: "BAD-2", regionCode: "4301211012" } },
  { ...base, elder: { ...base.elder, id: "BAD-3", idNumber: "430121195901010021" } },
  { ...base, elder: { ...base.elder, id: "BAD-4", annualIncome: -200, ability: "weak" } },
  { ...base, elder: { ...base.elder, id: "BAD-5" }, supporters: [{ ...base.supporters[0]!, relation: "uncle", whereabouts: "abroad" }] },
  { ...base, elder: { ...base.elder, id: "BAD-6", annualIncom: 3000 } }
]
writeFileSync(new URL("./invalid-cases.jsonl", import.meta.url), bad.map((b) => JSON.stringify(b)).join("\n") + "\n{not json\n")
process.stdout.write(`wrote ${cases.length} case files and ${bad.length + 1} invalid records\n`)
