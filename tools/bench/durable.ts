// Benchmark of the durable state files (nodes/lib/durable): what one write of a node's state
// costs at each node's bound, atomically (temporary file, fsync, rename) next to a plain
// overwrite, and how long reading it back at start takes. A slot writes at most once a second.
// Called by `npm run bench`, or alone: `node tools/bench/durable.js`.
import { promises as fs, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { AlertBook, MAX_KEYS, parseRules } from "../../nodes/lib/alert";
import { readInput } from "../../nodes/lib/alert/observe";
import type { Observation } from "../../nodes/lib/alert/types";
import type { ClientStates } from "../../nodes/lib/ap/events";
import { MAX_SAVED_CLIENTS, saveKnownClients } from "../../nodes/lib/ap/known";
import { StateFile } from "../../nodes/lib/durable/file";
import { ForecastEngine } from "../../nodes/lib/forecast/engine";
import { emptyState as emptyForecast } from "../../nodes/lib/forecast/state";
import { VirtualPrinter } from "../forecast-synthetic";

const HOUR = 3_600_000;
const RUNS = 5;

/** threshold-alert at its bound: MAX_KEYS generic keys, each alerting (read as one observation). */
function alertState(): unknown {
    const parsed = parseRules({ genericWarning: "50", genericCritical: "90" });
    if (!("rules" in parsed)) throw new Error("alert rules");
    const now = Date.UTC(2026, 0, 5, 10);
    const readings: Observation["readings"][number][] = [];
    for (let i = 0; i < MAX_KEYS; i++) {
        const input = readInput({ topic: `sensor ${i}`, payload: 95 }, parsed.rules, now);
        if (input.kind !== "observation") throw new Error(`alert input ${input.kind}`);
        readings.push(...input.observation.readings);
    }
    const book = new AlertBook();
    book.input({ readings }, parsed.rules, now);
    return book.state;
}

/** ap-clients at its bound: MAX_SAVED_CLIENTS clients over 200 controllers. */
function clientsState(): unknown {
    const devices: [string, ClientStates][] = [];
    const perDevice = MAX_SAVED_CLIENTS / 200;
    for (let d = 0; d < 200; d++) {
        const states: ClientStates = new Map();
        for (let c = 0; c < perDevice; c++) {
            const mac = `02:00:${(d >> 8).toString(16).padStart(2, "0")}:${(d & 255).toString(16).padStart(2, "0")}:${(c >> 8).toString(16).padStart(2, "0")}:${(c & 255).toString(16).padStart(2, "0")}`;
            states.set(mac, {
                apId: `ap${c % 20}`,
                ap: `AP ${c % 20}`,
                ssid: "Office",
                name: `laptop-${c}`,
                signal: -60,
            });
        }
        devices.push([`127.0.${d >> 8}.${d & 255}:161`, states]);
    }
    return saveKnownClients(devices);
}

/** supply-forecast: 100 printers (5 supplies each), polled hourly for 28 days. */
function forecastState(): unknown {
    const start = Date.UTC(2026, 0, 1);
    const engine = new ForecastEngine(emptyForecast());
    const fleet = Array.from({ length: 100 }, (_, i) => {
        const p = new VirtualPrinter(
            { host: `127.1.${i}.1`, pagesPerDay: 150, schedule: "office", noise: 0.8, seed: i + 1 },
            start,
        );
        for (const color of ["black", "cyan", "magenta", "yellow"])
            p.addSupply({ id: `1.${color}`, name: `${color} toner`, color, yieldPages: 7000 });
        p.addSupply({
            id: "1.waste",
            type: "wasteToner",
            class: "receptacle",
            color: null,
            yieldPages: 40_000,
        });
        return p;
    });
    for (let t = start; t <= start + 28 * 24 * HOUR; t += HOUR) {
        for (const p of fleet) {
            p.advance(t);
            engine.update(p.payload(), t);
        }
    }
    return engine.state;
}

interface Figures {
    bytes: number;
    blockedMs: number;
    atomicMs: number;
    plainMs: number;
    readMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(dir: string, name: string, state: unknown): Promise<Figures> {
    const blocked: number[] = [];
    const atomic: number[] = [];
    const plain: number[] = [];
    const read: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
        // A new file object each run: one that has written this state skips an unchanged write.
        const file = new StateFile(dir, name, "bench", 256 * 1024 * 1024);
        const t0 = performance.now();
        const written = await file.write(state);
        atomic.push(performance.now() - t0);
        blocked.push(written.blockedMs);
        bytes = written.bytes;

        const t1 = performance.now();
        await fs.writeFile(join(dir, `${name}.plain.json`), JSON.stringify(state));
        plain.push(performance.now() - t1);

        const t2 = performance.now();
        const back = await new StateFile(dir, name, "bench", 256 * 1024 * 1024).read();
        read.push(performance.now() - t2);
        if (back.kind !== "ok") throw new Error(`${name} did not read back`);
    }
    return {
        bytes,
        blockedMs: median(blocked),
        atomicMs: median(atomic),
        plainMs: median(plain),
        readMs: median(read),
    };
}

const ms = (x: number): string => (x < 10 ? x.toFixed(1) : x.toFixed(0));

export async function run(): Promise<void> {
    console.log("## Durable state: one write and one read of a node's state file (median of 5)\n");
    const dir = mkdtempSync(join(tmpdir(), "snmp-office-bench-state-"));
    try {
        const cases: [string, () => unknown][] = [
            [`threshold-alert, ${MAX_KEYS.toLocaleString("en-US")} alerting keys (its bound)`, alertState],
            [`ap-clients, ${MAX_SAVED_CLIENTS.toLocaleString("en-US")} clients (its bound)`, clientsState],
            ["supply-forecast, 500 supplies, 28 days hourly", forecastState],
        ];
        console.log(
            "state                                              | file MB | event loop held, ms | atomic write, ms | plain overwrite, ms | read at start, ms",
        );
        for (const [label, build] of cases) {
            const f = await measure(dir, label.split(",")[0] ?? "state", build());
            console.log(
                `${label.padEnd(50)} | ${(f.bytes / 1_048_576).toFixed(2).padStart(7)} | ${ms(f.blockedMs).padStart(19)} | ${ms(f.atomicMs).padStart(16)} | ${ms(f.plainMs).padStart(19)} | ${ms(f.readMs).padStart(17)}`,
            );
        }
        console.log(
            "\nAtomic: temporary file, fsync, rename, fsync of the folder (a crash leaves the old state or the new);\n" +
                "plain: fs.writeFile over the old file (a crash can leave half a file). Only serialising holds the event loop.\n",
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) void run();
