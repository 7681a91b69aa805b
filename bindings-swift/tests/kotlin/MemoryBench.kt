// A benchmark, not a test: N calls through the Kotlin binding in a loop, the JVM heap (after a
// GC) and the process's resident memory printed at every tenth, to show that neither grows —
// every Rust buffer and object handed to Kotlin is freed. Run by
// `bash scripts/test-kotlin.sh --bench-memory [N]` (release library); figures in
// docs/benchmarks.md.
package keynet.tests

import keynet.*
import keynet.core.*
import java.io.File

private fun rssKiB(): Long = File("/proc/self/status").readLines()
    .firstOrNull { it.startsWith("VmRSS:") }?.filter { it.isDigit() }?.toLong() ?: -1

/** The heap in use after a GC, and the heap the JVM holds from the system (part of the RSS). */
private fun heapKiB(): Pair<Long, Long> {
    val runtime = Runtime.getRuntime()
    repeat(2) { System.gc() }
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024 to runtime.totalMemory() / 1024
}

private fun row(i: Int, start: Long): String {
    val (used, committed) = heapKiB()
    return "$i\t$used\t$committed\t${rssKiB()}\t${"%.1f".format((System.nanoTime() - start) / 1e9)}"
}

/** One call of a mix an app makes (kinds 0–4, in turn): validate a draft, read a form into an
 *  object and view it, register and apply an event, distribute, an error thrown and caught.
 *  Kinds 5–8 split kind 3 into its parts, to find what holds memory. */
private fun oneCall(i: Int, kind: Int, draft: FormDraft, recipients: List<Recipient>) {
    when (kind) {
        0 -> check(validate(draft).registrable)
        1 -> ValidForm(draft).use { check(it.publicView().contact.phone == null) }
        2 -> ValidForm(draft).use { valid ->
            valid.register("P-$i", "2020-06-01").use { it.apply(LifecycleEvent.Inquiry(seekerId = "S-$i", on = "2020-06-02")) }
        }
        3 -> check(distribute(listOf(register(normalize(draft), "P-$i", "2020-06-01")), recipients).isNotEmpty())
        5 -> check(normalize(draft).openings.toInt() == 2)
        6 -> check(register(heldForm, "P-$i", "2020-06-01").postingId == "P-$i")
        7 -> check(distribute(listOf(heldPosting), recipients).isNotEmpty())
        8 -> check(recipients.size == standardRecipients(listOf("A社")).size)
        else -> try {
            normalize(draft.copy(openings = 0L))
            throw IllegalStateException("0 openings accepted")
        } catch (e: KeyNetException.InvalidForm) {
            check(e.findings.isNotEmpty())
        }
    }
}

private val heldForm by lazy { formFromJson(File("tests/cases/domain_example.json").readText().let { Json.parse(it) as Map<*, *> }["input"].let { normalizeJson(Json.write(it)) }) }
private val heldPosting by lazy { register(heldForm, "P-0", "2020-06-01") }

fun main(args: Array<String>) {
    val calls = args.getOrNull(0)?.toInt() ?: 1_000_000
    val draft = Json.parse(File(args.getOrElse(1) { "tests/cases/domain_example.json" }).readText())
        .let { formDraftOf((it as Map<*, *>)["input"]) }
    // A further argument runs one kind of call only (0–4, as in `oneCall`), to find a leak.
    val only = args.getOrNull(2)?.toInt()
    val recipients = standardRecipients(listOf("A社"))
    val step = maxOf(1, calls / 10)
    println("calls\theap used KiB (after GC)\theap committed KiB\tRSS KiB\tseconds")
    val start = System.nanoTime()
    for (i in 0 until calls) {
        if (i % step == 0) println(row(i, start))
        oneCall(i, only ?: (i % 5), draft, recipients)
    }
    println(row(calls, start))
}
