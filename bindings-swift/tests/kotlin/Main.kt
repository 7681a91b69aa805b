// The Kotlin API as an app uses it, compiled against the generated bindings and run on the JVM by
// scripts/test-kotlin.sh (with GoldenCases.kt) and by bindings-swift/scripts/check-kotlin.sh.
import keynet.*
import keynet.core.*

fun specDraft() = FormDraft(
    maskingRequested = true,
    facility = FacilityDraft(id = "GM13-004217", name = "千代田中央病院", facilityType = FacilityType.HOSPITAL,
                             prefecture = "東京都"),
    occupation = Occupation.NURSE,
    openings = 2L,
    workplace = WorkplaceDraft(postalCode = "〒１０１－００６２", prefecture = "13", municipality = "千代田区",
                               streetAddress = "神田駿河台4-6", facilityName = "北館1階 発熱外来"),
    employmentPeriod = EmploymentPeriodDraft(start = "令和2年6月1日", end = "2020-09-30"),
    duties = DutiesDraft(kinds = listOf(DutyKind.RETURNEE_CONTACT_OUTPATIENT, DutyKind.OTHER),
                         otherDetail = "PCR検体採取", specifics = "内科"),
    salary = SalaryDraft(basis = SalaryBasis.HOURLY, amountYen = 2500L),
    workingHours = WorkingHoursDraft(start = "16:30", end = "翌9:00", breakMinutes = 120L,
                                     holidays = "シフト制（週2日）", overtime = false),
    insurance = InsuranceDraft(employment = true, workersAccident = true, health = true, pension = true),
    passiveSmoking = PassiveSmoking.PREMISES_NO_SMOKING,
    contact = ContactDraft(name = "山田 花子", phone = "０３－３２９２－００００", extension = "215",
                           email = "jinji@example.jp"),
    existingListings = ExistingListingsDraft(helloWork = true, womenDoctorsBank = false, nurseCenter = true),
)

fun main() {
    // The functions.
    val form = normalize(specDraft())
    check(form.contact.phone == "03-3292-0000")
    try {
        normalize(specDraft().copy(openings = 0L))
        error("0 openings were accepted")
    } catch (e: KeyNetException.InvalidForm) {
        check(e.findings.any { it.path == "openings" } && e.at == null)
    }

    // The objects: read once, used as they are; AutoCloseable.
    ValidForm(specDraft()).use { valid ->
        check(valid.form() == form && valid.maskingRequested())
        check(valid.publicView() == publicView(form))
        check(valid.publicView().contact.phone == null)
        val posting = valid.register("P-1", "2020-06-01")
        check(posting.toRecord() == register(form, "P-1", "2020-06-01"))
        posting.apply(LifecycleEvent.Inquiry(seekerId = "S-1", on = "2020-06-02"))
        check(posting.disclose("S-1").contact.phone == "03-3292-0000")
        val before = posting.toRecord()
        try {
            posting.applyEvents(listOf(
                LifecycleEvent.Application(seekerId = "S-2", on = "2020-06-03"),
                LifecycleEvent.Application(seekerId = "S-2", on = "2020-06-04")))
            error("applied twice")
        } catch (e: KeyNetException.Lifecycle) {
            check(e.at == 1u && e.problem == LifecycleProblem.AlreadyApplied(seekerId = "S-2")) { "$e" }
            check(posting.toRecord() == before) { "not all or nothing" }
        }
        val again = PostingObject.fromJson(posting.toJson())
        check(again.toRecord() == before)
        RuleSet().use { rules ->
            val recipients = standardRecipients(listOf("A社"))
            val records = listOf(posting.toRecord(), again.toRecord())
            check(rules.distribute(listOf(posting, again), recipients) == distribute(records, recipients))
            val center = Recipient(kind = "prefectural_nurse_center", prefecture = "13", name = null)
            check(rules.explain(posting, center) == explain(posting.toRecord(), center))
            check(RuleSet.fromJson(rules.toJson()).rules() == standardRules())
        }
    }
    println("keynet Kotlin check: ok")
}
