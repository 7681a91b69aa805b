// The browser build (dist/keynet-browser.js) against zod 4 with the same rules (zod-rules.mjs, the
// contender of bench.mjs), per object, in one headless Chromium page (Debian's chromium driven by
// playwright-core, as browser-test/ does). Not a test: it prints figures from one run.
//
//   bash scripts/build-browser.sh          # the bundle (the wasm profile: panic=abort, opt-level=s, lto)
//   cd bindings-node
//   node bench/browser-vs-zod.mjs [--rounds 30] [--forms 500] [--json] [--bundle <keynet-browser.js>]
//
// `--bundle` times another build of the bundle (another profile, say) instead of dist/'s.
//
// Before timing, both judge every sample form (registrable or not) and must agree on each; the
// run stops otherwise. A page's clock is coarse (performance.now() is rounded to 100 µs outside a
// cross-origin-isolated page), so each contender is timed over a whole round of the forms and the
// time per object is that round's time divided by the forms; rounds alternate the contenders and
// the median round is reported. Data: the seeded forms of examples/data/sample.jsonl.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { extname, join, normalize } from 'node:path'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')

const HERE = import.meta.dirname
const NODE_DIR = join(HERE, '..')
const REPO = join(NODE_DIR, '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const ROUNDS = arg('rounds', 30)
const FORMS = arg('forms', 500)
const JSON_ONLY = process.argv.includes('--json')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const bundleAt = process.argv.indexOf('--bundle')
const BUNDLE = bundleAt >= 0 ? process.argv[bundleAt + 1] : join(NODE_DIR, 'dist', 'keynet-browser.js')
if (!existsSync(BUNDLE)) throw new Error(`no ${BUNDLE}: run bash scripts/build-browser.sh first`)
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM=<path>`)
if (!(ROUNDS >= 1 && FORMS >= 1)) throw new Error('--rounds and --forms are counts of at least 1')

const lines = readFileSync(join(REPO, 'examples', 'data', 'sample.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).slice(0, FORMS)

// The page is served from a made-up origin by playwright's routing (nothing leaves the machine):
// ES modules do not load from file:// pages.
const ORIGIN = 'http://keynet-bench.invalid'
const FILES = {
  '/keynet-browser.js': BUNDLE,
  '/zod-rules.mjs': join(HERE, 'zod-rules.mjs'),
  '/prefectures.tsv': join(REPO, 'core', 'data', 'prefectures.tsv'),
  '/municipalities.tsv': join(REPO, 'core', 'data', 'municipalities.tsv'),
}
const ZOD = join(NODE_DIR, 'node_modules', 'zod')
const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {"zod": "/zod/index.js"}}</script>
<script src="/keynet-browser.js"></script>
<script type="module">
  import { formSchema, loadReferenceData, registrable } from '/zod-rules.mjs'
  const text = async (p) => (await fetch(p)).text()
  loadReferenceData(await text('/prefectures.tsv'), await text('/municipalities.tsv'))
  window.contender = { formSchema, registrable }
</script></head><body></body></html>`
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.tsv': 'text/plain; charset=utf-8' }

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
try {
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/') return route.fulfill({ body: PAGE, contentType: 'text/html; charset=utf-8' })
    let file = FILES[path]
    if (!file && path.startsWith('/zod/')) {
      file = normalize(join(ZOD, decodeURIComponent(path.slice('/zod/'.length))))
      if (!file.startsWith(ZOD)) file = undefined
    }
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' })
  })
  await page.goto(`${ORIGIN}/`)
  await page.waitForFunction(() => window.contender && window.keynet, null, { timeout: 60_000 })
  if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`)

  const result = await page.evaluate(([lines, rounds]) => {
    const { formSchema, registrable } = window.contender
    const objects = lines.map((l) => JSON.parse(l))
    // The same verdict on every form, or no timing.
    const disagree = []
    for (const [i, o] of objects.entries()) {
      const k = !keynet.validate(o).some((f) => f.severity === 'error')
      const z = registrable(formSchema.safeParse(o))
      if (k !== z) disagree.push({ line: i + 1, keynet: k, zod: z })
    }
    const registrableForms = objects.filter((o) => !keynet.validate(o).some((f) => f.severity === 'error')).length
    if (disagree.length) return { disagree, forms: objects.length }
    const contenders = {
      'keynet.validate(object)': (i) => keynet.validate(objects[i]),
      'keynet.validate(json text)': (i) => keynet.validate(lines[i]),
      // The binding floor: the form read into the module as validate reads it, no rules.
      'binding floor: keynet._readFormOnly(object)': (i) => keynet._readFormOnly(objects[i]),
      'zod safeParse(object)': (i) => formSchema.safeParse(objects[i]),
      'zod JSON.parse + safeParse': (i) => formSchema.safeParse(JSON.parse(lines[i])),
    }
    const n = objects.length
    for (let warm = 0; warm < 2; warm += 1) for (const fn of Object.values(contenders)) for (let i = 0; i < n; i += 1) fn(i)
    const rounds_ms = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
    for (let r = 0; r < rounds; r += 1) {
      for (const [name, fn] of Object.entries(contenders)) {
        const t0 = performance.now()
        for (let i = 0; i < n; i += 1) fn(i)
        rounds_ms[name].push(performance.now() - t0)
      }
    }
    return { forms: n, registrable: registrableForms, disagree, rounds_ms, userAgent: navigator.userAgent }
  }, [lines, ROUNDS])
  if (result.disagree.length) {
    console.error(`keynet and zod disagree on ${result.disagree.length} of ${result.forms} forms:`, JSON.stringify(result.disagree.slice(0, 5)))
    process.exitCode = 1
  } else {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const perObject = Object.fromEntries(Object.entries(result.rounds_ms).map(([name, ms]) => [name, {
      median_us: (median(ms) / result.forms) * 1000,
      best_us: (Math.min(...ms) / result.forms) * 1000,
      worst_us: (Math.max(...ms) / result.forms) * 1000,
    }]))
    const us = (name) => perObject[name].median_us
    const summary = {
      chromium: browser.version(), cpu: cpus()[0]?.model, cores: cpus().length,
      bundle: bundleAt >= 0 ? BUNDLE : 'dist/keynet-browser.js (profile wasm: opt-level s, lto, panic=abort)',
      bundle_bytes: readFileSync(BUNDLE).length,
      zod: require('zod/package.json').version,
      forms: result.forms, registrable: result.registrable, verdicts_agree: `${result.forms}/${result.forms}`, rounds: ROUNDS,
      per_object: perObject,
      zod_over_keynet_object: Number((us('zod safeParse(object)') / us('keynet.validate(object)')).toFixed(2)),
      zod_over_keynet_text: Number((us('zod JSON.parse + safeParse') / us('keynet.validate(json text)')).toFixed(2)),
      load_average: loadavg().map((x) => Number(x.toFixed(2))),
    }
    console.log(JSON.stringify(summary, null, 2))
    if (!JSON_ONLY) {
      console.log(`\n| per object in Chromium (${result.forms} forms × ${ROUNDS} rounds) | median | best round | worst round |`)
      console.log('|---|---:|---:|---:|')
      for (const [name, r] of Object.entries(perObject)) {
        console.log(`| ${name} | ${r.median_us.toFixed(1)} µs | ${r.best_us.toFixed(1)} µs | ${r.worst_us.toFixed(1)} µs |`)
      }
      console.log(`\nzod ÷ keynet (median): ${summary.zod_over_keynet_object}× from objects, ${summary.zod_over_keynet_text}× from JSON text; verdicts agree on ${summary.verdicts_agree} forms; Chromium ${summary.chromium}; load average ${summary.load_average.join(' ')}`)
    }
  }
} finally {
  await browser.close()
}
