// Memory over many calls (not a test): RSS and V8 heap every million calls of keynet.validate on
// the 500 sample forms, objects and JSON text alternating, then validateMany rounds. Flat means
// no leak across the binding (strings, findings, the panic guard).
//
//   node --expose-gc bench/memory.mjs [--calls 10000000]
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const HERE = import.meta.dirname
const native = join(HERE, '.native', 'keynet.linux-x64-gnu.node')
const keynet = existsSync(native) ? require(native) : require('..')
const i = process.argv.indexOf('--calls')
const CALLS = i >= 0 ? Number(process.argv[i + 1]) : 10_000_000
const STEP = Math.min(1_000_000, CALLS)
const lines = readFileSync(join(HERE, '..', '..', 'examples', 'data', 'sample.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
const objects = lines.map((l) => JSON.parse(l))
const gc = globalThis.gc ?? (() => {})
const mb = (n) => (n / (1 << 20)).toFixed(1)
const rows = []
const sample = (calls, t0) => {
  gc()
  const m = process.memoryUsage()
  rows.push({ calls, rss_mib: mb(m.rss), heap_used_mib: mb(m.heapUsed), external_mib: mb(m.external), seconds: ((Date.now() - t0) / 1000).toFixed(0) })
  console.log(JSON.stringify(rows.at(-1)))
}
const t0 = Date.now()
sample(0, t0)
let findings = 0
for (let n = 0; n < CALLS;) {
  for (let k = 0; k < STEP && n < CALLS; k += 1, n += 1) {
    const j = n % lines.length
    findings += keynet.validate(n & 1 ? lines[j] : objects[j]).length
  }
  sample(n, t0)
}
const batch = Buffer.from(lines.join('\n'))
for (let r = 0; r < 200; r += 1) findings += keynet.validateMany(batch).length
sample(CALLS + 200 * lines.length, t0)
console.log(`\n${CALLS.toLocaleString('en')} validate calls + 200 validateMany batches; ${findings} results`)
console.log('| calls | RSS | V8 heap used | external | s |\n|---|---|---|---|---|')
for (const r of rows) console.log(`| ${r.calls.toLocaleString('en')} | ${r.rss_mib} MiB | ${r.heap_used_mib} MiB | ${r.external_mib} MiB | ${r.seconds} |`)
