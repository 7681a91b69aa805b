// The golden table through the typed functions (records in, records out) and through the named
// JSON functions (`distributeJson`, `viewJson`, …), as bindings-swift/tests/test_uniffi_golden.py
// runs them through the Python backend.
package keynet.tests

import keynet.*
import keynet.core.*

/** The operations with a typed function and a named JSON function in the mobile API. Every other
 *  operation of the table (kintone records, G-MIS accounts, bed views, …) is reached through
 *  `callJson`, which runs every operation case. */
val MOBILE_API_KINDS = setOf(
    "view", "public_view", "registered_view", "distribute", "explain", "new_since", "count_table",
    "assess_training", "disclose", "account_status", "duplicate_open_postings", "apply_events",
)

/** A view case whose document is a posting (`posting_id`): no typed function takes one. */
@Suppress("UNCHECKED_CAST")
fun isPostingView(case: Case): Boolean {
    val kind = case.data["kind"] as String
    val form = (case.data["args"] as Map<String, Any?>)["form"] as? Map<String, Any?>
    return kind.endsWith("view") && form?.containsKey("posting_id") == true
}

/** A form case a `FormDraft` can say (no `"２"` openings, no unknown key): its draft, else null. */
fun typedDraft(case: Case): FormDraft? {
    val input = case.data["input"] ?: return null
    return try { formDraftOf(input) } catch (e: NotTyped) { null }
}

/** `validate(draft)` finds what the table expects; `normalize` agrees, and round-trips. */
fun runFormCaseTyped(case: Case, draft: FormDraft) {
    val expect = case.expect
    val validation = validate(draft)
    checkMessages(validation.findings)
    val want = expectedKeys(expect["findings"])
    check(keysOf(validation.findings) == want) { "findings differ\n  got:      ${keysOf(validation.findings)}\n  expected: $want" }
    val hasErrors = validation.findings.any { it.severity == Severity.ERROR }
    check(validation.registrable == !hasErrors) { "registrable ${validation.registrable} with errors $hasErrors" }
    if (hasErrors) {
        check(validation.form == null) { "a form with errors came back" }
        try {
            normalize(draft)
            throw CheckFailed("normalize accepted a draft with errors")
        } catch (e: KeyNetException.InvalidForm) {
            check(keysOf(e.findings) == want && e.at == null) { "normalize carries ${keysOf(e.findings)}, at ${e.at}" }
        }
        return
    }
    val form = normalize(draft)
    check(form == validation.form) { "normalize and validate give other forms" }
    val canonical = Json.parse(formToJson(form))
    expect["canonical"]?.let { check(canonical == it) { "canonical differs\n  got:      $canonical\n  expected: $it" } }
    check(prune(plain(form)) == prune(canonical)) { "the typed form is not its JSON:\n  ${prune(plain(form))}\n  ${prune(canonical)}" }
    check(normalize(formDraft(form)) == form) { "normalize(formDraft(form)) differs" }
}

// --- operations ---------------------------------------------------------------------------------

private fun d(value: Any?) = Json.write(value)

/** The named JSON function of an operation case, or null outside the mobile API. */
fun namedJsonCall(kind: String, a: Map<String, Any?>): (() -> String)? {
    val rules = a["rules"]?.let { d(it) }
    return when (kind) {
        "view" -> { { viewJson(d(a["form"]), enumOf<ViewKind>(a["view"])) } }
        "public_view" -> { { publicViewJson(d(a["form"])) } }
        "registered_view" -> { { registeredViewJson(d(a["form"])) } }
        "distribute" -> { { distributeJson(d(a["postings"]), d(a["recipients"]), rules) } }
        "explain" -> { { explainJson(d(a["posting"]), d(a["recipient"]), rules) } }
        "new_since" -> { { newSinceJson(d(a["previous"]), d(a["current"]), d(a["recipients"]), rules) } }
        "count_table" -> { { countTableJson(d(a["postings"])) } }
        "assess_training" -> { { assessTrainingJson(d(a["plan"])) } }
        "disclose" -> { { discloseJson(d(a["posting"]), a["seeker_id"] as String) } }
        "account_status" -> { {
            accountStatusJson(d(a["postings"]), a["facility_id"] as String, (a["year"] as Long).toInt(),
                              (a["month"] as Long).toUByte())
        } }
        "duplicate_open_postings" -> { { duplicateOpenPostingsJson(d(a["postings"])) } }
        else -> null
    }
}

@Suppress("UNCHECKED_CAST")
fun runNamedJson(kind: String, args: Map<String, Any?>): Answer {
    if (kind == "apply_events") {
        var posting = d(args["posting"])
        (args["events"] as List<Any?>).forEachIndexed { i, event ->
            try {
                posting = applyEventJson(posting, d(event))
            } catch (e: KeyNetException) {
                return Answer.Failed(e, i)
            }
        }
        return Answer.Output(Json.parse(posting))
    }
    val call = namedJsonCall(kind, args) ?: throw CheckFailed("no named JSON function for $kind")
    return try {
        Answer.Output(Json.parse(call()))
    } catch (e: KeyNetException) {
        Answer.Failed(e, null)
    }
}

/** What a typed call answered — or that its arguments could not even be typed (`converted`
 *  false: the error, if any, came from reading them). */
data class TypedAnswer(val answer: Answer?, val notTyped: Exception?, val at: Int?) {
    val converted get() = notTyped == null
}

/** Converts the arguments first (which may fail), then returns the typed call. */
fun typedCall(kind: String, a: Map<String, Any?>): () -> Any? {
    fun recipients() = eachOf(a["recipients"], "recipients") { recipientOf(it) }
    fun year() = (a["year"] as? Long)?.takeIf { it in Int.MIN_VALUE..Int.MAX_VALUE }?.toInt() ?: throw NotTyped("year")
    fun month() = (a["month"] as? Long)?.takeIf { it in 0..255 }?.toUByte() ?: throw NotTyped("month")
    return when (kind) {
        "view" -> { val f = formFromJson(d(a["form"])); val v = enumOf<ViewKind>(a["view"]); { view(f, v) } }
        "public_view" -> { val f = formFromJson(d(a["form"])); { publicView(f) } }
        "registered_view" -> { val f = formFromJson(d(a["form"])); { registeredView(f) } }
        "distribute" -> {
            val rs = recipients(); val rules = rulesOf(a["rules"]); val ps = postingsOf(a["postings"])
            ({ distribute(ps, rs, rules) })
        }
        "new_since" -> {
            val rs = recipients(); val rules = rulesOf(a["rules"])
            val prev = postingsOf(a["previous"]); val cur = postingsOf(a["current"])
            ({ newSince(prev, cur, rs, rules) })
        }
        "explain" -> {
            val p = postingOf(a["posting"]); val r = recipientOf(a["recipient"]); val rules = rulesOf(a["rules"])
            ({ explain(p, r, rules) })
        }
        "count_table" -> { val ps = postingsOf(a["postings"]); { countTable(ps) } }
        "assess_training" -> { val plan = trainingPlanOf(a["plan"]); { assessTraining(plan) } }
        "disclose" -> {
            val p = postingOf(a["posting"]); val seeker = a["seeker_id"] as? String ?: throw NotTyped("seeker_id")
            ({ disclose(p, seeker) })
        }
        "account_status" -> {
            val ps = postingsOf(a["postings"]); val id = a["facility_id"] as? String ?: throw NotTyped("facility_id")
            val y = year(); val m = month()
            ({ accountStatus(ps, id, y, m) })
        }
        "duplicate_open_postings" -> { val ps = postingsOf(a["postings"]); { duplicateOpenPostings(ps) } }
        else -> throw CheckFailed("no typed function for $kind")
    }
}

@Suppress("UNCHECKED_CAST")
fun runTyped(kind: String, args: Map<String, Any?>): TypedAnswer {
    if (kind == "apply_events") {
        var posting = try { postingOf(args["posting"]) } catch (e: KeyNetException) { return TypedAnswer(null, e, null) }
        (args["events"] as List<Any?>).forEachIndexed { i, event ->
            val typed = try { lifecycleEventOf(event) } catch (e: NotTyped) { return TypedAnswer(null, e, i) }
            try {
                posting = applyEvent(posting, typed)
            } catch (e: KeyNetException) {
                return TypedAnswer(Answer.Failed(e, i), null, i)
            }
        }
        return TypedAnswer(Answer.Output(plain(posting)), null, null)
    }
    val call = try { typedCall(kind, args) } catch (e: NotTyped) { return TypedAnswer(null, e, null) }
        catch (e: KeyNetException) { return TypedAnswer(null, e, null) }
    return try {
        TypedAnswer(Answer.Output(plain(call())), null, null)
    } catch (e: KeyNetException) {
        TypedAnswer(Answer.Failed(e, null), null, null)
    }
}

@Suppress("UNCHECKED_CAST")
fun runOperationCaseTyped(case: Case) {
    val expect = case.expect
    val got = runTyped(case.data["kind"] as String, case.data["args"] as Map<String, Any?>)
    if (!got.converted) {
        // The arguments themselves cannot be typed: the case must expect them refused.
        val want = expect["error"] as Map<String, Any?>?
        check(want != null) { "arguments not typed (${got.notTyped?.message}) but the case expects an output" }
        check(want!!["kind"] == "invalid") { "arguments not typed (${got.notTyped?.message}), the case expects ${want["kind"]}" }
        if ("at" in want) check(got.at?.toLong() == want["at"]) { "not typed at event ${got.at}, want ${want["at"]}" }
        (got.notTyped as? KeyNetException)?.let { check(wordsOf(it).kind == "invalid") { "reading failed with ${wordsOf(it).kind}" } }
        return
    }
    when (val answer = got.answer!!) {
        is Answer.Output -> {
            check("error" !in expect) { "expected an error, got ${Json.write(answer.value)}" }
            val mine = prune(stripMessages(answer.value))
            val want = prune(expect["output"])
            check(mine == want) { "output differs\n  got:      ${Json.write(mine)}\n  expected: ${Json.write(want)}" }
        }
        is Answer.Failed -> checkFailure(expect, answer)
    }
}
