// The golden table's JSON data as the typed values an app holds (FormDraft, Recipient,
// TrainingPlan, LifecycleEvent, DistributionRule, Posting), and typed answers back as JSON data
// to compare with the table — the Kotlin twin of bindings-swift/tests/uniffi_helpers.py.
package keynet.tests

import keynet.*
import keynet.core.*
import java.lang.reflect.Modifier

/** JSON data that the typed API cannot express (wrong type, unknown key or value). */
class NotTyped(why: String) : Exception(why)

/** One JSON object read as a record: only the keys given, each read at most once. */
class Fields(data: Any?, private val what: String, keys: Set<String>) {
    private val map: Map<*, *> = data as? Map<*, *> ?: throw NotTyped("$what is not an object")

    init {
        val unknown = map.keys.filter { it !in keys }
        if (unknown.isNotEmpty()) throw NotTyped("$what: unknown keys $unknown")
    }

    /** The value at `key`; null when absent or null. */
    fun raw(key: String): Any? = map[key]

    fun text(key: String): String? = when (val v = map[key]) {
        null -> null
        is String -> v
        else -> throw NotTyped("$what.$key: $v is not text")
    }

    fun long(key: String): Long? = when (val v = map[key]) {
        null -> null
        is Long -> v
        else -> throw NotTyped("$what.$key: $v is not a 64-bit integer")
    }

    fun bool(key: String): Boolean? = when (val v = map[key]) {
        null -> null
        is Boolean -> v
        else -> throw NotTyped("$what.$key: $v is not a boolean")
    }

    fun <T> required(key: String, read: (String) -> T?): T = read(key) ?: throw NotTyped("$what: no $key")
}

/** A UniFFI enum value from its JSON word (`"nurse"` → `Occupation.NURSE`). */
inline fun <reified E : Enum<E>> enumOf(word: Any?): E {
    if (word !is String) throw NotTyped("${E::class.java.simpleName}: $word")
    val name = if (E::class == PassiveSmoking::class && word == "none") "NO_MEASURES" else word.uppercase()
    return enumValues<E>().firstOrNull { it.name == name } ?: throw NotTyped("${E::class.java.simpleName}: $word")
}

inline fun <reified E : Enum<E>> Fields.enum(key: String): E? = raw(key)?.let { enumOf<E>(it) }

fun <T> eachOf(value: Any?, what: String, item: (Any?) -> T): List<T> =
    (value as? List<*> ?: throw NotTyped("$what is not a list")).map(item)

// --- JSON data → typed values -------------------------------------------------------------------

/** A `FormDraft` from form JSON, or NotTyped when the JSON says what a draft cannot. */
fun formDraftOf(data: Any?): FormDraft {
    val f = Fields(data, "form", setOf("masking_requested", "facility", "occupation", "openings", "workplace",
        "employment_period", "trial_period_weeks", "duties", "salary", "working_hours", "insurance",
        "passive_smoking", "passive_smoking_detail", "notes", "contact", "existing_listings"))
    return FormDraft(
        maskingRequested = f.bool("masking_requested"),
        facility = f.raw("facility")?.let {
            val g = Fields(it, "facility", setOf("id", "name", "type", "prefecture"))
            FacilityDraft(id = g.text("id"), name = g.text("name"), facilityType = g.enum<FacilityType>("type"),
                          prefecture = g.text("prefecture"))
        },
        occupation = f.enum<Occupation>("occupation"),
        openings = f.long("openings"),
        workplace = f.raw("workplace")?.let {
            val g = Fields(it, "workplace", setOf("postal_code", "prefecture", "municipality", "street_address",
                                                  "facility_name"))
            WorkplaceDraft(postalCode = g.text("postal_code"), prefecture = g.text("prefecture"),
                           municipality = g.text("municipality"), streetAddress = g.text("street_address"),
                           facilityName = g.text("facility_name"))
        },
        employmentPeriod = f.raw("employment_period")?.let {
            val g = Fields(it, "employment_period", setOf("start", "end"))
            EmploymentPeriodDraft(start = g.text("start"), end = g.text("end"))
        },
        trialPeriodWeeks = f.long("trial_period_weeks"),
        duties = f.raw("duties")?.let {
            val g = Fields(it, "duties", setOf("kinds", "other_detail", "specifics"))
            DutiesDraft(kinds = g.raw("kinds")?.let { k -> eachOf(k, "duties.kinds") { d -> enumOf<DutyKind>(d) } }.orEmpty(),
                        otherDetail = g.text("other_detail"), specifics = g.text("specifics"))
        },
        salary = f.raw("salary")?.let {
            val g = Fields(it, "salary", setOf("basis", "amount_yen", "trial_amount_yen"))
            SalaryDraft(basis = g.enum<SalaryBasis>("basis"), amountYen = g.long("amount_yen"),
                        trialAmountYen = g.long("trial_amount_yen"))
        },
        workingHours = f.raw("working_hours")?.let {
            val g = Fields(it, "working_hours", setOf("start", "end", "break_minutes", "holidays", "overtime"))
            WorkingHoursDraft(start = g.text("start"), end = g.text("end"), breakMinutes = g.long("break_minutes"),
                              holidays = g.text("holidays"), overtime = g.bool("overtime"))
        },
        insurance = f.raw("insurance")?.let {
            val g = Fields(it, "insurance", setOf("employment", "workers_accident", "health", "pension", "other"))
            InsuranceDraft(employment = g.bool("employment"), workersAccident = g.bool("workers_accident"),
                           health = g.bool("health"), pension = g.bool("pension"), other = g.text("other"))
        },
        passiveSmoking = f.enum<PassiveSmoking>("passive_smoking"),
        passiveSmokingDetail = f.text("passive_smoking_detail"),
        notes = f.text("notes"),
        contact = f.raw("contact")?.let {
            val g = Fields(it, "contact", setOf("name", "address", "phone", "extension", "application_phone", "fax",
                                                "email"))
            ContactDraft(name = g.text("name"), address = g.text("address"), phone = g.text("phone"),
                         extension = g.text("extension"), applicationPhone = g.text("application_phone"),
                         fax = g.text("fax"), email = g.text("email"))
        },
        existingListings = f.raw("existing_listings")?.let {
            val g = Fields(it, "existing_listings", setOf("hello_work", "women_doctors_bank", "nurse_center", "other"))
            ExistingListingsDraft(helloWork = g.bool("hello_work"), womenDoctorsBank = g.bool("women_doctors_bank"),
                                  nurseCenter = g.bool("nurse_center"), other = g.text("other"))
        },
    )
}

fun recipientOf(data: Any?): Recipient {
    val f = Fields(data, "recipient", setOf("kind", "prefecture", "name"))
    return Recipient(kind = f.required("kind", f::text), prefecture = f.text("prefecture"), name = f.text("name"))
}

fun trainingPlanOf(data: Any?): TrainingPlan {
    val f = Fields(data, "plan", setOf("sessions"))
    return TrainingPlan(sessions = eachOf(f.required("sessions", f::raw), "plan.sessions") { s ->
        val g = Fields(s, "session", setOf("module", "minutes", "delivery", "title"))
        val minutes = g.required("minutes", g::long)
        if (minutes !in 0L..UInt.MAX_VALUE.toLong()) throw NotTyped("session.minutes: $minutes is beyond UInt")
        TrainingSession(module = enumOf<TrainingModule>(g.raw("module")), minutes = minutes.toUInt(),
                        delivery = g.enum<TrainingDelivery>("delivery"), title = g.text("title"))
    })
}

/** An event as an app builds it: every field its type needs, text as typed. */
fun lifecycleEventOf(data: Any?): LifecycleEvent {
    val type = (data as? Map<*, *>)?.get("type") as? String ?: throw NotTyped("event without a type")
    val keys = when (type) {
        "hire" -> setOf("type", "seeker_id", "on", "route")
        "training_completed" -> setOf("type", "seeker_id", "on", "plan")
        "close" -> setOf("type", "reason", "on")
        else -> setOf("type", "seeker_id", "on")
    }
    val f = Fields(data, "event $type", keys)
    val on = f.required("on", f::text)
    val seeker = { f.required("seeker_id", f::text) }
    return when (type) {
        "inquiry" -> LifecycleEvent.Inquiry(seekerId = seeker(), on = on)
        "application" -> LifecycleEvent.Application(seekerId = seeker(), on = on)
        "hire" -> LifecycleEvent.Hire(seekerId = seeker(), on = on, route = f.enum<HireRoute>("route"))
        "completion_reported" -> LifecycleEvent.CompletionReported(seekerId = seeker(), on = on)
        "training_completed" -> LifecycleEvent.TrainingCompleted(seekerId = seeker(), on = on,
                                                                 plan = trainingPlanOf(f.required("plan", f::raw)))
        "close" -> LifecycleEvent.Close(reason = enumOf<ClosedReason>(f.raw("reason")), on = on)
        else -> throw NotTyped("event type $type")
    }
}

fun distributionRuleOf(data: Any?): DistributionRule {
    val f = Fields(data, "rule", setOf("kind", "label_ja", "view", "occupations", "occupations_label",
                                       "occupation_noun", "region", "tied_to_prefecture", "needs_name", "source"))
    val occupations = f.raw("occupations") ?: throw NotTyped("rule: no occupations")
    return DistributionRule(
        kind = f.required("kind", f::text), labelJa = f.required("label_ja", f::text),
        view = enumOf<ViewKind>(f.raw("view")),
        occupations = if (occupations == "all") null else eachOf(occupations, "rule.occupations") { enumOf<Occupation>(it) },
        occupationsLabel = f.required("occupations_label", f::text),
        occupationNoun = f.required("occupation_noun", f::text),
        region = enumOf<Region>(f.raw("region")),
        tiedToPrefecture = f.bool("tied_to_prefecture") ?: false,
        needsName = f.bool("needs_name") ?: false,
        source = f.text("source") ?: "",
    )
}

/** Absent → the standard rules (an empty list); `{"rules": […]}` → each; one rule → a list of it. */
fun rulesOf(data: Any?): List<DistributionRule> = when {
    data == null -> emptyList()
    data is Map<*, *> && "rules" in data -> eachOf(data["rules"], "rules") { distributionRuleOf(it) }
    else -> listOf(distributionRuleOf(data))
}

/** A typed `Posting` through `postingFromJson`: the core reads its form as a posting's. */
fun postingOf(data: Any?): Posting = postingFromJson(Json.write(data))

fun postingsOf(data: Any?): List<Posting> = eachOf(data, "postings") { postingOf(it) }

// --- typed values → JSON data -------------------------------------------------------------------

/** Record fields whose JSON key is not their snake_case name. */
private val JSON_KEY = mapOf("facilityType" to "type")
/** Fields of the core's records that its JSON does not write: a workplace's local government
 *  code, and the posting an inquiry is about (the posting that holds it). */
private val NOT_IN_JSON = setOf("Workplace.municipalityCode", "Inquiry.postingId")

/**
 * A UniFFI value as JSON data, the way the core writes it, except that absent and null are not
 * told apart (see `prune`). Records are read through Java reflection: the fields of a generated
 * data class are its properties.
 */
fun plain(value: Any?): Any? = when (value) {
    null, is Boolean, is String, is Long, is Double -> value
    is Int -> value.toLong()
    is Short -> value.toLong()
    is Byte -> value.toLong()
    is UInt -> value.toLong()
    is UShort -> value.toLong()
    is UByte -> value.toLong()
    is ULong -> value.toLong()
    is Float -> value.toDouble()
    is Enum<*> -> if (value == PassiveSmoking.NO_MEASURES) "none" else value.name.lowercase()
    is List<*> -> value.map(::plain)
    is Map<*, *> -> value.entries.associate { (k, v) -> k.toString() to plain(v) }
    else -> record(value)
}

private fun record(value: Any): Map<String, Any?> {
    val cls = value.javaClass
    val out = LinkedHashMap<String, Any?>()
    for (field in cls.declaredFields) {
        if (Modifier.isStatic(field.modifiers) || "${cls.simpleName}.${field.name}" in NOT_IN_JSON) continue
        field.isAccessible = true
        out[JSON_KEY[field.name] ?: snake(field.name)] = plain(field.get(value))
    }
    // A delivery's content is flattened into it; an event carries its type.
    val content = out["content"]
    if (value is Delivery && content is Map<*, *>) {
        out.remove("content")
        for ((k, v) in content) out[k as String] = v
    }
    if (value is LifecycleEvent) return linkedMapOf<String, Any?>("type" to snake(cls.simpleName)) + out
    return out
}

/** Drops null values and empty lists from objects (the JSON omits some, keeps others). */
fun prune(value: Any?): Any? = when (value) {
    is Map<*, *> -> value.entries.filter { (_, v) -> v != null && v != emptyList<Any?>() }
        .associate { (k, v) -> k.toString() to prune(v) }
    is List<*> -> value.map(::prune)
    else -> value
}
