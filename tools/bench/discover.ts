// Benchmark of snmp-discover's scan: a /24 on loopback with 20 simulated devices (the issue's
// acceptance: under 10 s, every device classified right), at the default 50 addresses in flight
// next to 10 and to all 254 at once. Called by `npm run bench`, or alone: `node tools/bench/discover.js`.
// The simulator runs in this process: the time is the silent addresses' timeouts, not CPU.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { scan } from "../../nodes/lib/discover/scan";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { startNetwork } from "../sim/network";

const FIXTURES = join(__dirname, "..", "..", "test", "fixtures");

/** 20 devices and what a scan must call them. */
const OFFICE: { dir: string; name: string; kind: string }[] = [
    ...["colour-laser", "hp-jetdirect-v3", "inkjet", "kyocera-used-waste", "mono-quirks"].map((name) => ({
        dir: "printers",
        name,
        kind: "printer",
    })),
    ...["ricoh-private", "samsung-mono", "xerox-phaser"].map((name) => ({
        dir: "printers",
        name,
        kind: "printer",
    })),
    ...["aruba-instant", "cisco-aireos", "mikrotik-wifi", "ruckus-zd", "tplink-eap", "ubnt-unifi"].map(
        (name) => ({
            dir: "wireless",
            name,
            kind: "wireless",
        }),
    ),
    ...["aerohive", "cambium-epmp", "fortigate", "unifi-ap"].map((name) => ({
        dir: "wireless",
        name,
        kind: "wireless",
    })),
    { dir: "printers", name: "nas", kind: "other" },
    { dir: "wireless", name: "linux-server", kind: "other" },
];

export async function run(): Promise<void> {
    console.log("## snmp-discover: a /24 on loopback, 20 devices, 234 silent addresses\n");
    console.log("timeout 1000 ms, no retry, one set of SNMP settings; the simulator in this process.\n");
    const net = await startNetwork(
        OFFICE.map((d) => ({ name: d.name, file: join(FIXTURES, d.dir, `${d.name}.snmprec`) })),
        "127.0.30",
    );
    const settings = { ...normalizeSettings({ version: "2c", port: net.port }), timeout: 1000, retries: 0 };
    const targets = Array.from({ length: 254 }, (_, i) => ({ host: `127.0.30.${i + 1}` }));
    const rows: string[][] = [];
    try {
        for (const concurrency of [50, 10, 254]) {
            const before = net.sim.counters.requests;
            const started = performance.now();
            const outcome = await scan({
                targets,
                credentials: [settings],
                concurrency,
                signal: new AbortController().signal,
            });
            const seconds = (performance.now() - started) / 1000;
            const right = OFFICE.filter(
                (d) => outcome.devices.find((f) => f.host === net.addresses.get(d.name))?.kind === d.kind,
            ).length;
            rows.push([
                concurrency === 50 ? "50 at once (default)" : `${concurrency} at once`,
                seconds.toFixed(1),
                `${outcome.devices.length}/20`,
                `${right}/20`,
                String(net.sim.counters.requests - before),
            ]);
        }
    } finally {
        await net.sim.stop();
    }
    const head = ["addresses in flight", "seconds", "found", "classified right", "requests the agents saw"];
    const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]): string =>
        `| ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`;
    console.log(line(head));
    console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of rows) console.log(line(r));
    console.log("");
}

if (require.main === module) {
    run().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
