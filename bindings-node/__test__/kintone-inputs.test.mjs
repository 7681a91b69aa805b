// The native addon on values that are no kintone record (the checks: kintone-inputs.mjs; the
// browser build runs the same in browser-test/vm.test.mjs).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO } from './helpers.mjs'
import { checkRecordInputs } from './kintone-inputs.mjs'

const RECORD = JSON.parse(readFileSync(join(REPO, 'tests', 'cases', 'kintone', 'record_domain_example.json'), 'utf8')).args.record

test('native addon: what is no kintone record is invalid_input; a deep unmapped field does not stop the read', () => {
  checkRecordInputs(keynet, RECORD)
})
