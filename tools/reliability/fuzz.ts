/**
 * npm run fuzz [-- --mutations 100000 --seed 1]
 *
 * At least 100,000 mutated responses over loopback through session.ts (its own answer reader,
 * and net-snmp for what that leaves), runQuery and the decoders, then as many mutated query
 * results through the decoders directly.
 * Prints counts, time and outcomes; exits non-zero on any uncaught exception, unhandled
 * rejection, decoder exception or hang.
 */
import { numberArg, fmt } from "./args";
import { decoderFuzz, wireFuzz, type FuzzStats } from "./fuzz-lib";

function report(title: string, s: FuzzStats): void {
    console.log(`\n${title}`);
    console.table({
        mutations: fmt(s.mutations),
        runs: fmt(s.runs),
        "time (s)": (s.ms / 1000).toFixed(1),
        "per second": fmt((s.mutations * 1000) / s.ms),
        "slowest run (ms)": fmt(s.slowestMs),
        hangs: s.hangs,
        "watchdog firings": s.watchdogs,
        failures: s.failures.length,
    });
    console.log("outcomes:", s.outcomes);
    if (Object.keys(s.byMutation).length > 0) console.log("mutations by kind:", s.byMutation);
    for (const f of s.failures.slice(0, 20)) console.log(`FAILURE ${f}`);
}

async function main(): Promise<void> {
    const mutations = numberArg("mutations", 100_000);
    const seed = numberArg("seed", 1);
    console.log(
        `fuzz: ${fmt(mutations)} wire mutations and ${fmt(mutations)} decoder mutations, seed ${seed}`,
    );
    const wire = await wireFuzz({
        mutations,
        seed,
        onProgress: (s) =>
            console.log(`  wire: ${fmt(s.mutations)} mutations, ${(s.ms / 1000).toFixed(0)} s`),
    });
    report(
        "Wire: mutated responses through session.ts (decode.ts, net-snmp), runQuery, printer and AP decoding",
        wire,
    );
    const decoders = await decoderFuzz({
        iterations: mutations,
        seed,
        onProgress: (s) =>
            console.log(`  decoders: ${fmt(s.mutations)} results, ${(s.ms / 1000).toFixed(0)} s`),
    });
    report(
        "Decoders: mutated query results through printer decode, cache, AP detection and readings",
        decoders,
    );
    const bad = wire.failures.length + decoders.failures.length + wire.hangs;
    console.log(
        bad === 0
            ? "\nfuzz: no uncaught exception, no unhandled rejection, no hang"
            : `\nfuzz: ${bad} failures`,
    );
    process.exitCode = bad === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
