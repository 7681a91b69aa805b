// bench/browser-vs-zod.mjs must not rot: run once with a tiny count (no timing is checked — only
// that it runs in Chromium, that keynet's browser build and the zod contender agree on every form
// before timing, and that it reports a figure for each contender).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'

const NODE_DIR = join(import.meta.dirname, '..')

test('bench/browser-vs-zod.mjs runs in Chromium and both contenders agree on the sample forms', () => {
  const out = execFileSync(process.execPath, ['bench/browser-vs-zod.mjs', '--rounds', '1', '--forms', '25', '--json'],
    { cwd: NODE_DIR, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] })
  const summary = JSON.parse(out)
  assert.equal(summary.forms, 25)
  assert.equal(summary.verdicts_agree, '25/25')
  assert.ok(summary.registrable > 0 && summary.registrable < 25, `the forms mix registrable and refused ones (${summary.registrable})`)
  assert.deepEqual(Object.keys(summary.per_object), ['keynet.validate(object)', 'keynet.validate(json text)',
    'binding floor: keynet._readFormOnly(object)', 'zod safeParse(object)', 'zod JSON.parse + safeParse'])
  for (const r of Object.values(summary.per_object)) assert.ok(Number.isFinite(r.median_us) && r.median_us >= 0)
})
