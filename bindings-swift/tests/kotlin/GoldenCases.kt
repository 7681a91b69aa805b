// The golden case table (tests/cases/, format in tests/cases/README.md) through the Kotlin binding
// on the JVM, as bindings-swift/tests/test_uniffi_golden.py runs it through the Python backend:
// every form case through `validateJson` / `normalizeJson` / `formFromJson`, every operation
// case through `callJson`. Plus the panic drill, eight threads at once, and the API tour of
// Main.kt. Run by scripts/test-kotlin.sh; ends with one line `N passed, M failed`.
//
//   java -Djna.library.path=<dir of libkeynet_swift.so> -cp … keynet.tests.GoldenCasesKt <tests/cases>
package keynet.tests

import keynet.*
import keynet.core.*
import java.io.File
import java.math.BigInteger
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

// --- a small JSON reader and writer (no JSON library ships with the JDK or kotlinc) -----------

class JsonException(message: String) : Exception(message)

/** JSON text as Kotlin values: Map (keys in order), List, String, Long/BigInteger/Double, Boolean, null. */
object Json {
    fun parse(text: String): Any? {
        val reader = Reader(text)
        val value = reader.value()
        reader.skipSpace()
        if (reader.pos != text.length) throw JsonException("trailing text at ${reader.pos}")
        return value
    }

    private class Reader(val s: String) {
        var pos = 0

        fun skipSpace() {
            while (pos < s.length && s[pos] in " \t\r\n") pos++
        }

        fun value(): Any? {
            skipSpace()
            if (pos >= s.length) throw JsonException("unexpected end")
            return when (s[pos]) {
                '{' -> obj()
                '[' -> list()
                '"' -> string()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                else -> number()
            }
        }

        private fun literal(word: String, value: Any?): Any? {
            if (!s.startsWith(word, pos)) throw JsonException("bad literal at $pos")
            pos += word.length
            return value
        }

        private fun obj(): Map<String, Any?> {
            val out = LinkedHashMap<String, Any?>()
            pos++ // {
            skipSpace()
            if (s[pos] == '}') { pos++; return out }
            while (true) {
                skipSpace()
                val key = string()
                skipSpace()
                expect(':')
                out[key] = value()
                skipSpace()
                if (s[pos] == ',') { pos++; continue }
                expect('}')
                return out
            }
        }

        private fun list(): List<Any?> {
            val out = ArrayList<Any?>()
            pos++ // [
            skipSpace()
            if (s[pos] == ']') { pos++; return out }
            while (true) {
                out.add(value())
                skipSpace()
                if (s[pos] == ',') { pos++; continue }
                expect(']')
                return out
            }
        }

        private fun expect(c: Char) {
            if (pos >= s.length || s[pos] != c) throw JsonException("expected '$c' at $pos")
            pos++
        }

        private fun string(): String {
            expect('"')
            val out = StringBuilder()
            while (true) {
                if (pos >= s.length) throw JsonException("unterminated string")
                val c = s[pos++]
                when (c) {
                    '"' -> return out.toString()
                    '\\' -> {
                        when (val e = s[pos++]) {
                            '"', '\\', '/' -> out.append(e)
                            'b' -> out.append('\b')
                            'f' -> out.append('\u000c')
                            'n' -> out.append('\n')
                            'r' -> out.append('\r')
                            't' -> out.append('\t')
                            'u' -> { out.append(s.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                            else -> throw JsonException("bad escape \\$e")
                        }
                    }
                    else -> out.append(c)
                }
            }
        }

        private fun number(): Any {
            val start = pos
            while (pos < s.length && (s[pos].isDigit() || s[pos] in "+-.eE")) pos++
            val text = s.substring(start, pos)
            if (text.isEmpty()) throw JsonException("unexpected '${s[pos]}' at $pos")
            if (text.any { it in ".eE" }) return text.toDouble()
            return text.toLongOrNull() ?: BigInteger(text)
        }
    }

    /** Compact JSON text, non-ASCII written as is (Python's `json.dumps(…, ensure_ascii=False)`). */
    fun write(value: Any?): String = StringBuilder().also { write(value, it) }.toString()

    private fun write(value: Any?, out: StringBuilder) {
        when (value) {
            null -> out.append("null")
            is Boolean, is Long, is Int, is BigInteger, is Double -> out.append(value.toString())
            is String -> writeString(value, out)
            is Map<*, *> -> {
                out.append('{')
                value.entries.forEachIndexed { i, (k, v) ->
                    if (i > 0) out.append(',')
                    writeString(k as String, out)
                    out.append(':')
                    write(v, out)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { i, v -> if (i > 0) out.append(','); write(v, out) }
                out.append(']')
            }
            else -> throw JsonException("cannot write ${value::class.simpleName}")
        }
    }

    private fun writeString(s: String, out: StringBuilder) {
        out.append('"')
        for ((i, c) in s.withIndex()) {
            val lone = (c.isHighSurrogate() && (i + 1 >= s.length || !s[i + 1].isLowSurrogate())) ||
                (c.isLowSurrogate() && (i == 0 || !s[i - 1].isHighSurrogate()))
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c < ' ' || lone -> out.append("\\u%04x".format(c.code))
                else -> out.append(c)
            }
        }
        out.append('"')
    }
}

// --- the table ----------------------------------------------------------------------------------

data class FindingKey(val path: String, val code: String, val severity: String)

data class Case(val id: String, val data: Map<String, Any?>) {
    @Suppress("UNCHECKED_CAST")
    val expect: Map<String, Any?> get() = data["expect"] as Map<String, Any?>
}

fun loadCases(dir: File, nested: Boolean): List<Case> {
    val files = if (nested) {
        dir.listFiles { f -> f.isDirectory }.orEmpty().flatMap { d ->
            d.listFiles { f -> f.name.endsWith(".json") }.orEmpty().map { "${d.name}/${it.nameWithoutExtension}" to it }
        }
    } else {
        dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }.orEmpty().map { it.nameWithoutExtension to it }
    }
    @Suppress("UNCHECKED_CAST")
    return files.sortedBy { it.first }.map { (id, f) -> Case(id, Json.parse(f.readText()) as Map<String, Any?>) }
}

class CheckFailed(message: String) : Exception(message)

fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw CheckFailed(message())
}

fun Finding.key() = FindingKey(path, findingCodeName(code), severity.name.lowercase())

fun keysOf(findings: List<Finding>) = findings.map { it.key() }.sortedWith(compareBy({ it.path }, { it.code }, { it.severity }))

@Suppress("UNCHECKED_CAST")
fun expectedKeys(findings: Any?) = (findings as List<Map<String, Any?>>)
    .map { FindingKey(it["path"] as String, it["code"] as String, it["severity"] as String) }
    .sortedWith(compareBy({ it.path }, { it.code }, { it.severity }))

fun checkMessages(findings: List<Finding>) {
    for (f in findings) check(f.message.isNotBlank() && f.messageJa.isNotBlank()) { "finding without a message: $f" }
}

/** `AlreadyApplied` → `already_applied`: the golden table's words for a sealed class's variant. */
fun snake(name: String) = name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

/** Drops every `message` / `message_ja` key, after checking it is non-empty text. */
fun stripMessages(value: Any?): Any? = when (value) {
    is Map<*, *> -> LinkedHashMap<String, Any?>().also { out ->
        for ((k, v) in value) {
            if (k == "message" || k == "message_ja") {
                check(v is String && v.isNotBlank()) { "empty $k in output" }
            } else {
                out[k as String] = stripMessages(v)
            }
        }
    }
    is List<*> -> value.map { stripMessages(it) }
    else -> value
}

// --- form cases ---------------------------------------------------------------------------------

fun formText(case: Case): String = case.data["input_json"] as String? ?: Json.write(case.data["input"])

fun runFormCase(case: Case) {
    val expect = case.expect
    val text = formText(case)
    val wantError = expect["error"] as String?

    if (wantError != null) {
        val calls: List<Pair<String, () -> Any>> = listOf(
            "validateJson" to { validateJson(text) },
            "normalizeJson" to { normalizeJson(text) },
            "publicViewJson" to { publicViewJson(text) },
            "formFromJson" to { formFromJson(text) },
        )
        for ((name, call) in calls) {
            try {
                call()
                throw CheckFailed("$name accepted input that is not a form")
            } catch (e: KeyNetException.InvalidInput) {
                check(e.kind.name.lowercase() == wantError) { "$name: ${e.kind}, want $wantError" }
                check(e.reason.isNotBlank() && e.messageJa.isNotBlank()) { "$name: empty message" }
            }
        }
        return
    }

    val findings = validateJson(text)
    checkMessages(findings)
    val want = expectedKeys(expect["findings"])
    check(keysOf(findings) == want) { "findings differ\n  got:      ${keysOf(findings)}\n  expected: $want" }

    if (findings.any { it.severity == Severity.ERROR }) {
        val byKey = compareBy<Finding>({ it.path }, { findingCodeName(it.code) }, { it.severity.name })
        for ((name, call) in listOf<Pair<String, () -> Any>>("normalizeJson" to { normalizeJson(text) },
                                                            "formFromJson" to { formFromJson(text) })) {
            try {
                call()
                throw CheckFailed("$name accepted a form with errors")
            } catch (e: KeyNetException.InvalidForm) {
                check(e.findings.sortedWith(byKey) == findings.sortedWith(byKey)) { "$name carries other findings: ${e.findings}" }
            }
        }
        check(expect["canonical"] == null) { "a form with errors cannot have a canonical form" }
        return
    }

    val canonicalText = normalizeJson(text)
    val canonical = Json.parse(canonicalText)
    check(canonical is Map<*, *>) { "canonical form is not an object" }
    expect["canonical"]?.let { check(canonical == it) { "canonical differs\n  got:      $canonical\n  expected: $it" } }
    val again = validateJson(canonicalText)
    check(again.none { it.severity == Severity.ERROR }) { "canonical output has errors: $again" }
    check(Json.parse(normalizeJson(canonicalText)) == canonical) { "normalizeJson is not idempotent" }
    // The typed form: read from the JSON, written back exactly.
    check(Json.parse(formToJson(formFromJson(text))) == canonical) { "formToJson(formFromJson(…)) differs" }
}

// --- operation cases ----------------------------------------------------------------------------

/** What a call answered: its output as JSON data, or the error and the index of the failed event. */
sealed class Answer {
    data class Output(val value: Any?) : Answer()
    data class Failed(val error: KeyNetException, val at: Int?) : Answer()
}

/** The golden table's words for an error: kind, detail, findings (test_uniffi_golden.py `error_of`). */
data class ErrorWords(val kind: String, val detail: String?, val findings: List<Finding>)

fun wordsOf(e: KeyNetException): ErrorWords = when (e) {
    is KeyNetException.InvalidInput -> ErrorWords("invalid_input", e.kind.name.lowercase(), emptyList())
    is KeyNetException.InvalidForm -> ErrorWords("invalid", null, e.findings)
    is KeyNetException.Lifecycle -> ErrorWords("lifecycle", snake(e.problem::class.java.simpleName), emptyList())
    is KeyNetException.Disclosure -> ErrorWords("disclosure", null, emptyList())
    is KeyNetException.Rules -> ErrorWords("rules", null, emptyList())
    is KeyNetException.Internal -> ErrorWords("internal", null, emptyList())
}

@Suppress("UNCHECKED_CAST")
fun runCallJson(kind: String, args: Map<String, Any?>): Answer {
    if (kind == "apply_events") {
        // The events one by one with `apply_event`, `at` naming the one that failed.
        var posting = args["posting"]
        (args["events"] as List<Any?>).forEachIndexed { i, event ->
            try {
                posting = Json.parse(callJson("apply_event", Json.write(mapOf("posting" to posting, "event" to event))))
            } catch (e: KeyNetException) {
                return Answer.Failed(e, i)
            }
        }
        return Answer.Output(posting)
    }
    return try {
        Answer.Output(Json.parse(callJson(kind, Json.write(args))))
    } catch (e: KeyNetException) {
        Answer.Failed(e, null)
    }
}

@Suppress("UNCHECKED_CAST")
fun checkAnswer(expect: Map<String, Any?>, answer: Answer) {
    when (answer) {
        is Answer.Output -> {
            check("error" !in expect) { "expected an error, got ${Json.write(answer.value)}" }
            val got = stripMessages(answer.value)
            check(got == expect["output"]) { "output differs\n  got:      ${Json.write(got)}\n  expected: ${Json.write(expect["output"])}" }
        }
        is Answer.Failed -> checkFailure(expect, answer)
    }
}

/** An error answer against the table's `expect.error`: kind, detail, failing event, findings. */
@Suppress("UNCHECKED_CAST")
fun checkFailure(expect: Map<String, Any?>, answer: Answer.Failed) {
    val want = expect["error"] as Map<String, Any?>?
    val words = wordsOf(answer.error)
    check(want != null) { "unexpected error ${words.kind}: ${answer.error.message}" }
    want!!
    check(words.kind == want["kind"]) { "error kind ${words.kind} (${answer.error.message}), want ${want["kind"]}" }
    check(!answer.error.message.isNullOrBlank()) { "error without a message" }
    checkMessages(words.findings)
    if ("detail" in want) check(words.detail == want["detail"]) { "detail ${words.detail}, want ${want["detail"]}" }
    if ("at" in want) check(answer.at?.toLong() == want["at"]) { "failed at event ${answer.at}, want ${want["at"]}" }
    if ("findings" in want) {
        check(keysOf(words.findings) == expectedKeys(want["findings"])) {
            "findings differ\n  got:      ${keysOf(words.findings)}\n  expected: ${expectedKeys(want["findings"])}"
        }
    }
}

@Suppress("UNCHECKED_CAST")
fun runOperationCase(case: Case) =
    checkAnswer(case.expect, runCallJson(case.data["kind"] as String, case.data["args"] as Map<String, Any?>))

@Suppress("UNCHECKED_CAST")
fun runOperationCaseNamed(case: Case) =
    checkAnswer(case.expect, runNamedJson(case.data["kind"] as String, case.data["args"] as Map<String, Any?>))

// --- beyond the table ---------------------------------------------------------------------------

/** A Rust panic comes back as KeyNetException.Internal, and the next call works. */
fun panicDrill(sample: Case) {
    System.err.println("panic drill: the Rust panic message below is expected")
    try {
        triggerPanicForTests()
        throw CheckFailed("triggerPanicForTests returned")
    } catch (e: KeyNetException) {
        when (e) {
            is KeyNetException.Internal -> check(e.reason.isNotBlank()) { "internal error without a reason" }
            else -> throw CheckFailed("a panic became ${e::class.java.simpleName}, not Internal")
        }
    }
    val findings = validateJson(formText(sample))
    check(keysOf(findings) == expectedKeys(sample.expect["findings"])) { "the call after the panic answered $findings" }
}

/** What one form case or distribution case answers, comparable across threads. */
sealed class Result {
    data class Findings(val keys: List<FindingKey>) : Result()
    data class Refused(val kind: InputErrorKind) : Result()
    data class Output(val json: String) : Result()
    data class Failed(val kind: String) : Result()
}

fun validated(case: Case): Result = try {
    val draft = typedDraft(case)
    Result.Findings(keysOf(if (draft != null) validate(draft).findings else validateJson(formText(case))))
} catch (e: KeyNetException.InvalidInput) {
    Result.Refused(e.kind)
}

@Suppress("UNCHECKED_CAST")
fun distributed(case: Case): Result =
    when (val answer = runCallJson(case.data["kind"] as String, case.data["args"] as Map<String, Any?>)) {
        is Answer.Output -> Result.Output(Json.write(answer.value))
        is Answer.Failed -> Result.Failed(wordsOf(answer.error).kind)
    }

/** Eight threads validating every form case and distributing every distribution case at once
 *  answer what one thread answers. */
fun threads(formCases: List<Case>, distributionCases: List<Case>) {
    check(distributionCases.isNotEmpty()) { "no distribution cases" }
    val work: List<() -> Result> = formCases.map { c -> { validated(c) } } + distributionCases.map { c -> { distributed(c) } }
    val alone = work.map { it() }
    val pool = Executors.newFixedThreadPool(8)
    try {
        val futures = (0 until 8).map { t ->
            pool.submit(Callable { work.indices.map { i -> (i + t * 31) % work.size }.associateWith { work[it]() } })
        }
        for ((t, future) in futures.withIndex()) {
            val got = future.get(300, TimeUnit.SECONDS)
            for ((i, v) in got) check(v == alone[i]) { "thread $t, item $i: $v, alone ${alone[i]}" }
        }
    } finally {
        pool.shutdownNow()
    }
}

// --- the runner ---------------------------------------------------------------------------------

/**
 * Runs the suite. The names of its checks are those of bindings-swift/tests/mobile-suite.txt,
 * which the Swift XCTest sources implement under the same names (checked by
 * bindings-swift/tests/test_swift_sources.py): a check missing here, or one not listed there,
 * fails the run.
 */
fun main(args: Array<String>) {
    casesDir = File(args.getOrElse(0) { "tests/cases" })
    val manifest = File(args.getOrElse(1) { "bindings-swift/tests/mobile-suite.txt" }).readLines()
        .map { it.substringBefore("#").trim() }.filter { it.isNotEmpty() }.map { it.substringBefore(" ") }
    val formCases = loadCases(casesDir, nested = false)
    val operationCases = loadCases(casesDir, nested = true)
    var passed = 0
    val ran = LinkedHashSet<String>()
    val failures = ArrayList<String>()

    fun test(name: String, case: String? = null, body: () -> Unit) {
        ran.add(name)
        try {
            body()
            passed++
        } catch (thrown: Throwable) {
            val e = (thrown as? java.lang.reflect.InvocationTargetException)?.cause ?: thrown
            val why = when (e) {
                is CheckFailed -> e.message
                is KeyNetException -> "${e::class.java.simpleName}: ${e.message}"
                else -> e.toString()
            }
            failures.add("FAIL $name${case?.let { "[$it]" } ?: ""}: $why")
        }
    }

    for (case in formCases) test("testEveryFormCaseThroughJson", case.id) { runFormCase(case) }
    val typedForms = formCases.mapNotNull { c -> typedDraft(c)?.let { c to it } }
    test("testTypedDraftsCoverMostFormCases") {
        val inputs = formCases.count { it.data["input"] != null }
        check(typedForms.size * 2 >= inputs) { "only ${typedForms.size} of $inputs form cases typed" }
    }
    for ((case, draft) in typedForms) test("testEveryFormCaseThroughTypedDrafts", case.id) { runFormCaseTyped(case, draft) }
    for (case in operationCases) test("testEveryOperationCaseThroughCallJson", case.id) { runOperationCase(case) }
    val mobileCases = operationCases.filter { it.data["kind"] in MOBILE_API_KINDS }
    test("testEveryMobileOperationHasCases") {
        val kinds = mobileCases.map { it.data["kind"] }.toSet()
        check(kinds == MOBILE_API_KINDS) { "no case for ${MOBILE_API_KINDS - kinds}" }
    }
    for (case in mobileCases) test("testEveryOperationCaseThroughNamedJsonFunctions", case.id) { runOperationCaseNamed(case) }
    // A view of a posting has no typed entry point (a FormDraft is a form): the named JSON
    // functions and callJson run those cases.
    val typedCases = mobileCases.filter { !isPostingView(it) }
    for (case in typedCases) test("testEveryOperationCaseThroughTypedFunctions", case.id) { runOperationCaseTyped(case) }
    test("testInvalidInputCarriesItsKind") { invalidInputCarriesItsKind() }
    test("testInvalidFormCarriesEveryFinding") { invalidFormCarriesEveryFinding() }
    test("testLifecycleErrorCarriesItsProblemAndEvent") { lifecycleErrorCarriesItsProblemAndEvent() }
    test("testDisclosureErrorCarriesItsProblem") { disclosureErrorCarriesItsProblem() }
    test("testRulesErrorCarriesItsMessage") { rulesErrorCarriesItsMessage() }
    val sample = formCases.first { it.data["input"] != null && it.expect["error"] == null }
    test("testAPanicBecomesInternalAndTheNextCallWorks") { panicDrill(sample) }
    val distributionCases = operationCases.filter { it.id.startsWith("distribution/") }
    test("testThreadsAnswerAsOneThread") { threads(formCases, distributionCases) }
    // Main.kt, in the default package: the typed API as an app uses it; and the README's example.
    test("testApiTour") {
        Class.forName("MainKt").getMethod("main").invoke(null)
        Class.forName("keynet.readme.ReadmeExampleKt").getMethod("main").invoke(null)
    }

    for (name in manifest - ran) failures.add("FAIL $name: listed in mobile-suite.txt, not run")
    for (name in ran - manifest.toSet()) failures.add("FAIL $name: run, not listed in mobile-suite.txt")
    failures.forEach { println(it) }
    println("${formCases.size} form cases (${typedForms.size} as typed drafts), ${operationCases.size} operation cases " +
            "(${mobileCases.size} through the typed and named JSON functions) from $casesDir")
    println("$passed passed, ${failures.size} failed")
    val tableSize = formCases.size + operationCases.size
    if (failures.isNotEmpty() || passed < tableSize || formCases.isEmpty() || operationCases.isEmpty()) {
        kotlin.system.exitProcess(1)
    }
}
