#!/usr/bin/env node
// The regional bed view (地域病床見える化) of one prefecture, exported as G-MIS does it: "details
// only" CSV in Shift_JIS. The viewer is the prefecture's fire department HQ, which sees its own
// prefecture's institutions and nothing else — the rows of other prefectures are never written.
//
//   node examples/node/bed-view-export.js [PREFECTURE] [OUT.csv] [--from EXPORT.csv]
//
// PREFECTURE: a code or a name (default 13, 東京都); OUT.csv: default
// examples/out/bed_view_<code>.csv. With --from, the rows are read from a details-only export
// (Shift_JIS, any prefectures; bad rows are reported with their line and left out); without it,
// demo rows are made for every tenth municipality of core/data/municipalities.tsv (real local
// government codes, made-up institutions), as the Rust example bed_view_export.rs does.
//
// Needs the Node addon built: `cd bindings-node && npm install && npx napi build --platform`.
'use strict'
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const keynet = require('../../bindings-node')

const ROOT = join(__dirname, '..', '..')
const args = process.argv.slice(2)
const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : null
const [prefecture = '13', outArg] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--from')

/** Demo rows across the country: three institutions per municipality of every tenth entry. */
function demoRows() {
  const municipalities = readFileSync(join(ROOT, 'core', 'data', 'municipalities.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split('\t'))
    .filter(([, , , kind]) => kind !== 'prefecture')
    .filter((_, i) => i % 10 === 0)
  return municipalities.flatMap(([code, pref, name], i) =>
    [0, 1, 2].map((j) => ({
      prefecture: pref,
      local_government_code: code,
      municipality: name,
      secondary_area_number: `${pref}${String(1 + (i % 9)).padStart(2, '0')}`,
      secondary_area_name: `第${1 + (i % 9)}医療圏`,
      institution_code: `${pref}1${String(i * 3 + j).padStart(7, '0')}`,
      institution_name: `${name}病院${j + 1}`,
      record_date: '2022/01/05',
      reported_at: '2022/02/01 11:32',
      secured_beds: 2 + ((i + j) % 7),
      ready_beds: 2 + ((i + j) % 7) - ((i + j) % 2),
      inpatients: (i + 2 * j) % 6,
    })),
  )
}

/** Rows of a details-only export: the rows that read; each bad row's findings are printed. */
function rowsFrom(file) {
  const { rows, findings } = keynet.readBedExportCsv(readFileSync(file), { encoding: 'shift_jis' })
  for (const f of findings) {
    console.error(`${file}:${f.row} ${f.column ?? f.path} [${f.severity}] ${f.message_ja}`)
  }
  return rows
}

function main() {
  const rows = from ? rowsFrom(from) : demoRows()
  const fire = { id: `FD${prefecture}-001`, kind: 'fire_department_hq', prefecture }
  const view = keynet.bedView(rows, fire)
  console.log(
    `${view.totals.all.records} of ${rows.length} rows visible to the fire HQ of ${view.prefecture}; ` +
      `${view.pages} screen page(s) of at most 2,000 rows`,
  )
  for (const g of view.totals.groups) {
    console.log(`  ${g.label}  確保病床 ${g.sums.secured_beds}  即応病床 ${g.sums.ready_beds}  入院中 ${g.sums.inpatients}`)
  }

  const out = outArg ?? join(ROOT, 'examples', 'out', `bed_view_${view.prefecture}.csv`)
  const { data, substitutions } = keynet.exportBedViewCsv(rows, fire, { encoding: 'shift_jis' })
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, data)
  console.log(`written ${out} (Shift_JIS, details only, ${data.length} bytes); ${substitutions.length} character substitution(s)`)
  for (const s of substitutions) console.log(`  row ${s.row}, ${s.column}: ${s.from} → ${s.to}`)
}

try {
  main()
} catch (e) {
  if (!keynet.isKeynetError(e)) throw e
  // An account without the bed view, rows with errors, a character Shift_JIS cannot hold.
  console.error(`${e.kind}: ${e.message}`)
  for (const f of e.findings) console.error(`  ${f.path} [${f.code}] ${f.message_ja}`)
  process.exitCode = 1
}
