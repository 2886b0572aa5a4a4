/**
 * npm run soak [-- --redeploys 200 --polls-per-deploy 50]
 *
 * 10,000 polls (each a poll of 3 printers and 2 APs) and 200 full redeploys in one process.
 * Prints sockets, timers and memory; exits non-zero if a socket or timer is left behind, a
 * device failed to report, or memory grew beyond the bound (heap 16 MB, RSS 64 MB after warm-up).
 */
import { fmt, numberArg } from "./args";
import { resourcesAdded, runSoak } from "./soak-lib";

const HEAP_BOUND_MB = 16;
const RSS_BOUND_MB = 64;

async function main(): Promise<void> {
    const redeploys = numberArg("redeploys", 200);
    const pollsPerDeploy = numberArg("polls-per-deploy", 50);
    console.log(`soak: ${fmt(redeploys * pollsPerDeploy)} polls, ${redeploys} redeploys`);
    const r = await runSoak({
        redeploys,
        pollsPerDeploy,
        onProgress: (round, s) =>
            console.log(
                `  redeploy ${round}: ${fmt(s.polls)} polls, heap ${s.heapMb.toFixed(1)} MB, RSS ${s.rssMb.toFixed(0)} MB`,
            ),
    });
    console.table({
        polls: fmt(r.polls),
        redeploys: r.redeploys,
        "device polls": fmt(r.devicePolls),
        "failed to report": r.failed.length,
        "UDP sockets (kernel) before / peak / after": `${r.udp.before} / ${r.udp.peak} / ${r.udp.after}`,
        "package sockets peak / after": `${r.packageSockets.peak} / ${r.packageSockets.after}`,
        "active resources before": r.activeResources.before.join(", ") || "(none)",
        "active resources after": r.activeResources.after.join(", ") || "(none)",
        "live timers before / after (census)": `${r.timers.before} / ${r.timers.after}`,
        "heap growth after warm-up MB (while polling)": r.heapGrowthMb.toFixed(1),
        "RSS growth after warm-up MB": r.rssGrowthMb.toFixed(1),
        "heap / RSS MB after the last unload": `${r.afterUnload?.heapMb.toFixed(1)} / ${r.afterUnload?.rssMb.toFixed(0)}`,
        "wall time s": (r.ms / 1000).toFixed(0),
    });
    for (const t of r.timers.leftBehind) console.log(`TIMER LEFT BEHIND, created at ${t}`);
    for (const f of r.failed.slice(0, 10)) console.log(`FAILED ${f}`);
    const ok =
        r.failed.length === 0 &&
        r.udp.after === r.udp.before &&
        r.packageSockets.after === 0 &&
        r.timers.after === r.timers.before &&
        resourcesAdded(r.activeResources.before, r.activeResources.after).length === 0 &&
        r.heapGrowthMb < HEAP_BOUND_MB &&
        r.rssGrowthMb < RSS_BOUND_MB;
    console.log(ok ? "soak: nothing left behind, memory flat" : "soak: FAILED");
    process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
