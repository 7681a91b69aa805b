// A typed usage of the package, checked by `tsc --noEmit` in the tests (types.test.mjs): what an
// integrator writes must type-check, and the `@ts-expect-error` lines prove the types are precise
// (a wrong occupation, view, operation or field is a compile error, not a runtime surprise).
import {
  accountPermissions, accountStatus, applyEvent, assessTraining, bedView, call, catalogue, checkPassword, countTable,
  disclose, distribute, explain, exportBedViewCsv, fromKintoneRecord, fromKintoneRows, isKeynetError, kintoneMapping, mayRegister,
  newSince, normalize, publicView, readBedExportCsv, readBedRow, readPostingsCsv, register, registeredView,
  toKintoneErrors, toKintoneRecord, trainingMaterials, validate, validateMany, view, writeCountTableCsv,
  writePostingsCsv,
} from '../../index.js'
import type {
  Account, AccountStatus, BedRow, BedRowInput, DistributionEntry, Finding, FindingCode, Form, FormInput, IdKind,
  KeynetError, KintoneErrors, KintoneRecord, Occupation, Permissions, Posting, PublicForm, Recipient, RegisteredForm,
  RowFinding, Substitution, TrainingPlan,
} from '../../index.js'

// No @types/node here: the package's types must stand on their own.
declare const console: { log(...args: unknown[]): void }

const input: FormInput = {
  masking_requested: true,
  facility: { id: 'GM13-004217', name: '千代田中央病院', type: 'hospital', prefecture: '東京都' },
  occupation: '看護師',
  openings: '２',
  employment_period: { start: '令和2年6月1日', end: new Date(Date.UTC(2020, 8, 30)) },
}

const findings: Finding[] = validate(input)
const codes: FindingCode[] = findings.map((f) => f.code)
const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message_ja}`)
void codes
void errors

try {
  const form: Form = normalize(JSON.stringify(input))
  const occupation: Occupation = form.occupation
  const pref: '13' | string = form.workplace.prefecture
  const publicForm: PublicForm = publicView(form)
  const phone: string | null = publicForm.contact.phone
  const registered: RegisteredForm = registeredView(form)
  // @ts-expect-error the registered view has no facility ID
  registered.facility.id
  // @ts-expect-error the public view has no facility ID either
  publicForm.facility.id
  const internal: Form = view(form, 'internal')
  const pub: PublicForm = view(form, 'public')
  // @ts-expect-error the counts view shows no posting
  view(form, 'counts')
  void [occupation, pref, phone, internal, pub]

  const posting: Posting = register(form, 'P-1', '2020-06-01')
  const asked: Posting = applyEvent(posting, { type: 'inquiry', on: '2020-06-02', seeker_id: 'S-1' })
  // @ts-expect-error a close event needs its reason
  applyEvent(posting, { type: 'close', on: '2020-06-20' })
  const details: RegisteredForm = disclose(asked, 'S-1')
  const status: AccountStatus = accountStatus([asked], 'GM13-004217', 2020, 6)
  if (status === 'suspended') console.log('suspended')
  // @ts-expect-error not an account status
  if (status === 'closed') console.log('never')
  void details

  const recipients: Recipient[] = [{ kind: 'central_nurse_center' }, { kind: 'private_agency', name: 'A社' }, { kind: 'my_desk', prefecture: '13' }]
  const result: DistributionEntry[] = distribute([asked], recipients)
  for (const entry of result) {
    if (entry.view === 'counts') console.log(entry.counts.map((r) => r.openings))
    else console.log(entry.posting_ids.join(','))
  }
  console.log(explain(asked, { kind: 'public_site' }).reason, countTable([asked]).length)
  console.log(newSince([], [asked], recipients, null).length)
} catch (e) {
  if (isKeynetError(e) && e.kind === 'invalid') console.log(e.findings.map((f) => f.path))
  const err = e as KeynetError
  if (err.name === 'KeynetError' && err.kind === 'invalid') console.log(err.findings.length)
  if (err.kind === 'lifecycle' && err.detail === 'not_an_applicant') console.log(err.message)
  // @ts-expect-error not a kind of KeynetError
  if (err.kind === 'invalid_form') console.log('never')
}

const plan: TrainingPlan = { sessions: [{ module: 'infection_control_lecture', minutes: 40, delivery: 'video' }] }
const reportable: boolean = assessTraining(plan).reportable
// @ts-expect-error not a delivery
assessTraining({ sessions: [{ module: 'other', minutes: 40, delivery: 'zoom' }] })
console.log(reportable, trainingMaterials('nurse').length, trainingMaterials().length, catalogue().length)
// @ts-expect-error not one of the 11 occupations
trainingMaterials('caregiver')

for (const line of validateMany(new Uint8Array([123, 125, 10, 123, 125]), { threads: 1 })) {
  if (line.error) console.log(line.line, line.error.kind)
  else console.log(line.line, line.registrable, line.findings.length)
}

// kintone
const record: KintoneRecord = {
  募集職種: { type: 'DROP_DOWN', value: '看護師' },
  募集人数: { type: 'NUMBER', value: '2' },
}
const read = fromKintoneRecord(record)
const maybeForm: Form | null = read.canonical
// `registrable` narrows `canonical` (a discriminated union).
if (read.registrable) {
  const form: Form = read.canonical
  console.log(form.occupation)
} else {
  const none: null = read.canonical
  console.log(none)
}
// @ts-expect-error canonical may be null until registrable is checked
const unchecked: Form = read.canonical
console.log(unchecked)
// A record typed as @kintone/dts-gen declares one: an interface, no index signature, NUMBER as text.
interface AppFields {
  募集職種: { type: 'DROP_DOWN'; value: string }
  募集人数: { type: 'NUMBER'; value: string }
  加入保険: { type: 'CHECK_BOX'; value: string[] }
}
const typedRecord: AppFields = {
  募集職種: { type: 'DROP_DOWN', value: '看護師' },
  募集人数: { type: 'NUMBER', value: '2' },
  加入保険: { type: 'CHECK_BOX', value: ['雇用保険'] },
}
console.log(fromKintoneRecord(typedRecord).findings.length, fromKintoneRecord({ record: typedRecord }).registrable)
console.log(toKintoneErrors(read, { record: typedRecord }).record_errors.length)
// @ts-expect-error a property that is no field is refused
fromKintoneRecord({ 募集人数: 2 })
// A subtable of postings: each row a read of its own, errors keyed inside the rows.
const rows = fromKintoneRows(typedRecord, '募集枠')
for (const r of rows.rows) if (r.registrable) console.log(r.row, r.id, r.canonical.occupation)
console.log(toKintoneErrors(rows, { record: typedRecord }).errors)
const kErrors: KintoneErrors = toKintoneErrors(read, { lang: 'en', record })
for (const [key, { messages }] of Object.entries(kErrors.errors)) console.log(key, messages.join('\n'))
console.log(kErrors.record_errors.join('\n'), maybeForm)
// @ts-expect-error only ja and en
toKintoneErrors(read, { lang: 'fr' })
const written: KintoneRecord = toKintoneRecord({ occupation: 'nurse' }, { fields: { FAX番号: null } })
console.log(written, Object.keys(kintoneMapping().fields).length)

// The generic entry point is typed by operation name.
const viaCall: PublicForm = call('public_view', { form: input })
const counts = call('count_table', { postings: [] })
console.log(viaCall, counts.map((r) => r.prefecture))
// @ts-expect-error no such operation
call('launch_rockets', {})
// @ts-expect-error distribute needs recipients
call('distribute', { postings: [] })

// CSV files: bytes in (a Buffer is a Uint8Array), a Buffer out; findings with their row.
const csvIn = new Uint8Array([0xef, 0xbb, 0xbf])
const csvRead = readPostingsCsv(csvIn, { encoding: 'shift_jis' })
const readPostings: Posting[] = csvRead.postings
const rowFindings: RowFinding[] = csvRead.findings
for (const f of rowFindings) console.log(f.row, f.column ?? '-', f.path, f.code, f.message_ja)
console.log(readPostingsCsv('募集情報ID\r\n').postings.length, readPostings.length)
// @ts-expect-error not an encoding keynet writes
readPostingsCsv(csvIn, { encoding: 'latin1' })
const csvOut = writePostingsCsv(readPostings, { encoding: 'utf8', mapping: { columns: [{ header: 'ID', path: 'posting_id', kind: 'text' }] } })
const bytes: Uint8Array = csvOut.data
const subs: Substitution[] = csvOut.substitutions
console.log(bytes.length, subs.map((s) => `${s.row} ${s.column}: ${s.from} → ${s.to}`))
// @ts-expect-error not a column kind
writePostingsCsv(readPostings, { mapping: { columns: [{ header: 'ID', path: 'posting_id', kind: 'date' }] } })
console.log(writeCountTableCsv(readPostings).data.byteLength)
try {
  writePostingsCsv(readPostings)
} catch (e) {
  if (isKeynetError(e) && e.kind === 'csv_write' && e.detail === 'unencodable') {
    console.log(e.row, e.column, e.character, e.codepoint)
  }
}

// The bed view: an account of one prefecture.
const fire: Account = { id: 'FD13-001', kind: 'fire_department_hq', prefecture: '13' }
// @ts-expect-error not a G-MIS ID kind
const police: Account = { id: 'P-1', kind: 'police', prefecture: '13' }
const reported: BedRowInput = {
  prefecture: '東京都', local_government_code: '131016', municipality: '千代田区', secondary_area_number: 1301,
  secondary_area_name: '区中央部', institution_code: '1310170018', institution_name: '病院', record_date: '2022/01/05',
  reported_at: '2022/02/01 11:32', secured_beds: 2,
}
const screen = bedView([reported], fire, { search: '区中央部', page: 0 })
const shown: BedRow[] = screen.rows
console.log(screen.totals.groups.map((g) => g.label), shown.map((r) => r.ready_beds ?? 0), police)
// @ts-expect-error pages are numbers
bedView([reported], fire, { page: 'next' })
const rowRead = readBedRow({ prefecture: '13' })
if (rowRead.row) console.log(rowRead.row.record_date)
const exported = exportBedViewCsv([reported], fire)
console.log(readBedExportCsv(exported.data).rows.length, exported.substitutions.length)

// Accounts and passwords.
const pwFindings: Finding[] = checkPassword('Keynet2020', 'gmis')
// @ts-expect-error not a password policy
checkPassword('Keynet2020', 'strict')
const kind: IdKind = 'health_center_municipality'
const perms: Permissions = accountPermissions(kind)
// @ts-expect-error not a G-MIS ID kind
accountPermissions('hospital')
const check = mayRegister({ id: 'GM13-004217', kind: 'medical_institution', prefecture: '13' }, input)
if (!check.allowed) console.log(check.reason.length)
console.log(pwFindings.length, perms.registers, perms.reads_postings)
console.log(call('check_password', { password: 'x', policy: 'kintone2020' }).length, call('bed_view', { rows: [reported], account: fire }).pages)
// @ts-expect-error bed_view needs an account
call('bed_view', { rows: [] })
