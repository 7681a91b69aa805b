// The browser build in a real browser: headless Chromium (Debian's `chromium`, or CHROMIUM=<path>)
// driven by playwright-core.
//   1. kintone-stub.html, the stand-in for kintone's record screen, loads the bundle and the
//      customisation as kintone does; a clerk types a bad postal code, sees the message under the
//      field, presses save (refused, the message still there), fixes it and the record saves.
//   2. The golden case table runs through the bundle in a page and agrees with the native addon
//      case for case; the panic drill leaves the page working.
//   3. The ES module (dist/keynet-browser.mjs) imports in a page, default and named exports.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'

import { CASES, keynet as native, OP_CASES, REPO } from '../__test__/helpers.mjs'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const { runGoldenCases } = require('./golden-runner.js')

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const HERE = join(REPO, 'bindings-node', 'browser-test')
const BUNDLE = join(REPO, 'bindings-node', 'dist', 'keynet-browser.js')
const STUB = pathToFileURL(join(HERE, 'kintone-stub.html'))
const RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record

let browser
let pageErrors = []

before(async () => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: on Debian apt-get install chromium, or set CHROMIUM=<path>`)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  })
})
after(async () => {
  await browser?.close()
})

async function newPage() {
  const page = await browser.newPage()
  pageErrors = []
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text())
  })
  return page
}

/** What the native addon shows under 郵便番号 for the record with `postal` typed in it. */
function nativeMessage(postal) {
  const record = structuredClone(RECORD)
  record['郵便番号'].value = postal
  const shown = native.toKintoneErrors(native.fromKintoneRecord(record), { record })
  return shown.errors['record.郵便番号.value']?.messages.join('\n')
}

for (const screen of ['app.record.create', 'app.record.edit', 'mobile.app.record.create']) {
  test(`kintone stand-in (${screen}): a bad postal code shows under its field as typed and on save; fixed, the record saves`, async () => {
    const page = await newPage()
    await page.goto(`${STUB}?screen=${screen}`)
    const postal = page.locator('[data-field="郵便番号"]')
    const message = nativeMessage('101-006')
    assert.ok(message, 'the native addon finds the short postal code')

    await postal.locator('input').fill('101-006')
    await postal.locator('input').press('Tab') // kintone's change event: the value is committed
    assert.equal(await postal.locator('.field-error').textContent(), message, 'shown as the clerk types')

    await page.click('#save')
    assert.equal(await postal.locator('.field-error').textContent(), message, 'shown under the field on save')
    assert.equal(await page.locator('#saved').textContent(), '', 'not saved')

    await postal.locator('input').fill('〒101-0062')
    await postal.locator('input').press('Tab')
    assert.equal(await postal.locator('.field-error').textContent(), '', 'fixed: the message goes')
    await page.click('#save')
    assert.match(await page.locator('#saved').textContent(), /保存しました/)
    assert.equal(await page.locator('#record-error').textContent(), '')
    assert.deepEqual(pageErrors, [])
    await page.close()
  })
}

test('kintone stand-in: a field the app lacks is a record-level error at the top', async () => {
  const page = await newPage()
  await page.goto(`${STUB}?screen=app.record.index.edit`)
  await page.evaluate(() => {
    const { record } = kintone.app.record.get()
    delete record['医療機関ID']
    kintone.app.record.set({ record })
  })
  await page.click('#save')
  assert.equal(await page.locator('#record-error').textContent(), '医療機関IDを入力してください')
  assert.equal(await page.locator('#saved').textContent(), '')
  assert.deepEqual(pageErrors, [])
  await page.close()
})

test('Chromium: the golden case table through the bundle agrees with the native addon case for case', async () => {
  const page = await newPage()
  await page.setContent('<!doctype html><html><head></head><body></body></html>')
  await page.addScriptTag({ path: BUNDLE })
  await page.addScriptTag({ path: join(HERE, 'golden-runner.js') })
  const inChromium = await page.evaluate(([forms, operations]) => runGoldenCases(keynet, forms, operations), [CASES, OP_CASES])
  const inNode = runGoldenCases(native, CASES, OP_CASES)
  assert.equal(inChromium.forms.length + inChromium.operations.length, CASES.length + OP_CASES.length)
  const all = [...inChromium.forms, ...inChromium.operations]
  const want = [...inNode.forms, ...inNode.operations]
  for (const [i, got] of all.entries()) {
    assert.deepStrictEqual(got, want[i], `${got.file}: Chromium differs from the native addon`)
  }
  console.log(`# golden cases in Chromium: ${all.length} agree with the native addon (${CASES.length} forms, ${OP_CASES.length} operations)`)

  const drill = await page.evaluate(() => {
    let error
    try {
      keynet._triggerPanicForTests()
    } catch (e) {
      error = { name: e.name, kind: e.kind, message: e.message }
    }
    return { error, after: keynet.validate({}).length }
  })
  assert.equal(drill.error.name, 'KeynetError')
  assert.equal(drill.error.kind, 'internal')
  assert.match(drill.error.message, /panic drill/)
  assert.equal(drill.after, native.validate({}).length, 'the next call works')
  await page.close()
})

test('Chromium: the ES module imports in a page (default and named exports)', async () => {
  const page = await newPage()
  // Served from a made-up origin: module scripts are not loaded from file:// pages.
  const origin = 'http://keynet.invalid'
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/keynet-browser.mjs') {
      return route.fulfill({ path: join(REPO, 'bindings-node', 'dist', 'keynet-browser.mjs'), contentType: 'text/javascript' })
    }
    return route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><script type="module">
        import keynet, { validate, fromKintoneRecord } from '/keynet-browser.mjs'
        window.result = { same: keynet.validate === validate, findings: validate({}).length,
          registrable: fromKintoneRecord(${JSON.stringify(RECORD)}).registrable }
      </script>`,
    })
  })
  await page.goto(`${origin}/index.html`)
  await page.waitForFunction(() => window.result !== undefined)
  const result = await page.evaluate(() => window.result)
  assert.deepEqual(result, { same: true, findings: native.validate({}).length, registrable: true })
  assert.deepEqual(pageErrors, [])
  await page.close()
})
