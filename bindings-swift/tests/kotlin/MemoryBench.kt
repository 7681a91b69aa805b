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

private fun heapKiB(): Long {
    val runtime = Runtime.getRuntime()
    repeat(2) { System.gc() }
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024
}

/** One call of a mix an app makes: validate a draft, read a form into an object and view it,
 *  register and apply an event, distribute, and an error thrown and caught. */
private fun oneCall(i: Int, draft: FormDraft, recipients: List<Recipient>) {
    when (i % 5) {
        0 -> check(validate(draft).registrable)
        1 -> ValidForm(draft).use { check(it.publicView().contact.phone == null) }
        2 -> ValidForm(draft).use { valid ->
            valid.register("P-$i", "2020-06-01").use { it.apply(LifecycleEvent.Inquiry(seekerId = "S-$i", on = "2020-06-02")) }
        }
        3 -> check(distribute(listOf(register(normalize(draft), "P-$i", "2020-06-01")), recipients).isNotEmpty())
        else -> try {
            normalize(draft.copy(openings = 0L))
            throw IllegalStateException("0 openings accepted")
        } catch (e: KeyNetException.InvalidForm) {
            check(e.findings.isNotEmpty())
        }
    }
}

fun main(args: Array<String>) {
    val calls = args.getOrNull(0)?.toInt() ?: 1_000_000
    val draft = Json.parse(File(args.getOrElse(1) { "tests/cases/domain_example.json" }).readText())
        .let { formDraftOf((it as Map<*, *>)["input"]) }
    val recipients = standardRecipients(listOf("A社"))
    val step = maxOf(1, calls / 10)
    println("calls\theap KiB (after GC)\tRSS KiB\tseconds")
    val start = System.nanoTime()
    for (i in 0 until calls) {
        if (i % step == 0) println("$i\t${heapKiB()}\t${rssKiB()}\t${"%.1f".format((System.nanoTime() - start) / 1e9)}")
        oneCall(i, draft, recipients)
    }
    println("$calls\t${heapKiB()}\t${rssKiB()}\t${"%.1f".format((System.nanoTime() - start) / 1e9)}")
}
