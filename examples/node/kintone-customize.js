// keynet × kintone: a customisation handler for the record create/edit "submit" events.
//
// It reads `event.record` through keynet's field-code mapping (core/data/kintone_mapping.json, or
// your overrides), puts every error finding under its field (`event.record[code].error`), and
// the findings without a field of the app on the record (`event.error`). kintone then refuses to
// save and shows the messages where the user typed. Warnings (Labour Standards Act breaks, the
// Health Promotion Act, a 24-hour duty) do not block: pass `confirm` to let the user decide.
//
// Where it runs: the `keynet` package is a native Node addon, so this handler runs server side
// (a proxy in front of the kintone REST API, a webhook receiver, a batch check, tests). In the
// browser kintone would need a WebAssembly build of keynet, which this repository does not
// produce yet; the handler takes `keynet` as a parameter so that such a build drops in.
'use strict'

/** The kintone events this handler is for (desktop and mobile). */
const EVENTS = [
  'app.record.create.submit',
  'app.record.edit.submit',
  'mobile.app.record.create.submit',
  'mobile.app.record.edit.submit',
]

/** `record.<code>.value` → `<code>`. */
const fieldCode = (key) => key.replace(/^record\./, '').replace(/\.value$/, '')

/**
 * Makes the submit handler.
 * @param {typeof import('../../bindings-node')} keynet the keynet package (or a wasm build of it)
 * @param {{lang?: 'ja' | 'en', mapping?: object, confirm?: (text: string) => boolean}} [options]
 */
function makeSubmitHandler(keynet, options = {}) {
  const lang = options.lang || 'ja'
  return function onSubmit(event) {
    const record = event.record
    // Clear what an earlier submit put on the fields.
    for (const field of Object.values(record)) {
      if (field && typeof field === 'object' && 'error' in field) field.error = null
    }
    const read = keynet.fromKintoneRecord(record, options.mapping)
    const shown = keynet.toKintoneErrors(read, { lang, record, mapping: options.mapping })
    for (const [key, { messages }] of Object.entries(shown.errors)) {
      record[fieldCode(key)].error = messages.join('\n')
    }
    if (shown.record_errors.length > 0) {
      event.error = shown.record_errors.join('\n')
    }
    const blocked = shown.record_errors.length > 0 || Object.keys(shown.errors).length > 0
    if (!blocked && options.confirm) {
      const warnings = [
        ...Object.entries(shown.warnings).map(([key, { messages }]) => `${fieldCode(key)}: ${messages.join(' / ')}`),
        ...shown.record_warnings,
      ]
      if (warnings.length > 0 && !options.confirm(warnings.join('\n'))) {
        event.error = lang === 'ja' ? '確認のため保存を取りやめました。' : 'Saving cancelled to check the warnings.'
      }
    }
    return event
  }
}

// In kintone (with a browser build of keynet exposed as `window.keynet`), register the handler.
/* global kintone */
if (typeof kintone !== 'undefined' && kintone.events && globalThis.keynet) {
  kintone.events.on(EVENTS, makeSubmitHandler(globalThis.keynet, { confirm: (text) => globalThis.confirm(text) }))
}

module.exports = { EVENTS, makeSubmitHandler }
