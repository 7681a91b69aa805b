// The zod 4 contender of the benchmarks (zod-rules.mjs) with its reference data read from
// core/data/ — the same files keynet embeds. bench.mjs imports it under Node.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { loadReferenceData } from './zod-rules.mjs'

const DATA = join(import.meta.dirname, '..', '..', 'core', 'data')
loadReferenceData(readFileSync(join(DATA, 'prefectures.tsv'), 'utf8'), readFileSync(join(DATA, 'municipalities.tsv'), 'utf8'))

export { formSchema, registrable } from './zod-rules.mjs'
