/**
 * npm run load [-- --cycles 1000 --printers 40 --aps 10 --loss 0.05 --jitter 300 --timeout 500 --retries 5]
 *
 * 1,000 poll cycles of 50 devices (40 printers in printer-supplies, 10 APs in ap-clients) over a
 * network that drops 5 % of requests and delays every answer by 0-300 ms. With a 500 ms timeout
 * and 5 retries a request fails only if six tries in a row are lost (0.05^6, about 1.6e-8), so
 * every device should report in every cycle. Prints the figures; exits non-zero if any device
 * failed to report in any cycle.
 */
import { fmt, numberArg } from "./args";
import { runLoad } from "./load-lib";

async function main(): Promise<void> {
    const o = {
        cycles: numberArg("cycles", 1000),
        printers: numberArg("printers", 40),
        aps: numberArg("aps", 10),
        lossRate: numberArg("loss", 0.05),
        jitterMs: numberArg("jitter", 300),
        timeout: numberArg("timeout", 500),
        retries: numberArg("retries", 5),
        seed: numberArg("seed", 1),
    };
    console.log(
        `load: ${fmt(o.cycles)} cycles of ${o.printers} printers + ${o.aps} APs, loss ${o.lossRate * 100} %, ` +
            `jitter 0-${o.jitterMs} ms, timeout ${o.timeout} ms, retries ${o.retries}`,
    );
    const r = await runLoad({
        ...o,
        onCycle: (cycle, ms) => {
            if (cycle % 50 === 0) console.log(`  cycle ${cycle}: ${Math.round(ms)} ms`);
        },
    });
    console.table({
        cycles: fmt(r.cycles),
        devices: r.devices,
        "device polls": fmt(r.cycles * r.devices),
        reported: fmt(r.reported),
        "failed to report": r.failed.length,
        "cycles with every device": `${fmt(r.completeCycles)} of ${fmt(r.cycles)}`,
        "requests seen by the simulator": fmt(r.requests),
        "requests dropped (loss)": `${fmt(r.lost)} (${((100 * r.lost) / Math.max(1, r.requests)).toFixed(2)} %)`,
        "cycle ms min / median / p95 / max": `${r.cycleMs.min} / ${r.cycleMs.median} / ${r.cycleMs.p95} / ${r.cycleMs.max}`,
        "CPU s (client and simulator)": (r.cpuMs / 1000).toFixed(1),
        "heap MB after GC / RSS MB at the end": `${r.heapMb} / ${r.rssMb}`,
        "wall time s": (r.ms / 1000).toFixed(0),
    });
    console.log("final status:", r.finalStatus);
    for (const f of r.failed.slice(0, 20)) console.log(`FAILED ${f}`);
    process.exitCode = r.failed.length === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
