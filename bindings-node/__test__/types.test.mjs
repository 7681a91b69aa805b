// index.d.ts: `tsc --noEmit` (TypeScript 6, moduleResolution nodenext, strict) on a typed usage
// file, whose `@ts-expect-error` lines prove the types are precise; and the string-literal unions
// of the declarations agree with what the library answers at run time.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const PKG = join(REPO, 'bindings-node')
const DTS = readFileSync(join(PKG, 'index.d.ts'), 'utf8')

/** The members of `export type <name> = 'a' | 'b' …` in index.d.ts. */
function union(name) {
  const m = DTS.match(new RegExp(`export type ${name} =([^]*?)\\n(?:export|/\\*\\*|\\n)`))
  assert.ok(m, `no type ${name} in index.d.ts`)
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1])
}

test('tsc --noEmit accepts the typed usage file (and every @ts-expect-error is an error)', () => {
  const tsc = join(PKG, 'node_modules', 'typescript', 'bin', 'tsc')
  const version = execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' })
  assert.match(version, /^Version 6\./)
  try {
    execFileSync(process.execPath, [tsc, '-p', join(PKG, '__test__', 'types', 'tsconfig.json')], {
      encoding: 'utf8',
      stdio: 'pipe',
    })
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`)
  }
})

test('the unions of index.d.ts are what the library answers', () => {
  assert.deepEqual(union('FindingCode'), keynet.catalogue().map((c) => c.code))
  const occupations = Object.values(keynet.kintoneMapping().fields['募集職種'].options)
  assert.deepEqual(union('Occupation'), occupations)
  assert.deepEqual(union('SalaryBasis'), Object.values(keynet.kintoneMapping().fields['給与形態'].options))
  assert.deepEqual(union('PassiveSmoking'), Object.values(keynet.kintoneMapping().fields['受動喫煙防止の取組'].options))
  assert.deepEqual(union('DutyKind'), Object.values(keynet.kintoneMapping().fields['業務内容'].options))
  assert.deepEqual(union('FacilityType'), Object.values(keynet.kintoneMapping().fields['施設類型'].options))
  assert.equal(union('PrefectureCode').length, 47)
  // Issue 7: every ID kind and password policy is one the library knows, and the encodings read.
  for (const kind of union('IdKind')) assert.equal(keynet.accountPermissions(kind).kind, kind)
  for (const policy of union('PasswordPolicy')) assert.ok(Array.isArray(keynet.checkPassword('Keynet2020', policy)))
  for (const encoding of union('CsvEncoding')) {
    assert.deepEqual(keynet.readPostingsCsv(keynet.writePostingsCsv([], { encoding }).data, { encoding }).findings, [])
  }
  assert.deepEqual(union('CsvWriteErrorKind').sort(), ['counts_view', 'io', 'not_tabular', 'unencodable'])
  assert.equal(thrown(() => keynet.writePostingsCsv([], { view: 'counts' })).detail, 'counts_view')
  for (const o of occupations) assert.ok(Array.isArray(keynet.trainingMaterials(o)), o)
  // Every operation of the typed `call` map is one the library runs.
  const ops = [...DTS.matchAll(/^ {2}([a-z_]+): \{ args:/gm)].map((m) => m[1])
  assert.ok(ops.length >= 20)
  for (const op of ops) {
    try {
      keynet.call(op, {})
    } catch (e) {
      assert.equal(e.name, 'KeynetError')
      assert.ok(!e.findings.some((f) => f.path === 'operation'), `${op} is not an operation of the façade`)
    }
  }
})
