// keynet (Node binding) against zod 4 with the same rules (zod-schema.mjs), side by side in one
// run: per object, and on an NDJSON batch. Not a test. Run with the release addon:
//
//   cd bindings-node
//   node_modules/.bin/napi build --platform --release --output-dir bench/.native --no-js
//   node bench/bench.mjs [--rounds 40] [--batch-copies 40]
//
// Data: the 500 seeded forms of examples/data/sample.jsonl (messy and invalid shares included).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { arch, availableParallelism, cpus, loadavg, platform } from 'node:os'
import { join } from 'node:path'

import { formSchema, registrable } from './zod-schema.mjs'

const require = createRequire(import.meta.url)
const HERE = import.meta.dirname
const REPO = join(HERE, '..', '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const ROUNDS = arg('rounds', 40)
const COPIES = arg('batch-copies', 40)
const BATCH_RUNS = arg('batch-runs', 7)

const native = join(HERE, '.native', 'keynet.linux-x64-gnu.node')
const release = existsSync(native)
const keynet = release ? require(native) : require('..')
if (!release) console.warn('warning: bench/.native has no release build; timing the debug addon (see the header)')

const lines = readFileSync(join(REPO, 'examples', 'data', 'sample.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
const objects = lines.map((l) => JSON.parse(l))

// --- the two agree on the verdict (an honesty check, not a timing) ------------------------------
let agree = 0
for (const o of objects) {
  const k = !keynet.validate(o).some((f) => f.severity === 'error')
  if (k === registrable(formSchema.safeParse(o))) agree += 1
}

// --- per object -----------------------------------------------------------------------------------
const now = process.hrtime.bigint
const contenders = {
  'keynet.validate(object)': (i) => keynet.validate(objects[i]),
  'keynet.validate(json text)': (i) => keynet.validate(lines[i]),
  // The binding floor: the object read into the core's input as validate reads it, no rules.
  'binding floor: keynet._readFormOnly(object)': (i) => keynet._readFormOnly(objects[i]),
  'binding floor: keynet._readFormOnly(json text)': (i) => keynet._readFormOnly(lines[i]),
  'zod safeParse(object)': (i) => formSchema.safeParse(objects[i]),
  'zod JSON.parse + safeParse': (i) => formSchema.safeParse(JSON.parse(lines[i])),
}
const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
for (let warm = 0; warm < 3; warm += 1) for (const fn of Object.values(contenders)) for (let i = 0; i < lines.length; i += 1) fn(i)
for (let r = 0; r < ROUNDS; r += 1) {
  for (const [name, fn] of Object.entries(contenders)) {
    const out = samples[name]
    for (let i = 0; i < lines.length; i += 1) {
      const t0 = now()
      fn(i)
      out.push(Number(now() - t0))
    }
  }
}
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
const perObject = Object.fromEntries(Object.entries(samples).map(([name, ns]) => {
  const s = Float64Array.from(ns).sort()
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length
  return [name, { median_us: pct(s, 0.5) / 1000, p90_us: pct(s, 0.9) / 1000, p99_us: pct(s, 0.99) / 1000, mean_us: mean / 1000, calls: ns.length }]
}))

// --- NDJSON batch ---------------------------------------------------------------------------------
const ndjson = Buffer.from(Array.from({ length: COPIES }, () => lines.join('\n')).join('\n') + '\n', 'utf8')
const batchLines = lines.length * COPIES
const zodBatch = (buf) => {
  const text = buf.toString('utf8')
  const out = []
  let line = 0
  for (const l of text.split('\n')) {
    line += 1
    if (!l.trim()) continue
    let parsed
    try {
      parsed = JSON.parse(l)
    } catch (e) {
      out.push({ line, error: e.message })
      continue
    }
    const r = formSchema.safeParse(parsed)
    out.push({ line, registrable: registrable(r), issues: r.success ? [] : r.error.issues })
  }
  return out
}
const THREADS = Math.min(8, availableParallelism())
const batch = {
  'keynet.validateMany(Buffer), 1 thread': () => keynet.validateMany(ndjson, { threads: 1 }),
  [`keynet.validateMany(Buffer), ${THREADS} threads (default)`]: () => keynet.validateMany(ndjson),
  'zod: split + JSON.parse + safeParse': () => zodBatch(ndjson),
}
const batchTimes = Object.fromEntries(Object.keys(batch).map((k) => [k, []]))
for (const fn of Object.values(batch)) fn()
for (let r = 0; r < BATCH_RUNS; r += 1) {
  for (const [name, fn] of Object.entries(batch)) {
    const t0 = now()
    const out = fn()
    batchTimes[name].push(Number(now() - t0) / 1e6)
    if (out.length !== batchLines) throw new Error(`${name}: ${out.length} results for ${batchLines} lines`)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mib = ndjson.length / (1 << 20)
const batchResult = Object.fromEntries(Object.entries(batchTimes).map(([name, ms]) => {
  const m = median(ms)
  return [name, { median_ms: m, forms_per_s: Math.round(batchLines / (m / 1000)), mib_per_s: mib / (m / 1000) }]
}))
const [kOne, kDefault, zBatch] = Object.values(batchResult)

const summary = {
  node: process.version, platform: `${platform()}-${arch()}`, cpu: cpus()[0]?.model, addon: release ? 'release' : 'debug',
  zod: require('zod/package.json').version,
  forms: lines.length, verdicts_agree: `${agree}/${lines.length}`,
  per_object: perObject,
  batch: { lines: batchLines, mib: Number(mib.toFixed(2)), runs: BATCH_RUNS, ...batchResult },
  batch_speedup_vs_zod_1_thread: Number((zBatch.median_ms / kOne.median_ms).toFixed(2)),
  batch_speedup_vs_zod_default: Number((zBatch.median_ms / kDefault.median_ms).toFixed(2)),
  load_average: loadavg().map((x) => Number(x.toFixed(2))),
}
console.log(JSON.stringify(summary, null, 2))
console.log('\n| per object (500 forms × %d rounds) | median | p90 | p99 | mean |', ROUNDS)
console.log('|---|---|---|---|---|')
for (const [name, r] of Object.entries(perObject)) {
  console.log(`| ${name} | ${r.median_us.toFixed(2)} µs | ${r.p90_us.toFixed(2)} µs | ${r.p99_us.toFixed(2)} µs | ${r.mean_us.toFixed(2)} µs |`)
}
console.log(`\n| NDJSON batch (${batchLines} lines, ${mib.toFixed(2)} MiB, median of ${BATCH_RUNS}) | time | forms/s | MiB/s |`)
console.log('|---|---|---|---|')
for (const [name, r] of Object.entries(batchResult)) {
  console.log(`| ${name} | ${r.median_ms.toFixed(1)} ms | ${r.forms_per_s.toLocaleString('en')} | ${r.mib_per_s.toFixed(1)} |`)
}
console.log(`\nbatch: keynet is ${summary.batch_speedup_vs_zod_1_thread}× zod on 1 thread, ${summary.batch_speedup_vs_zod_default}× with ${THREADS}; verdicts agree on ${summary.verdicts_agree} forms; load average ${summary.load_average.join(' ')}`)
