// keynet × kintone: a customisation for the record screens (docs/kintone.md).
//
// On save it reads `event.record` through keynet's field-code mapping (core/data/kintone_mapping.json,
// or your overrides), puts every error finding under its field (`event.record[code].error`), and
// the findings without a field of the app on the record (`event.error`). kintone then refuses to
// save and shows the messages where the user typed. Warnings (Labour Standards Act breaks, the
// Health Promotion Act, a 24-hour duty) do not block: pass `confirm` to let the user decide.
// While the clerk types, a field's own errors show as soon as it changes.
//
// Where it runs — the same file, unchanged:
//   - in kintone: upload the browser build of keynet (bindings-node/dist/keynet-browser.js, built
//     by `bash scripts/build-browser.sh`) first, then this file, under "JavaScript files"; it
//     finds the global `keynet` and `kintone` and registers its handlers;
//   - under Node: `require` it and pass the `keynet` package (a proxy in front of the kintone REST
//     API, a webhook receiver, a batch check, tests).
;(function (root) {
  'use strict'

  /** The save events this customisation checks: create and edit, desktop and mobile, and the
   * inline edit of the record list. */
  const EVENTS = [
    'app.record.create.submit',
    'app.record.edit.submit',
    'app.record.index.edit.submit',
    'mobile.app.record.create.submit',
    'mobile.app.record.edit.submit',
  ]

  /** The screens whose field changes are checked as the clerk types (`<screen>.change.<code>`).
   * Not the list's inline edit: kintone shows no field error from its change event. */
  const CHANGE_SCREENS = ['app.record.create', 'app.record.edit', 'mobile.app.record.create', 'mobile.app.record.edit']

  /** `record.<code>.value` → `<code>`. */
  const fieldCode = (key) => key.replace(/^record\./, '').replace(/\.value$/, '')

  /** The record's findings in kintone's error shape. */
  function check(keynet, record, options) {
    const read = keynet.fromKintoneRecord(record, options.mapping)
    return keynet.toKintoneErrors(read, { lang: options.lang || 'ja', record, mapping: options.mapping })
  }

  /**
   * Makes the save handler.
   * @param {typeof import('../../bindings-node')} keynet the keynet package (or its browser build)
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
      const shown = check(keynet, record, options)
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

  /**
   * The change events of the mapped fields the record has, on every screen of CHANGE_SCREENS.
   * @param {typeof import('../../bindings-node')} keynet
   * @param {{mapping?: object}} [options]
   */
  function changeEvents(keynet, options = {}) {
    const codes = Object.keys(keynet.kintoneMapping(options.mapping).fields)
    return CHANGE_SCREENS.flatMap((screen) => codes.map((code) => `${screen}.change.${code}`))
  }

  /**
   * Makes the change handler: the changed field shows its own errors (or none) at once; the
   * other fields wait for the save, so a half-typed record does not light up everywhere.
   * @param {typeof import('../../bindings-node')} keynet
   * @param {{lang?: 'ja' | 'en', mapping?: object}} [options]
   */
  function makeChangeHandler(keynet, options = {}) {
    return function onChange(event) {
      const code = event.type.slice(event.type.lastIndexOf('.change.') + '.change.'.length)
      const field = event.record[code]
      if (!field) return event
      const shown = check(keynet, event.record, options)
      const mine = shown.errors[`record.${code}.value`]
      field.error = mine ? mine.messages.join('\n') : null
      return event
    }
  }

  const exported = { EVENTS, CHANGE_SCREENS, makeSubmitHandler, makeChangeHandler, changeEvents }

  // In kintone, after the browser build of keynet (the global `keynet`): register the handlers.
  const kintone = root.kintone
  if (kintone && kintone.events && root.keynet) {
    const ask = typeof root.confirm === 'function' ? (text) => root.confirm(text) : undefined
    kintone.events.on(EVENTS, makeSubmitHandler(root.keynet, { confirm: ask }))
    kintone.events.on(changeEvents(root.keynet), makeChangeHandler(root.keynet))
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = exported
})(typeof globalThis !== 'undefined' ? globalThis : this)
