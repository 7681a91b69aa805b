// Every case of KeyNetException, caught as an app catches it and matched with `when`, with the
// data it carries (the input error's kind, the findings, the lifecycle problem and the failing
// event's index, the disclosure problem, the rule set's message).
package keynet.tests

import keynet.*
import keynet.core.*

/** What a call threw, or a CheckFailed when it returned. */
fun thrownBy(call: () -> Any?): KeyNetException {
    try {
        call()
    } catch (e: KeyNetException) {
        return e
    }
    throw CheckFailed("the call returned instead of throwing")
}

/** The name an app's `when` gives each case: exhaustive, so a new case fails to compile here. */
fun caseName(e: KeyNetException): String = when (e) {
    is KeyNetException.InvalidInput -> "InvalidInput"
    is KeyNetException.InvalidForm -> "InvalidForm"
    is KeyNetException.Lifecycle -> "Lifecycle"
    is KeyNetException.Disclosure -> "Disclosure"
    is KeyNetException.Rules -> "Rules"
    is KeyNetException.Internal -> "Internal"
}

inline fun <reified E : KeyNetException> expectCase(e: KeyNetException): E {
    check(e is E) { "${caseName(e)} (${e.message}), want ${E::class.java.simpleName}" }
    check(!e.message.isNullOrBlank()) { "${caseName(e)} without a message" }
    return e as E
}

/** InvalidInput: its kind for each way a text is no form, with both messages. */
fun invalidInputCarriesItsKind() {
    val deep = "{\"notes\":" + "[".repeat(40) + "]".repeat(40) + "}"
    val wide = "{\"duties\":{\"kinds\":[" + (1..10_001).joinToString(",") { "1" } + "]}}"
    val large = "{\"notes\":\"" + "あ".repeat(400_000) + "\"}"
    val inputs = listOf(
        "{\"openings\": " to InputErrorKind.SYNTAX,
        "[]" to InputErrorKind.NOT_AN_OBJECT,
        "\"a form\"" to InputErrorKind.NOT_AN_OBJECT,
        deep to InputErrorKind.TOO_DEEP,
        wide to InputErrorKind.TOO_MANY_ITEMS,
        large to InputErrorKind.TOO_LARGE,
    )
    for ((text, kind) in inputs) {
        val e = expectCase<KeyNetException.InvalidInput>(thrownBy { validateJson(text) })
        check(e.kind == kind) { "${text.take(30)}…: ${e.kind}, want $kind" }
        check(e.reason.isNotBlank() && e.messageJa.isNotBlank()) { "$kind without both messages" }
    }
}

/** InvalidForm: every error finding at its path, in both languages; `at` null for one form. */
fun invalidFormCarriesEveryFinding() {
    val e = expectCase<KeyNetException.InvalidForm>(thrownBy { normalize(FormDraft()) })
    check(e.at == null) { "at ${e.at} for one form" }
    val paths = e.findings.filter { it.severity == Severity.ERROR }.map { it.path }.toSet()
    for (path in listOf("facility.id", "occupation", "openings", "contact.phone", "contact.email")) {
        check(path in paths) { "no error at $path in $paths" }
    }
    checkMessages(e.findings)
    check(e.findings.any { it.messageJa.contains("電話番号") }) { "the Japanese messages do not name fields by their labels" }
    // An event that does not read, third in a sequence: its findings, and its index.
    ValidForm(specForm()).use { valid ->
        val posting = valid.register("P-1", "2020-06-01")
        val events = listOf(LifecycleEvent.Inquiry(seekerId = "S-1", on = "2020-06-02"),
                            LifecycleEvent.Application(seekerId = "S-1", on = "2020-06-03"),
                            LifecycleEvent.Application(seekerId = "S-2", on = "6月31日"))
        val bad = expectCase<KeyNetException.InvalidForm>(thrownBy { posting.applyEvents(events) })
        check(bad.at == 2u) { "at ${bad.at}, want 2" }
        check(bad.findings.any { it.path.startsWith("event") }) { "findings ${bad.findings}" }
        check(posting.toRecord().inquiries.isEmpty()) { "not all or nothing" }
    }
}

/** Lifecycle: the problem with its data (whose seeker, which date), and the failing event. */
fun lifecycleErrorCarriesItsProblemAndEvent() {
    ValidForm(specForm()).use { valid ->
        val posting = valid.register("P-1", "2020-06-01")
        val early = expectCase<KeyNetException.Lifecycle>(thrownBy {
            posting.apply(LifecycleEvent.Inquiry(seekerId = "S-1", on = "2020-05-31"))
        })
        check(early.at == null) { "at ${early.at} for one event" }
        when (val problem = early.problem) {
            is LifecycleProblem.BeforeItsTime -> check(problem.earliest == "2020-06-01") { "earliest ${problem.earliest}" }
            else -> throw CheckFailed("problem $problem, want BeforeItsTime")
        }
        val twice = expectCase<KeyNetException.Lifecycle>(thrownBy {
            posting.applyEvents(listOf(LifecycleEvent.Application(seekerId = "S-2", on = "2020-06-03"),
                                       LifecycleEvent.Hire(seekerId = "S-3", on = "2020-06-04")))
        })
        check(twice.at == 1u) { "at ${twice.at}, want 1" }
        check(twice.problem == LifecycleProblem.NotAnApplicant(seekerId = "S-3")) { "problem ${twice.problem}" }
        posting.apply(LifecycleEvent.Close(reason = ClosedReason.WITHDRAWN, on = "2020-06-05"))
        val closed = expectCase<KeyNetException.Lifecycle>(thrownBy {
            posting.apply(LifecycleEvent.Inquiry(seekerId = "S-4", on = "2020-06-06"))
        })
        check(closed.problem == LifecycleProblem.Closed) { "problem ${closed.problem}" }
    }
}

/** Disclosure: masked details for a seeker who never asked. */
fun disclosureErrorCarriesItsProblem() {
    ValidForm(specForm()).use { valid ->
        val posting = valid.register("P-1", "2020-06-01")
        val e = expectCase<KeyNetException.Disclosure>(thrownBy { posting.disclose("S-9") })
        check(e.problem == DisclosureProblem.NO_INQUIRY) { "problem ${e.problem}" }
    }
}

/** Rules: a rule for "its own prefecture" not tied to a prefecture, named in the message. */
fun rulesErrorCarriesItsMessage() {
    val rule = standardRules().first().copy(kind = "city_desk", region = Region.OWN_PREFECTURE, tiedToPrefecture = false)
    val e = expectCase<KeyNetException.Rules>(thrownBy { RuleSet(listOf(rule)) })
    check(e.reason.contains("city_desk")) { "message ${e.reason} does not name the rule" }
    val viaJson = expectCase<KeyNetException.Rules>(thrownBy { distribute(emptyList(), emptyList(), listOf(rule)) })
    check(viaJson.reason == e.reason) { "distribute: ${viaJson.reason}" }
}

/** The specification's example form (docs/domain.md), as JSON data. */
fun specForm(): FormDraft = formDraftOf(Json.parse(java.io.File(casesDir, "domain_example.json").readText())
    .let { (it as Map<*, *>)["input"] })

/** Set by `main` from its argument. */
lateinit var casesDir: java.io.File
