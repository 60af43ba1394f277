// A CommonJS application: require() of the ESM-only packages (Node ^20.19 / >=22.12).
const { Decode, Engine, Loader } = require("@liushou/core")
const { national } = require("@liushou/policy-national")
const { hunan } = require("@liushou/policy-hunan")
const cases = require("./hunan-villages.json")

const engine = Engine.make(Loader.load([national, hunan]))
let ok = 0
for (const input of cases) {
  const decoded = Decode.caseFile(input)
  if (decoded.ok && engine.evaluate(decoded.value, "2019-06-30").ok) ok++
}
if (ok !== cases.length) throw new Error(`evaluated ${ok} of ${cases.length}`)
console.log(`consumer (CommonJS): evaluated ${ok} case files`)
