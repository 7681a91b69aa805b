// CSV files through the Node binding (issue 7): postings and the count table in Shift_JIS and
// UTF-8, round trips, a character without a Shift_JIS form (a `csv_write` KeynetError naming
// row, column and character), reported substitutions, and malformed files giving row-numbered
// findings while the other rows still read.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { keynet, REPO, thrown } from './helpers.mjs'

const POSTINGS = readFileSync(join(REPO, 'examples', 'data', 'postings.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
const copy = (v) => structuredClone(v)
const sjis = (bytes) => new TextDecoder('shift_jis').decode(bytes)
const isUtf8 = (bytes) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
const CRLF = Buffer.from('\r\n')

/** The lines of a file's bytes (split on CRLF; the last, empty piece dropped). */
function lines(bytes) {
  const out = []
  let start = 0
  for (let i = bytes.indexOf(CRLF); i !== -1; i = bytes.indexOf(CRLF, start)) {
    out.push(bytes.subarray(start, i))
    start = i + 2
  }
  assert.equal(start, bytes.length, 'the file ends with CRLF')
  return out
}

function expectKeynetError(fn, kind) {
  const err = thrown(fn)
  assert.equal(err.name, 'KeynetError', String(err))
  assert.ok(keynet.isKeynetError(err))
  assert.equal(err.kind, kind, err.message)
  assert.equal(err.code, kind)
  return err
}

// --- round trips -------------------------------------------------------------------------------

test('postings round trip through Shift_JIS: write then read gives the same postings', () => {
  const { data, substitutions } = keynet.writePostingsCsv(POSTINGS, { encoding: 'shift_jis' })
  assert.ok(Buffer.isBuffer(data))
  assert.deepEqual(substitutions, [])
  assert.ok(!isUtf8(data), 'Japanese text in Shift_JIS is not UTF-8')
  const text = sjis(data)
  assert.ok(text.startsWith('募集情報ID,登録日,状態,終了理由,終了日,マスキング希望,医療機関ID'), text.slice(0, 80))
  assert.equal(lines(data).length, POSTINGS.length + 1)

  const read = keynet.readPostingsCsv(data, { encoding: 'shift_jis' })
  assert.deepEqual(read.findings, [])
  assert.equal(read.postings.length, POSTINGS.length)
  assert.deepStrictEqual(read.postings, POSTINGS)
  // Shift_JIS is the default both ways, and a plain Uint8Array reads like a Buffer.
  assert.deepStrictEqual(keynet.writePostingsCsv(POSTINGS).data, data)
  assert.deepStrictEqual(keynet.readPostingsCsv(new Uint8Array(data)).postings, POSTINGS)
})

test('postings round trip through UTF-8 (with a BOM), from bytes and from a string', () => {
  const { data, substitutions } = keynet.writePostingsCsv(POSTINGS, { encoding: 'utf8' })
  assert.deepEqual(substitutions, [])
  assert.deepEqual([...data.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  assert.deepStrictEqual(keynet.readPostingsCsv(data, { encoding: 'utf8' }).postings, POSTINGS)
  const text = data.toString('utf8')
  const fromText = keynet.readPostingsCsv(text)
  assert.deepEqual(fromText.findings, [])
  assert.deepStrictEqual(fromText.postings, POSTINGS)
  // A string is text already: asking to read it as Shift_JIS is refused, not guessed.
  const err = expectKeynetError(() => keynet.readPostingsCsv(text, { encoding: 'shift_jis' }), 'invalid')
  assert.deepEqual(err.findings.map((f) => [f.path, f.code]), [['encoding', 'inconsistent']])
})

test('Windows-31J characters survive Shift_JIS: 髙, 﨑, ①, ㈱', () => {
  const posting = copy(POSTINGS[0])
  posting.form.contact.name = '髙橋 﨑子'
  posting.form.notes = '①から③まで ㈱ケーネット'
  const { data, substitutions } = keynet.writePostingsCsv([posting])
  assert.deepEqual(substitutions, [])
  const back = keynet.readPostingsCsv(data).postings
  assert.equal(back[0].form.contact.name, '髙橋 﨑子')
  assert.equal(back[0].form.notes, '①から③まで ㈱ケーネット')
})

test('the count table as CSV: a header and one row per occupation × prefecture', () => {
  const rows = keynet.countTable(POSTINGS)
  const { data, substitutions } = keynet.writeCountTableCsv(POSTINGS)
  assert.deepEqual(substitutions, [])
  const text = sjis(data).split('\r\n')
  assert.equal(text[0], '職種コード,職種,都道府県コード,都道府県,件数,募集人数')
  assert.equal(text.length, rows.length + 2)
  const first = rows[0]
  const [code, , pref, , postings, openings] = text[1].split(',')
  assert.deepEqual([code, pref, Number(postings), Number(openings)], [first.occupation, first.prefecture, first.postings, first.openings])
  const utf8 = keynet.writeCountTableCsv(POSTINGS, { encoding: 'utf8' }).data.toString('utf8')
  assert.equal(utf8.replace(/^\uFEFF/, ''), text.join('\r\n'))
})

// --- nothing lost silently ----------------------------------------------------------------------

test('a character without a Shift_JIS form throws csv_write naming row, column and character', () => {
  const postings = copy(POSTINGS.slice(0, 3))
  postings[1].form.contact.name = '𠮷田 花子'
  const err = expectKeynetError(() => keynet.writePostingsCsv(postings), 'csv_write')
  assert.equal(err.detail, 'unencodable')
  assert.equal(err.row, 3)
  assert.equal(err.column, '担当者氏名')
  assert.equal(err.character, '𠮷')
  assert.equal(err.codepoint, 0x20bb7)
  assert.deepEqual(err.findings, [])
  for (const part of ['row 3', '担当者氏名', '𠮷', 'U+20BB7']) assert.ok(err.message.includes(part), err.message)
  // An emoji neither; UTF-8 has no such limit.
  postings[1].form.contact.name = '山田 花子'
  postings[2].form.notes = 'よろしく😀'
  const emoji = expectKeynetError(() => keynet.writePostingsCsv(postings, { encoding: 'shift_jis' }), 'csv_write')
  assert.deepEqual([emoji.row, emoji.column, emoji.character], [4, '補足内容・その他特記事項', '😀'])
  postings[1].form.contact.name = '𠮷田 花子'
  const { data } = keynet.writePostingsCsv(postings, { encoding: 'utf8' })
  assert.deepStrictEqual(keynet.readPostingsCsv(data, { encoding: 'utf8' }).postings, postings)
  // The process goes on.
  assert.equal(keynet.writePostingsCsv(POSTINGS.slice(0, 1)).substitutions.length, 0)
})

test('substitutions are made and reported with row and column: 〜 → ～, − → －', () => {
  const postings = copy(POSTINGS.slice(0, 2))
  postings[1].form.notes = '受付 9時〜17時（−は不要）'
  const { data, substitutions } = keynet.writePostingsCsv(postings)
  assert.deepEqual(substitutions, [
    { row: 3, column: '補足内容・その他特記事項', from: '〜', to: '～' },
    { row: 3, column: '補足内容・その他特記事項', from: '−', to: '－' },
  ])
  const back = keynet.readPostingsCsv(data).postings
  assert.equal(back[1].form.notes, '受付 9時～17時（－は不要）')
  assert.deepStrictEqual(back[0], postings[0])
  // UTF-8 keeps every character as given.
  const utf8 = keynet.writePostingsCsv(postings, { encoding: 'utf8' })
  assert.deepEqual(utf8.substitutions, [])
  assert.equal(keynet.readPostingsCsv(utf8.data, { encoding: 'utf8' }).postings[1].form.notes, postings[1].form.notes)
})

test('a posting with inquiries is refused, not written without them', () => {
  const open = POSTINGS.find((p) => p.status === 'open')
  const asked = keynet.applyEvent(open, { type: 'inquiry', on: open.registered_on, seeker_id: 'S-1' })
  const err = expectKeynetError(() => keynet.writePostingsCsv([POSTINGS[1], asked]), 'csv_write')
  assert.equal(err.detail, 'not_tabular')
  assert.equal(err.row, 3)
  assert.equal(err.posting_id, asked.posting_id)
})

// --- malformed files ----------------------------------------------------------------------------

test('a malformed Shift_JIS file gives row-numbered findings and the other rows still read', () => {
  const postings = POSTINGS.slice(0, 7)
  const file = lines(keynet.writePostingsCsv(postings).data)
  assert.equal(file.length, 8, 'one line per posting and the header')
  // Row 2: one column too few.
  file[1] = file[1].subarray(0, file[1].lastIndexOf(0x2c))
  // Row 3: a lone Shift_JIS lead byte at the end of the last field.
  file[2] = Buffer.concat([file[2], Buffer.from([0x81])])
  // Row 5: an e-mail that is not one (a finding of the form, in its column).
  const email = Buffer.from(postings[3].form.contact.email)
  const at = file[4].indexOf(email)
  assert.ok(at > 0)
  file[4] = Buffer.concat([file[4].subarray(0, at), Buffer.from('not-an-email'), file[4].subarray(at + email.length)])
  // The last record: a quote that is never closed swallows the rest of the file.
  assert.ok(postings[4].form.notes.includes('\n'), 'the sixth posting has a note over two lines')
  const comma = file[7].indexOf(0x2c)
  file[7] = Buffer.concat([file[7].subarray(0, comma + 1), Buffer.from('"'), file[7].subarray(comma + 1)])
  const bytes = Buffer.concat(file.flatMap((l) => [l, CRLF]))

  const { postings: read, findings } = keynet.readPostingsCsv(bytes)
  assert.deepStrictEqual(read, [postings[2], postings[4], postings[5]])
  // Rows are lines of the file: the note over two lines (row 6) puts the last record on line 9.
  assert.deepEqual([...new Set(findings.map((f) => f.row))], [2, 3, 5, 9])
  for (const f of findings) {
    assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'message', 'message_ja', 'path', 'row', 'severity'])
    assert.ok(f.message.trim() && f.message_ja.trim())
  }
  const at2 = findings.filter((f) => f.row === 2)
  assert.deepEqual(at2.map((f) => [f.code, f.severity, f.column]), [['format', 'error', null]])
  assert.match(at2[0].message, /49 columns, expected 50/)
  const at3 = findings.filter((f) => f.row === 3)
  assert.deepEqual(at3.map((f) => [f.path, f.code]), [['column 50', 'format']])
  assert.match(at3[0].message_ja, /Shift_JIS/)
  const at5 = findings.filter((f) => f.row === 5 && f.severity === 'error')
  assert.deepEqual(at5.map((f) => [f.path, f.column]), [['form.contact.email', 'E-mail']])
  const at9 = findings.filter((f) => f.row === 9)
  assert.deepEqual(at9.map((f) => f.code), ['format'])
  assert.match(at9[0].message, /2 columns, expected 50 \(an unclosed quote may have swallowed the lines after it\)/)
  assert.match(at9[0].message_ja, /引用符/)
})

test('unknown and missing columns are findings about the file (row 1); a custom mapping reads its own headers', () => {
  const text = '募集情報ID,登録日,状態,マスキング希望,ID\r\nP-1,2020-06-01,公開中,有,x\r\n'
  const { postings, findings } = keynet.readPostingsCsv(text)
  assert.equal(postings.length, 0)
  const header = findings.filter((f) => f.row === 1)
  assert.ok(header.some((f) => f.code === 'unknown_value' && f.column === 'ID'))
  assert.ok(header.some((f) => f.code === 'required' && f.column === '医療機関ID'))
  assert.ok(findings.some((f) => f.row === 2 && f.severity === 'error'), 'the row is read and found wanting')
  // Without its masking column a file is not read at all: masking fails closed.
  const blind = keynet.readPostingsCsv('募集情報ID,登録日,状態\r\nP-1,2020-06-01,公開中\r\n')
  assert.deepEqual(blind.postings, [])
  assert.ok(blind.findings.every((f) => f.row === 1))
  assert.ok(blind.findings.some((f) => f.column === 'マスキング希望' && f.code === 'required'))

  // A mapping of two columns writes and reads only those (as an object or its JSON text).
  const mapping = {
    columns: [
      { header: 'ID', path: 'posting_id', kind: 'text' },
      { header: '状態', path: 'status', kind: 'status' },
    ],
  }
  const { data } = keynet.writePostingsCsv(POSTINGS.slice(0, 2), { encoding: 'utf8', mapping })
  assert.equal(data.toString('utf8'), `\uFEFFID,状態\r\n${POSTINGS[0].posting_id},${POSTINGS[0].status === 'open' ? '公開中' : '終了'}\r\n${POSTINGS[1].posting_id},${POSTINGS[1].status === 'open' ? '公開中' : '終了'}\r\n`)
  const again = keynet.writePostingsCsv(POSTINGS.slice(0, 2), { encoding: 'utf8', mapping: JSON.stringify(mapping) })
  assert.deepStrictEqual(again.data, data)
})

test('bad options throw invalid with a finding; encodings are checked by the core', () => {
  const bad = (fn, path, code) => {
    const err = expectKeynetError(fn, 'invalid')
    assert.deepEqual(err.findings.map((f) => [f.path, f.code]), [[path, code]])
  }
  bad(() => keynet.writePostingsCsv(POSTINGS.slice(0, 1), { encoding: 'latin1' }), 'encoding', 'unknown_value')
  bad(() => keynet.readPostingsCsv(Buffer.from('a'), { encoding: 'ebcdic' }), 'encoding', 'unknown_value')
  bad(() => keynet.writeCountTableCsv(POSTINGS, { encodng: 'utf8' }), 'options.encodng', 'unknown_value')
  bad(() => keynet.writePostingsCsv(POSTINGS.slice(0, 1), { mapping: { columns: 'all' } }), 'mapping', 'format')
  bad(() => keynet.writePostingsCsv(POSTINGS.slice(0, 1), 42), 'options', 'format')
  const posting = expectKeynetError(() => keynet.writePostingsCsv([{ posting_id: 'P-1' }]), 'invalid')
  assert.ok(posting.findings.some((f) => f.path === 'postings.0.form' && f.code === 'required'))
  // Aliases the core knows read alike.
  const { data } = keynet.writePostingsCsv(POSTINGS.slice(0, 3), { encoding: 'Shift_JIS' })
  assert.deepStrictEqual(keynet.readPostingsCsv(data, { encoding: 'cp932' }).postings, POSTINGS.slice(0, 3))
  // Not a Buffer nor a string: napi-rs refuses the argument.
  assert.throws(() => keynet.readPostingsCsv(42))
})

test('a UTF-8 file read as Shift_JIS throws invalid_input/wrong_encoding naming the encoding to ask for; auto reads both', () => {
  const postings = copy(POSTINGS.slice(0, 4))
  const { data: utf8 } = keynet.writePostingsCsv(postings, { encoding: 'utf8' })
  for (const bytes of [utf8, utf8.subarray(3)]) {
    for (const options of [undefined, { encoding: 'shift_jis' }]) {
      const err = thrown(() => keynet.readPostingsCsv(bytes, options))
      assert.equal(err.name, 'KeynetError', String(err))
      assert.equal(err.kind, 'invalid_input')
      assert.equal(err.detail, 'wrong_encoding')
      assert.match(err.message, /encoding="utf8".*"auto"/)
      assert.match(err.message_ja, /encoding="utf8"/)
    }
    assert.deepEqual(keynet.readPostingsCsv(bytes, { encoding: 'auto' }).postings, postings)
  }
  const { data: shiftJis } = keynet.writePostingsCsv(postings)
  const read = keynet.readPostingsCsv(shiftJis, { encoding: 'auto' })
  assert.deepEqual(read, { postings, findings: [] })
  // A string is text already: auto reads it as it is.
  assert.deepEqual(keynet.readPostingsCsv(utf8.toString('utf8'), { encoding: 'auto' }).postings, postings)
})

test('codes are written as Japanese labels for Shift_JIS and as codes for UTF-8; labels overrides; both read back', () => {
  const postings = copy(POSTINGS.slice(0, 5))
  const cellsOf = (bytes, decode) => decode(bytes).split('\r\n')[1]
  const utf8 = (bytes) => bytes.toString('utf8')
  const ja = cellsOf(keynet.writePostingsCsv(postings).data, sjis)
  const codes = cellsOf(keynet.writePostingsCsv(postings, { encoding: 'utf8' }).data, utf8)
  const jaUtf8 = cellsOf(keynet.writePostingsCsv(postings, { encoding: 'utf8', labels: 'ja' }).data, utf8)
  const first = postings[0].form
  assert.ok(codes.includes(`,${first.occupation},`), codes)
  assert.ok(!ja.includes(`,${first.occupation},`), ja)
  assert.equal(jaUtf8, ja, 'the same labels in either encoding')
  for (const options of [{ labels: 'codes' }, { encoding: 'utf8', labels: 'ja' }, {}]) {
    const { data } = keynet.writePostingsCsv(postings, options)
    assert.deepEqual(keynet.readPostingsCsv(data, { encoding: 'auto' }).postings, postings, JSON.stringify(options))
  }
  const err = thrown(() => keynet.writePostingsCsv(postings, { labels: 'en' }))
  assert.equal(err.kind, 'invalid')
  assert.deepEqual(err.findings.map((f) => f.path), ['labels'])
})

test('view public: no facility ID column, masked cells empty; counts refused with csv_write/counts_view', () => {
  const postings = copy(POSTINGS)
  const { data } = keynet.writePostingsCsv(postings, { encoding: 'utf8', view: 'public' })
  const text = data.toString('utf8')
  const header = text.replace(/^\ufeff/, '').split('\r\n')[0]
  assert.ok(!header.includes('医療機関ID'), header)
  for (const p of postings) {
    assert.ok(!text.includes(p.form.facility.id), p.form.facility.id)
    assert.equal(text.includes(p.form.contact.phone), !p.form.masking_requested, p.posting_id)
  }
  const err = thrown(() => keynet.writePostingsCsv(postings, { view: 'counts' }))
  assert.equal(err.kind, 'csv_write')
  assert.equal(err.detail, 'counts_view')
  assert.match(err.message_ja, /write_count_table_csv/)
})
