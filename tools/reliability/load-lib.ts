/**
 * A lossy, jittery network under both query nodes in a flow (node-red-node-test-helper): the
 * simulator drops a share of requests and delays each answer by a random 0..jitter ms; the
 * nodes poll every device again as soon as the previous cycle has finished. Counted per cycle:
 * which devices reported; overall: cycle times, the simulator's losses, CPU, memory.
 * Used by `npm run load` (1,000 cycles of 50 devices) and a short run in `npm test`.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { NodeMessage } from "node-red";
import type { NodeStatus } from "../../nodes/lib/status";
import { allNodes, helper } from "../../test/helpers/nodered";
import { startSimulator, type SimDevice } from "../sim";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures");
const PRINTER_FILES = ["colour-laser", "inkjet", "mono-quirks", "samsung-mono", "xerox-phaser"];
const AP_FILES = ["cisco-aireos", "ubnt-unifi", "mikrotik-wifi", "aruba-instant", "ruckus-zd"];

export interface LoadOptions {
    cycles: number;
    printers: number;
    aps: number;
    lossRate: number;
    jitterMs: number;
    /** snmp-credentials timeout (ms) and retries. */
    timeout: number;
    retries: number;
    seed: number;
    onCycle?: (cycle: number, ms: number) => void;
}

export interface LoadResult {
    cycles: number;
    devices: number;
    /** Device polls that reported a reading. */
    reported: number;
    /** Device polls that ended in an error, with their texts. */
    failed: string[];
    /** Cycles in which every device reported. */
    completeCycles: number;
    cycleMs: { min: number; median: number; p95: number; max: number };
    requests: number;
    lost: number;
    cpuMs: number;
    rssMb: number;
    /** Heap after GC at the end, with the flow still loaded. */
    heapMb: number;
    finalStatus: Record<string, NodeStatus | undefined>;
    ms: number;
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
    const devices: SimDevice[] = [];
    for (let i = 0; i < o.printers; i++) {
        const base = PRINTER_FILES[i % PRINTER_FILES.length]!;
        devices.push({
            name: `printer-${i + 1}`,
            file: path.join(FIXTURES, "printers", `${base}.snmprec`),
            port: 0,
            dynamics: false,
        });
    }
    for (let i = 0; i < o.aps; i++) {
        const base = AP_FILES[i % AP_FILES.length]!;
        devices.push({
            name: `ap-${i + 1}`,
            file: path.join(FIXTURES, "wireless", `${base}.snmprec`),
            port: 0,
            dynamics: false,
        });
    }
    const sim = await startSimulator({
        devices,
        faults: { lossRate: o.lossRate, jitterMs: o.jitterMs },
        seed: o.seed,
        logLimit: 0,
    });
    const line = (name: string): string => {
        const ep = sim.endpoint(name);
        return `${ep.host}:${ep.port} ${name}`;
    };
    const printerNames = devices.filter((d) => d.name.startsWith("printer")).map((d) => d.name);
    const apNames = devices.filter((d) => d.name.startsWith("ap")).map((d) => d.name);
    const flow = [
        { id: "t1", type: "tab", label: "load" },
        { id: "c1", type: "snmp-credentials", version: "2c", timeout: o.timeout, retries: o.retries },
        {
            id: "p1",
            z: "t1",
            type: "printer-supplies",
            snmp: "c1",
            devices: printerNames.map(line).join("\n"),
            wires: [["out"], []],
        },
        {
            id: "a1",
            z: "t1",
            type: "ap-clients",
            snmp: "c1",
            devices: apNames.map(line).join("\n"),
            wires: [["out"], [], []],
        },
        { id: "out", z: "t1", type: "helper" },
    ];
    const result: LoadResult = {
        cycles: 0,
        devices: devices.length,
        reported: 0,
        failed: [],
        completeCycles: 0,
        cycleMs: { min: 0, median: 0, p95: 0, max: 0 },
        requests: 0,
        lost: 0,
        cpuMs: 0,
        rssMb: 0,
        heapMb: 0,
        finalStatus: {},
        ms: 0,
    };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const times: number[] = [];
    await helper.startServer();
    try {
        await helper.load(allNodes(), flow, { c1: { community: "public" } });
        const done = new Map<string, number>();
        for (const id of ["p1", "a1"]) {
            const n = helper.getNode(id) as unknown as { status(s: NodeStatus): void };
            const original = n.status.bind(n);
            n.status = (s: NodeStatus) => {
                if (s.fill !== undefined && s.fill !== "blue") {
                    result.finalStatus[id] = s;
                    done.set(id, (done.get(id) ?? 0) + 1);
                }
                original(s);
            };
        }
        let seen: NodeMessage[] = [];
        helper.getNode("out")?.on("input", (m: NodeMessage) => seen.push(m));
        for (let cycle = 1; cycle <= o.cycles; cycle++) {
            seen = [];
            // The test helper's sinon spies keep every send, status and log call with its
            // arguments while a flow is loaded: forget them, they are not the nodes' memory.
            (helper as unknown as { _sandbox?: { resetHistory(): void } })._sandbox?.resetHistory();
            const t0 = performance.now();
            const before = { p1: done.get("p1") ?? 0, a1: done.get("a1") ?? 0 };
            if (o.printers > 0) helper.getNode("p1")?.receive({ payload: cycle });
            if (o.aps > 0) helper.getNode("a1")?.receive({ payload: cycle });
            while (
                (o.printers > 0 && (done.get("p1") ?? 0) === before.p1) ||
                (o.aps > 0 && (done.get("a1") ?? 0) === before.a1)
            ) {
                await new Promise((r) => setTimeout(r, 5));
            }
            const ms = performance.now() - t0;
            times.push(ms);
            let ok = 0;
            for (const m of seen as (NodeMessage & {
                payload: { reachable: boolean; error?: { message: string } };
            })[]) {
                if (m.payload.reachable) ok++;
                else
                    result.failed.push(
                        `cycle ${cycle}, ${String(m.topic)}: ${m.payload.error?.message ?? "?"}`,
                    );
            }
            result.reported += ok;
            if (ok === devices.length) result.completeCycles++;
            result.cycles = cycle;
            o.onCycle?.(cycle, ms);
        }
        (helper as unknown as { _sandbox?: { resetHistory(): void } })._sandbox?.resetHistory();
        gc();
        result.heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
        result.rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
        await helper.unload();
    } finally {
        await helper.stopServer();
        const c = sim.counters;
        result.requests = c.requests;
        result.lost = c.lost;
        await sim.stop();
    }
    const sorted = [...times].sort((a, b) => a - b);
    result.cycleMs = {
        min: Math.round(sorted[0] ?? 0),
        median: Math.round(percentile(sorted, 50)),
        p95: Math.round(percentile(sorted, 95)),
        max: Math.round(sorted[sorted.length - 1] ?? 0),
    };
    const used = process.cpuUsage(cpu);
    result.cpuMs = Math.round((used.user + used.system) / 1000);
    result.ms = Math.round(performance.now() - started);
    return result;
}
